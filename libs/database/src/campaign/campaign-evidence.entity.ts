import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A photo or document a unit uploaded for a campaign task, kept with its SHA-256. */
@Entity({ name: 'campaign_evidence' })
export class CampaignEvidence {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ name: 'task_key', type: 'text' }) taskKey!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column('text') sha256!: string;
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ name: 'uploaded_by', type: 'text' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
