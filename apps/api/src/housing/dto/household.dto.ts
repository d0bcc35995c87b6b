import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  HOUSEHOLD_SORTS,
  type HouseholdSort,
} from '../../../../../libs/contracts/src/housing/household-list';
import { HOUSEHOLD_COMMAND_TYPES } from '../../../../../libs/domain/src/housing/household-process';
import { HOUSEHOLD_STAGES, HOUSE_RATINGS } from '../../../../../libs/domain/src/housing/household-stages';
import { UNIT_CODE_PATTERN } from '../../../../../libs/domain/src/organisation/unit-tree';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { PageQuery } from '../../common/page-query.dto';
import { IsCalendarDate } from '../../common/validators';
import { queryBoolean } from '../../common/query-boolean';

const YES = ['是', 'true', '1', 'yes', 'y'];
const NO = ['否', 'false', '0', 'no', 'n'];

/** One row of a household import, as read from the file (all cells are text). */
export class HouseholdRow {
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: '须为 1 至 40 位字母、数字或 -' })
  householdNo!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  headName!: string;

  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  village!: string;

  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  township!: string;

  @IsIn([...YES, ...NO], { message: '须为“是”或“否”' })
  registeredPoor!: string;

  @IsIn(HOUSE_RATINGS, { message: '须为 C 或 D（只改造危房）' })
  houseRating!: string;

  @Matches(/^\d{1,7}(\.\d{1,2})?$/, {
    message: '须为以元计的金额，例如 14000 或 14000.50',
  })
  plannedSubsidy!: string;
}

export const isYes = (text: string) => YES.includes(text.trim().toLowerCase());

export class HouseholdIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class HouseholdEvidenceParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  evidenceId!: string;
}

/** Validates a step's field only for the step types that take it. */
export const needs = (...types: string[]) =>
  ValidateIf((body: { type: string }) => types.includes(body.type));

/** One step on a household; which fields it needs depends on `type`. */
export class HouseholdStepBody {
  @ApiProperty({ enum: HOUSEHOLD_COMMAND_TYPES.filter((t) => t !== 'attach-evidence') })
  @IsIn(HOUSEHOLD_COMMAND_TYPES.filter((t) => t !== 'attach-evidence'), {
    message: `须为以下之一：${HOUSEHOLD_COMMAND_TYPES.filter((t) => t !== 'attach-evidence').join('、')}`,
  })
  type!: string;

  @ApiPropertyOptional({ description: 'what was done (record-*, approve, sign-acceptance)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'ids of evidence uploaded to this household that the step rests on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  evidenceIds?: string[];

  @ApiPropertyOptional({
    example: '2026-06-15',
    description:
      'record-appraisal, record-start, record-completion, record-move-in: the day (YYYY-MM-DD, China Standard Time) the milestone happened, when recorded later. It dates started/completed/moved-in (the start of that day, or now if today) and so the month the report counts it in; refused (409 BAD_OCCURRED_ON) if after today or before the previous milestone (approval passed, start, acceptance). The timeline keeps when it was recorded.',
  })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C', 'D'], description: 'record-appraisal: the house rating' })
  @needs('record-appraisal')
  @IsIn(['A', 'B', 'C', 'D'], { message: '须为 A、B、C 或 D' })
  rating?: string;

  @ApiPropertyOptional({ description: 'reject, resolve-objection, retry-payment, withdraw: why' })
  @needs('reject', 'resolve-objection', 'retry-payment', 'withdraw')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'file-objection: the objection raised during the public notice' })
  @needs('file-objection')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  objection?: string;

  @ApiPropertyOptional({ description: 'resolve-objection: which objection' })
  @needs('resolve-objection')
  @IsString()
  @IsNotEmpty()
  objectionId?: string;

  @ApiPropertyOptional({
    description: 'resolve-objection: true if the objection stands (the household goes back)',
  })
  @needs('resolve-objection')
  @IsBoolean()
  upheld?: boolean;
}

export class BulkStepBody {
  @ApiProperty({ description: 'households (ids) to record the step for, at most 1000' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  householdIds!: string[];

  @ApiProperty({ type: HouseholdStepBody })
  @ValidateNested()
  @Type(() => HouseholdStepBody)
  step!: HouseholdStepBody;
}

export class HouseholdsQuery extends PageQuery {
  @ApiProperty()
  @IsUUID()
  programme!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  township?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  village?: string;

  @ApiPropertyOptional({ enum: HOUSEHOLD_STAGES })
  @IsOptional()
  @IsIn(HOUSEHOLD_STAGES)
  stage?: string;

  @ApiPropertyOptional({ description: 'only households past (true) or within (false) their stage deadline' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'only households with no progress for the programme’s stall time' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  stalled?: boolean;

  @ApiPropertyOptional({
    enum: HOUSEHOLD_SORTS,
    description: 'order of the rows (a leading - for descending); by default township, then household number',
  })
  @IsOptional()
  @IsIn(HOUSEHOLD_SORTS, { message: `须为以下之一：${HOUSEHOLD_SORTS.join('、')}` })
  sort?: HouseholdSort;
}
