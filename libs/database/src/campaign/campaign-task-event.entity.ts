import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a campaign task's timeline: who did what, when, and why. */
@Entity({ name: 'campaign_task_event' })
export class CampaignTaskEvent {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @PrimaryColumn({ name: 'task_key', type: 'text' }) taskKey!: string;
  @PrimaryColumn('int') version!: number;
  @Column('timestamptz') at!: Date;
  @Column('text') type!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName!: string;
  @Column('text') summary!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
}
