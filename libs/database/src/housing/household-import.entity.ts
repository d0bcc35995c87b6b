import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ImportStatus = 'starting' | 'done';

/** One uploaded batch of households and how far starting its pipelines has got. */
@Entity({ name: 'household_import' })
export class HouseholdImport {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column('int') households!: number;
  @Column('int') started!: number;
  @Column('text') status!: ImportStatus;
  @Column({ name: 'imported_by', type: 'text' }) importedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
