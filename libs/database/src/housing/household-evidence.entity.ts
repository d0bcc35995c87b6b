import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A photo or document attached to a household's step, kept with its SHA-256. */
@Entity({ name: 'household_evidence' })
export class HouseholdEvidence {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column('text') sha256!: string;
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ name: 'uploaded_by', type: 'text' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
