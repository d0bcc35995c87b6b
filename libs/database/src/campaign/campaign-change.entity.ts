import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a campaign's change feed (task status and escalation changes), in the order written. */
@Entity({ name: 'campaign_change' })
export class CampaignChange {
  /** bigserial: kept as a string (it is an opaque, ever-growing cursor). */
  @PrimaryColumn('bigint') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') kind!: string;
  @Column({ name: 'task_key', type: 'text', nullable: true }) taskKey!: string | null;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
}
