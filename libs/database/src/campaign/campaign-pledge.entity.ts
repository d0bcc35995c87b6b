import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignOff } from '../../../domain/src/sign-off/sign-off';

/** A unit's responsibility pledge (责任状) for a campaign: open until it signs. */
@Entity({ name: 'campaign_pledge' })
export class CampaignPledge {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @PrimaryColumn('text') unit!: string;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt!: Date | null;
  @Column({ name: 'sign_off', type: 'jsonb', nullable: true }) signOff!: SignOff | null;
  @Column({ name: 'escalation_level', type: 'int' }) escalationLevel!: number;
}
