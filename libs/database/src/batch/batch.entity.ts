import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TaskCommand } from '../../../domain/src/campaign/campaign-task';
import type { TaskFilter } from '../../../domain/src/campaign/task-filter';
import type { HouseholdCommand } from '../../../domain/src/housing/household-process';
import type { ItemCommand } from '../../../domain/src/rectification/item-process';
import type { AuditActor } from '../audit/audit-trail';
import type { HouseholdFilter } from '../housing/household-filter';
import type { ItemFilter } from '../rectification/item-filter';

/** A batch's filter as asked, by kind: a programme's households, items, one campaign's tasks. */
export type BatchFilter =
  (HouseholdFilter & { programme: string }) | ItemFilter | (TaskFilter & { campaign: string });

export type BatchStatus = 'resolving' | 'running' | 'finished';

/** Who started a batch, as the per-object rules need them (frozen at the request). */
export interface BatchCaller {
  userId: string;
  unitCode: string;
  unitPath: string;
  roles: string[];
  actor: AuditActor;
}

/** One action over "all that match this filter", run by `batchWorkflow`. */
@Entity({ name: 'batch' })
export class Batch {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: string;
  /** The list route's filter (for households its programme, for tasks its campaign), as asked. */
  @Column('jsonb') filter!: BatchFilter;
  /** The step each object gets, as the single route would send it. */
  @Column('jsonb') step!: HouseholdCommand | ItemCommand | TaskCommand;
  @Column('jsonb') caller!: BatchCaller;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column('text') status!: BatchStatus;
  @Column({ type: 'int', nullable: true }) total!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
