import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignState, CampaignStatus } from '../../../domain/src/campaign/campaign-process';
import type { FinalReport } from '../../../domain/src/campaign/campaign-progress';

/**
 * A campaign (攻坚行动): written by the API while a draft, then projected from its workflow (the
 * source of truth once launched).
 */
@Entity({ name: 'campaign' })
export class Campaign {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') status!: CampaignStatus;
  @Column({ name: 'plan_version', type: 'int' }) planVersion!: number;
  @Column({ name: 'window_start', type: 'timestamptz' }) windowStart!: Date;
  @Column({ name: 'window_end', type: 'timestamptz' }) windowEnd!: Date;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ name: 'pledge_deadline', type: 'timestamptz', nullable: true }) pledgeDeadline!: Date | null;
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true }) pausedSince!: Date | null;
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true }) launchedAt!: Date | null;
  @Column({ name: 'launched_by', type: 'text', nullable: true }) launchedBy!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'final_report', type: 'jsonb', nullable: true }) finalReport!: FinalReport | null;
  @Column({ type: 'jsonb', nullable: true }) state!: CampaignState | null;
  @Column('int') version!: number;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
