import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published bulletin (通报): a frozen snapshot as of its time; never rewritten. */
@Entity({ name: 'bulletin' })
export class Bulletin {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'ledger_id', type: 'uuid' }) ledgerId!: string;
  @Column('int') number!: number;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf!: Date;
  @Column('text') trigger!: 'schedule' | 'on-demand';
  @Column('jsonb') payload!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
