import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationStep } from '../../../domain/src/escalation/ladder';

/** A rectification ledger (问题整改台账): problems from one source, with its ladder and bulletin cadence. */
@Entity({ name: 'ledger' })
export class Ledger {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') source!: string;
  @Column({ name: 'campaign_id', type: 'text', nullable: true }) campaignId!: string | null;
  /** The ledger's own classification, e.g. 4 levels × 17 aspects: a list of category names. */
  @Column('jsonb') classification!: string[];
  @Column('jsonb') ladder!: EscalationStep[];
  @Column({ name: 'bulletin_every', type: 'text' }) bulletinEvery!: string;
  @Column({ name: 'bulletin_first_at', type: 'timestamptz' }) bulletinFirstAt!: Date;
  /** Counter that numbers the ledger's items 1, 2, 3 … */
  @Column({ name: 'items_registered', type: 'int', default: 0 }) itemsRegistered!: number;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
