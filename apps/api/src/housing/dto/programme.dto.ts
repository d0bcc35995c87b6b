import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import type { EscalationStep } from '../../../../../libs/domain/src/escalation/ladder';
import { UNIT_CODE_PATTERN } from '../../../../../libs/domain/src/organisation/unit-tree';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { IsEscalationLadder } from '../../common/validators';

export class CreateProgrammeBody {
  @ApiProperty({ example: '2019年农村危房改造' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'zjj', description: 'unit code of the county housing bureau (住建局)' })
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  housingBureau!: string;

  @ApiProperty({
    example: {
      construction: '2019-06-30',
      acceptance: '2019-07-31',
      payment: '2019-07-31',
      'move-in': '2019-08-31',
    },
    description:
      'stage → date (end of that day, China time) or instant by which a household must have left the stage; stages: appraisal, approval, construction-start, construction, acceptance, payment, move-in',
  })
  @IsObject()
  stageDeadlines!: Record<string, string>;

  @ApiPropertyOptional({
    example: { village: 'P7D', township: null, county: 'P5D' },
    description: 'public notice (公示) after approval at each level, ISO 8601 duration or null',
  })
  @IsOptional()
  @IsObject()
  noticePeriods?: Record<string, string | null>;

  @ApiPropertyOptional({ example: 'P30D', description: 'no progress for this long escalates a household' })
  @IsOptional()
  @IsString()
  stallAfter?: string;

  @ApiPropertyOptional({
    example: 'P1M',
    description: 'a subsidy unpaid this long after acceptance is escalated',
  })
  @IsOptional()
  @IsString()
  paymentDueAfter?: string;

  @ApiPropertyOptional({
    example: 'PT1H',
    description: 'wake-ups for a shared deadline are spread over this window',
  })
  @IsOptional()
  @IsString()
  timerJitter?: string;

  @ApiPropertyOptional({ description: 'escalation ladder; defaults to the household ladder' })
  @IsOptional()
  @IsEscalationLadder()
  ladder?: EscalationStep[];
}

export class ProgrammeIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ImportIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class MonthlyReportQuery {
  @ApiProperty()
  @IsUUID()
  programme!: string;

  @ApiProperty({ example: '2019-06' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '须为年月（YYYY-MM）' })
  month!: string;
}

export class ReconcileBody {
  @ApiPropertyOptional({
    description: 'only these households of the programme (ids, at most 20,000); all of them when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20_000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  householdIds?: string[];
}
