import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MeasureSpec, PacePoint } from '../../../domain/src/campaign/campaign-plan';
import type { TaskState, TaskStatus } from '../../../domain/src/campaign/campaign-task';

/** numeric and bigint columns read as numbers (quantities such as 747 户 or 98.5 %, milliseconds). */
const asNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Read model of one campaign task or sub-task, projected from its workflow (groups from the campaign's). */
@Entity({ name: 'campaign_task' })
export class CampaignTask {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @PrimaryColumn('text') key!: string;
  @Column({ name: 'parent_key', type: 'text', nullable: true }) parentKey!: string | null;
  @Column('int') ord!: number;
  @Column('text') name!: string;
  @Column({ name: 'lead_unit', type: 'text' }) leadUnit!: string;
  @Column({ name: 'cooperating_units', type: 'text', array: true }) cooperatingUnits!: string[];
  @Column({ name: 'is_group', type: 'boolean' }) isGroup!: boolean;
  @Column({ name: 'depends_on', type: 'text', array: true }) dependsOn!: string[];
  @Column('jsonb') measure!: MeasureSpec;
  @Column({ name: 'linked_ledger_id', type: 'uuid', nullable: true }) linkedLedgerId!: string | null;
  @Column({ name: 'linked_programme_id', type: 'uuid', nullable: true }) linkedProgrammeId!: string | null;
  @Column({ name: 'target_quantity', type: 'numeric', nullable: true, transformer: asNumber })
  targetQuantity!: number | null;
  @Column({ name: 'target_unit', type: 'text', nullable: true }) targetUnit!: string | null;
  @Column({ type: 'jsonb', nullable: true }) pace!: PacePoint[] | null;
  @Column('timestamptz') deadline!: Date;
  @Column({ name: 'original_deadline', type: 'timestamptz' }) originalDeadline!: Date;
  @Column('text') status!: TaskStatus;
  @Column({ name: 'quantity_done', type: 'numeric', nullable: true, transformer: asNumber })
  quantityDone!: number | null;
  @Column({ name: 'percent_done', type: 'numeric', nullable: true, transformer: asNumber })
  percentDone!: number | null;
  @Column({ name: 'escalation_level', type: 'int' }) escalationLevel!: number;
  /** Fired levels a leader must still decide (约谈, 问责). */
  @Column({ name: 'awaiting_leader', type: 'int', array: true }) awaitingLeader!: number[];
  @Column({ name: 'behind_pace', type: 'boolean' }) behindPace!: boolean;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'return_count', type: 'int' }) returnCount!: number;
  @Column({ name: 'paused_ms', type: 'bigint', transformer: asNumber }) pausedMs!: number;
  /** When the running pause began (state.paused.since); null while the task's clock runs. */
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true }) pausedSince!: Date | null;
  @Column({ name: 'workflow_id', type: 'text', nullable: true }) workflowId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) state!: TaskState | null;
  @Column('int') version!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
