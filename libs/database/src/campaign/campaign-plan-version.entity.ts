import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignPlanDocument, ResolvedPlan } from '../../../domain/src/campaign/campaign-plan';

/** One version of a campaign's plan as submitted (JSON or YAML, stored as JSON) and what it resolved to. */
@Entity({ name: 'campaign_plan_version' })
export class CampaignPlanVersion {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @PrimaryColumn('int') version!: number;
  /** The document as written (it passed planProblems when stored). */
  @Column('jsonb') document!: CampaignPlanDocument;
  @Column('jsonb') resolved!: ResolvedPlan;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** When the running campaign applied it (launch, or a plan change); null for a draft's versions. */
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true }) appliedAt!: Date | null;
}
