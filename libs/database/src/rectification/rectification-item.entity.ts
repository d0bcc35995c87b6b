import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ItemState, ItemStatus } from '../../../domain/src/rectification/item-process';

const bigintNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** Read model of one rectification item, projected from its workflow (the source of truth). */
@Entity({ name: 'rectification_item' })
export class RectificationItem {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'ledger_id', type: 'uuid' }) ledgerId!: string;
  @Column('int') number!: number;
  @Column('text') problem!: string;
  @Column('text') source!: string;
  @Column('text') category!: string;
  @Column('text') analysis!: string;
  @Column('jsonb') measures!: string[];
  @Column({ name: 'responsible_unit', type: 'text' }) responsibleUnit!: string;
  @Column({ name: 'responsible_unit_path', type: 'text' }) responsibleUnitPath!: string;
  @Column({ name: 'responsible_person_id', type: 'uuid' }) responsiblePersonId!: string;
  @Column({ name: 'verifier_id', type: 'uuid' }) verifierId!: string;
  @Column({ name: 'repeat_of', type: 'uuid', nullable: true }) repeatOf!: string | null;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column('text') status!: ItemStatus;
  @Column({ name: 'basic_deadline', type: 'timestamptz' }) basicDeadline!: Date;
  @Column({ name: 'full_deadline', type: 'timestamptz' }) fullDeadline!: Date;
  @Column({ name: 'original_basic_deadline', type: 'timestamptz' }) originalBasicDeadline!: Date;
  @Column({ name: 'original_full_deadline', type: 'timestamptz' }) originalFullDeadline!: Date;
  @Column({ name: 'basic_done_at', type: 'timestamptz', nullable: true }) basicDoneAt!: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true }) pausedSince!: Date | null;
  @Column({ name: 'paused_ms', type: 'bigint', transformer: bigintNumber }) pausedMs!: number;
  @Column({ name: 'pending_extension', type: 'jsonb', nullable: true })
  pendingExtension!: ItemState['pendingExtension'];
  @Column({ name: 'extensions_approved', type: 'int' }) extensionsApproved!: number;
  @Column({ name: 'reopen_count', type: 'int' }) reopenCount!: number;
  @Column({ name: 'rejection_count', type: 'int' }) rejectionCount!: number;
  @Column({ name: 'escalation_level', type: 'int' }) escalationLevel!: number;
  @Column({ name: 'awaiting_leader', type: 'int', array: true }) awaitingLeader!: number[];
  @Column('jsonb') state!: ItemState;
  @Column('int') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
