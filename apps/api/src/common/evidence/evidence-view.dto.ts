import { ApiProperty } from '@nestjs/swagger';

/** One evidence file as every process's detail view lists it (its content is downloaded apart). */
export class EvidenceView {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
}

/** What every process's evidence row holds (household_evidence, evidence_file, campaign_evidence). */
export interface EvidenceRow {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export function evidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}
