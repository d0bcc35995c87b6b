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
