import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignBulletinPayload } from '../../../domain/src/campaign/campaign-progress';

/** A weekly campaign bulletin (一周一通报): a frozen snapshot as of its time; the database refuses changes. */
@Entity({ name: 'campaign_bulletin' })
export class CampaignBulletin {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column('int') number!: number;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf!: Date;
  @Column('jsonb') payload!: CampaignBulletinPayload;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
