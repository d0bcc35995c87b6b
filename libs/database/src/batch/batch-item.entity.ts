import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BatchItemResult } from '../../../contracts/src/batch/batch';

/** One object of a batch's frozen list and what became of it. */
@Entity({ name: 'batch_item' })
export class BatchItem {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' }) batchId!: string;
  /** Position in the frozen list, from 1. */
  @PrimaryColumn('int') seq!: number;
  /** The item's id, or the campaign task's key. */
  @Column({ name: 'object_id', type: 'text' }) objectId!: string;
  /** What a person recognises the object by (户编号 and head of household). */
  @Column('text') label!: string;
  @Column('text') result!: BatchItemResult;
  @Column({ type: 'text', nullable: true }) code!: string | null;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
