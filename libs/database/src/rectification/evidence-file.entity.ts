import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A piece of evidence (佐证材料) for an item, kept with its SHA-256. */
@Entity({ name: 'evidence_file' })
export class EvidenceFile {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column('text') sha256!: string;
  @Column('bytea', { select: false }) content!: Buffer;
  @Column({ name: 'uploaded_by', type: 'text' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
