import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/page-query.dto';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ITEM_STATUSES, type ItemStatus } from '../../../../../libs/domain/src/rectification/item-process';
import { UNIT_CODE_PATTERN } from '../../../../../libs/domain/src/organisation/unit-tree';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { queryBoolean } from '../../common/query-boolean';
import { IsDeadline } from '../../common/validators';

const Text = (max = 2000) => [IsString(), IsNotEmpty(), MaxLength(max)];

export class RegisterItemBody {
  @ApiProperty({ example: '部分危房改造补助资金未按时拨付到户' })
  @applyDecorators(...Text())
  problem!: string;

  @ApiProperty({ example: '2019年省审计报告' })
  @applyDecorators(...Text(200))
  source!: string;

  @ApiProperty({ example: '资金管理' })
  @applyDecorators(...Text(200))
  category!: string;

  @ApiProperty({ example: '审批环节多，拨付流程长' })
  @applyDecorators(...Text())
  analysis!: string;

  @ApiProperty({
    example: ['简化审批流程', '按月拨付到户'],
    description: 'numbered measures (整改措施), in order',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  measures!: string[];

  @ApiProperty({ example: 'bj-zjj' })
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  responsibleUnit!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'the one responsible person (一名责任人), of the responsible unit',
  })
  @IsUUID()
  responsiblePersonId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'who verifies and closes out (an inspector or the command center)',
  })
  @IsUUID()
  verifierId!: string;

  @ApiProperty({
    example: '2019-05-15',
    description: '基本整改到位: a date (end of that day, CST) or an instant',
  })
  @IsDeadline()
  basicDeadline!: string;

  @ApiProperty({ example: '2019-05-31', description: '全面整改到位' })
  @IsDeadline()
  fullDeadline!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an earlier item of this ledger that this one repeats (重复发现)',
  })
  @IsOptional()
  @IsUUID()
  repeatOf?: string;
}

export class ItemIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class EvidenceParams extends ItemIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() evidenceId!: string;
}

export class NoteBody {
  @ApiProperty({ example: '已完成第一批 120 户资金拨付' })
  @applyDecorators(...Text())
  note!: string;
}

export class ReasonBody {
  @ApiProperty({ example: '佐证材料不全' })
  @applyDecorators(...Text())
  reason!: string;
}

export class ReassignBody extends ReasonBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId!: string;
}

export class BulkReassignBody extends ReassignBody {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds!: string[];
}

export class ExtensionRequestBody extends ReasonBody {
  @ApiProperty({ example: '2019-06-30' })
  @IsDeadline()
  newFullDeadline!: string;

  @ApiPropertyOptional({ example: '2019-06-15' })
  @IsOptional()
  @IsDeadline()
  newBasicDeadline?: string;
}

export class ExtensionDecisionBody extends ReasonBody {
  @ApiProperty() @IsBoolean() approve!: boolean;
}

export class ReopenBody extends ReasonBody {
  @ApiPropertyOptional({ example: '2019-09-30', description: 'new full deadline; the old one when absent' })
  @IsOptional()
  @IsDeadline()
  newFullDeadline?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDeadline()
  newBasicDeadline?: string;
}

export class LeaderDecisionBody {
  @ApiProperty({ example: 5, description: 'ladder level awaiting a decision (约谈 5, 问责 6 by default)' })
  @IsInt()
  @Min(1)
  @Max(99)
  level!: number;

  @ApiProperty({ example: '约谈甲镇镇长，限期一个月整改到位' })
  @applyDecorators(...Text())
  decision!: string;
}

export class CommentBody {
  @ApiProperty({ example: '请县财政局配合' })
  @applyDecorators(...Text())
  body!: string;
}

export class RectificationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ledger?: string;

  @ApiPropertyOptional({ description: 'items of this unit and the units below it' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  unit?: string;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'escalation level, 0 = none' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(99)
  level?: number;

  @ApiPropertyOptional({
    description: 'free text: a part of the problem, its source or category, or the item number',
    example: '补助资金',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
