import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HouseholdState } from '../../../domain/src/housing/household-process';
import type { HouseholdStage } from '../../../domain/src/housing/household-stages';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** Read model of one household's repair, projected from its pipeline workflow (the source of truth). */
@Entity({ name: 'household' })
export class Household {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId!: string;
  @Column({ name: 'import_id', type: 'uuid' }) importId!: string;
  @Column({ name: 'household_no', type: 'text' }) householdNo!: string;
  @Column({ name: 'head_name', type: 'text' }) headName!: string;
  @Column('text') village!: string;
  @Column('text') township!: string;
  @Column({ name: 'village_path', type: 'text' }) villagePath!: string;
  @Column({ name: 'registered_poor', type: 'boolean' }) registeredPoor!: boolean;
  @Column({ name: 'house_rating', type: 'text' }) houseRating!: string;
  @Column({ name: 'planned_subsidy_fen', type: 'bigint', transformer: bigintNumber })
  plannedSubsidyFen!: number;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ name: 'pipeline_started', type: 'boolean' }) pipelineStarted!: boolean;
  @Column('text') stage!: HouseholdStage;
  @Column({ name: 'approval_level', type: 'text', nullable: true }) approvalLevel!: string | null;
  @Column({ name: 'notice_ends_at', type: 'timestamptz', nullable: true }) noticeEndsAt!: Date | null;
  @Column({ name: 'open_objections', type: 'int' }) openObjections!: number;
  @Column({ name: 'stage_entered_at', type: 'timestamptz' }) stageEnteredAt!: Date;
  @Column({ name: 'last_progress_at', type: 'timestamptz' }) lastProgressAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  @Column({ name: 'moved_in_at', type: 'timestamptz', nullable: true }) movedInAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'payment_status', type: 'text', nullable: true }) paymentStatus!: string | null;
  @Column({ name: 'escalation_level', type: 'int' }) escalationLevel!: number;
  /** Units that have signed the acceptance (from `state.acceptanceSignatures`), for the to-do lists. */
  @Column({ name: 'acceptance_signed_units', type: 'text', array: true, default: () => "'{}'" })
  acceptanceSignedUnits!: string[];
  @Column('jsonb') state!: HouseholdState;
  @Column('int') version!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
