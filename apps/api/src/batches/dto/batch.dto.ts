import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateNested, IsDefined } from 'class-validator';
import {
  BATCH_ITEM_RESULTS,
  BATCH_KINDS,
  type BatchItemResult,
  type BatchKind,
} from '../../../../../libs/contracts/src/batch/batch';
import {
  HOUSEHOLD_COMMAND_TYPES,
  type HouseholdCommandType,
} from '../../../../../libs/domain/src/housing/household-process';
import { PageQuery } from '../../common/page-query.dto';

const HOUSEHOLD_STEP_TYPES = HOUSEHOLD_COMMAND_TYPES.filter((t) => t !== 'attach-evidence');
import { HouseholdsQuery, HouseholdStepBody } from '../../housing/dto/household.dto';

/** The filter of GET /api/housing/households, without paging and order. */
export class HouseholdBatchFilter extends OmitType(HouseholdsQuery, ['page', 'pageSize', 'sort'] as const) {}

export class BatchPreviewBody {
  @ApiProperty({ enum: BATCH_KINDS })
  @IsIn(BATCH_KINDS, { message: `须为以下之一：${BATCH_KINDS.join('、')}` })
  kind!: BatchKind;

  @ApiProperty({ type: HouseholdBatchFilter })
  @IsDefined()
  @ValidateNested()
  @Type(() => HouseholdBatchFilter)
  filter!: HouseholdBatchFilter;

  @ApiPropertyOptional({
    enum: HOUSEHOLD_STEP_TYPES,
    description: 'the step to be taken: the count of objects the caller may act on is for this step',
  })
  @IsOptional()
  @IsIn(HOUSEHOLD_STEP_TYPES, { message: `须为以下之一：${HOUSEHOLD_STEP_TYPES.join('、')}` })
  stepType?: HouseholdCommandType;
}

export class BatchBody {
  @ApiProperty({ enum: BATCH_KINDS })
  @IsIn(BATCH_KINDS, { message: `须为以下之一：${BATCH_KINDS.join('、')}` })
  kind!: BatchKind;

  @ApiProperty({ type: HouseholdBatchFilter })
  @IsDefined()
  @ValidateNested()
  @Type(() => HouseholdBatchFilter)
  filter!: HouseholdBatchFilter;

  @ApiProperty({ type: HouseholdStepBody })
  @IsDefined()
  @ValidateNested()
  @Type(() => HouseholdStepBody)
  step!: HouseholdStepBody;
}

export class BatchPreview {
  @ApiProperty({ description: 'objects the filter matches among those the caller may see' })
  matched!: number;
  @ApiProperty({ description: 'of those, the objects the caller may take the step on' })
  actionable!: number;
}

export class BatchIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class BatchItemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BATCH_ITEM_RESULTS, description: 'only the objects with this result' })
  @IsOptional()
  @IsIn(BATCH_ITEM_RESULTS, { message: `须为以下之一：${BATCH_ITEM_RESULTS.join('、')}` })
  result?: BatchItemResult;
}

export class BatchItemView {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) objectId!: string;
  @ApiProperty({ description: 'what a person knows the object by (户编号 户主)' }) label!: string;
  @ApiProperty({ enum: BATCH_ITEM_RESULTS }) result!: BatchItemResult;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it was refused, in Chinese' })
  message!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}

export class BatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BATCH_KINDS }) kind!: BatchKind;
  @ApiProperty({ enum: ['resolving', 'running', 'finished'] }) status!: 'resolving' | 'running' | 'finished';
  @ApiProperty({ type: Number, nullable: true, description: 'objects frozen at the start (null until then)' })
  total!: number | null;
  @ApiProperty() done!: number;
  @ApiProperty() applied!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() notReached!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'objects with the requested result (all if none asked)' }) itemsTotal!: number;
  @ApiProperty({ type: [BatchItemView] }) items!: BatchItemView[];
}
