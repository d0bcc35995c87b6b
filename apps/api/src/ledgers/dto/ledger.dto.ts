import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { EscalationStep } from '../../../../../libs/domain/src/escalation/ladder';
import { IsBulletinCadence, IsDeadline, IsEscalationLadder } from '../../common/validators';

export class CreateLedgerBody {
  @ApiProperty({ example: '2019年省审计反馈问题整改台账' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '省审计报告' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiPropertyOptional({ description: 'the campaign this ledger belongs to' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  campaignId?: string;

  @ApiPropertyOptional({
    example: ['资金管理', '项目建设'],
    description: 'the ledger’s own categories (e.g. 4 levels, 17 aspects)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  classification?: string[];

  @ApiPropertyOptional({
    description: 'escalation ladder as data; the seeds’ default ladder when absent',
    type: Object,
    isArray: true,
  })
  @IsOptional()
  @IsEscalationLadder()
  ladder?: EscalationStep[];

  @ApiPropertyOptional({
    example: 'P1W',
    description: 'bulletin cadence (ISO 8601 duration); weekly by default',
  })
  @IsOptional()
  @IsBulletinCadence()
  bulletinEvery?: string;

  @ApiPropertyOptional({
    example: '2026-11-30T09:00:00+08:00',
    description: 'first bulletin; next Monday 09:00 CST by default',
  })
  @IsOptional()
  @IsDeadline()
  bulletinFirstAt?: string;
}

export class LedgerIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class LedgerView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() source!: string;
  @ApiPropertyOptional({ nullable: true }) campaignId!: string | null;
  @ApiProperty({ type: [String] }) classification!: string[];
  @ApiProperty({ type: Object, isArray: true }) ladder!: EscalationStep[];
  @ApiProperty() bulletinEvery!: string;
  @ApiProperty() bulletinFirstAt!: string;
  @ApiProperty() itemsRegistered!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}
