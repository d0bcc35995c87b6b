import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class RoundTripIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  id!: string;
}

export class StartRoundTripBody {
  @ApiPropertyOptional({
    description: 'why the check was run, kept in the logs',
    example: '发布后检查',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class RoundTripStarted {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'diagnostic-round-trip:0b8f…' }) workflowId!: string;
  @ApiProperty({ example: '/api/diagnostics/round-trips/0b8f…' }) location!: string;
}

export class RoundTripView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional({ description: 'worker host and process that wrote the row' }) recordedBy!: string;
}
