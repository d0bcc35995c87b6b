import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, OmitType } from '@nestjs/swagger';
import { Type, type TypeHelpOptions } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BATCH_ITEM_RESULTS,
  BATCH_KINDS,
  ITEM_BATCH_STEPS,
  TASK_BATCH_STEPS,
  type BatchItemResult,
  type BatchKind,
  type ItemBatchStepType,
  type TaskBatchStepType,
} from '../../../../../libs/contracts/src/batch/batch';
import { TASK_STATUSES, type TaskStatus } from '../../../../../libs/domain/src/campaign/campaign-task';
import {
  HOUSEHOLD_COMMAND_TYPES,
  type HouseholdCommandType,
} from '../../../../../libs/domain/src/housing/household-process';
import { UNIT_CODE_PATTERN } from '../../../../../libs/domain/src/organisation/unit-tree';
import { PageQuery } from '../../common/page-query.dto';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { IsDeadline } from '../../common/validators';
import { HouseholdsQuery, HouseholdStepBody, needs } from '../../housing/dto/household.dto';
import { RectificationsQuery } from '../../rectifications/dto/rectification.dto';

export const HOUSEHOLD_STEP_TYPES = HOUSEHOLD_COMMAND_TYPES.filter((t) => t !== 'attach-evidence');

/** Every step type a batch may take, of every kind (the preview's `stepType`). */
export const BATCH_STEP_TYPES: Record<BatchKind, readonly string[]> = {
  'household-step': HOUSEHOLD_STEP_TYPES,
  'rectification-step': ITEM_BATCH_STEPS,
  'campaign-task-step': TASK_BATCH_STEPS,
};
const ALL_STEP_TYPES = [...new Set(Object.values(BATCH_STEP_TYPES).flat())];

const Text = () => [IsString(), IsNotEmpty(), MaxLength(2000)];
/** The filter of GET /api/housing/households, without paging and order. */
export class HouseholdBatchFilter extends OmitType(HouseholdsQuery, ['page', 'pageSize', 'sort'] as const) {}

/** The filter of GET /api/rectifications (the ledger's item table), without paging. */
export class ItemBatchFilter extends OmitType(RectificationsQuery, ['page', 'pageSize'] as const) {}

/** The filter of a campaign's task table on the battle map (?unit=&status=&level=). */
export class TaskBatchFilter {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  campaign!: string;

  @ApiPropertyOptional({ description: 'tasks this unit leads or cooperates on' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  unit?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `须为以下之一：${TASK_STATUSES.join('、')}` })
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'escalation level (1 …)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  level?: number;
}

/** One step on rectification items; which fields it needs depends on `type`. */
export class ItemBatchStep {
  @ApiProperty({ enum: ITEM_BATCH_STEPS })
  @IsIn(ITEM_BATCH_STEPS, { message: `须为以下之一：${ITEM_BATCH_STEPS.join('、')}` })
  type!: ItemBatchStepType;

  @ApiPropertyOptional({ description: 'record-progress: the progress note' })
  @needs('record-progress')
  @applyDecorators(...Text())
  note?: string;

  @ApiPropertyOptional({ description: 'pause, resume, decide-extension, reassign: why' })
  @needs('pause', 'resume', 'decide-extension', 'reassign')
  @applyDecorators(...Text())
  reason?: string;

  @ApiPropertyOptional({
    description: 'decide-extension: approve (true) or refuse (false) the pending request',
  })
  @needs('decide-extension')
  @IsBoolean()
  approve?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'reassign: the new responsible person' })
  @needs('reassign')
  @IsUUID()
  personId?: string;
}

/** One step on campaign tasks; which fields it needs depends on `type`. */
export class TaskBatchStep {
  @ApiProperty({ enum: TASK_BATCH_STEPS })
  @IsIn(TASK_BATCH_STEPS, { message: `须为以下之一：${TASK_BATCH_STEPS.join('、')}` })
  type!: TaskBatchStepType;

  @ApiPropertyOptional({ description: 'accept: the sign-off note' })
  @needs('accept')
  @applyDecorators(...Text())
  note?: string;

  @ApiPropertyOptional({
    example: '2018-10-31',
    description: 'extend: the new deadline, a date (end of that day, CST) or an instant',
  })
  @needs('extend')
  @IsDeadline()
  deadline?: string;

  @ApiPropertyOptional({ description: 'extend: why' })
  @needs('extend')
  @applyDecorators(...Text())
  reason?: string;
}

const FILTERS: Record<BatchKind, new () => object> = {
  'household-step': HouseholdBatchFilter,
  'rectification-step': ItemBatchFilter,
  'campaign-task-step': TaskBatchFilter,
};
const STEPS: Record<BatchKind, new () => object> = {
  'household-step': HouseholdStepBody,
  'rectification-step': ItemBatchStep,
  'campaign-task-step': TaskBatchStep,
};
/** The class of the body's filter or step, by the body's `kind` (households when the kind is unknown). */
const byKind =
  (classes: Record<BatchKind, new () => object>) =>
  (options?: TypeHelpOptions): new () => object => {
    const kind: unknown = (options?.object as { kind?: unknown } | undefined)?.kind;
    // only the kinds themselves: `__proto__` or `constructor` in a body must not pick a class
    return (BATCH_KINDS as readonly unknown[]).includes(kind)
      ? classes[kind as BatchKind]
      : classes['household-step'];
  };

const filterSchema = {
  oneOf: [HouseholdBatchFilter, ItemBatchFilter, TaskBatchFilter].map((c) => ({ $ref: getSchemaPath(c) })),
  description:
    'the list filter of the kind: household-step the household list’s (with programme), rectification-step the item list’s, campaign-task-step the battle map task table’s (with campaign)',
};

@ApiExtraModels(HouseholdBatchFilter, ItemBatchFilter, TaskBatchFilter)
export class BatchPreviewBody {
  @ApiProperty({ enum: BATCH_KINDS })
  @IsIn(BATCH_KINDS, { message: `须为以下之一：${BATCH_KINDS.join('、')}` })
  kind!: BatchKind;

  @ApiProperty(filterSchema)
  @IsDefined()
  @ValidateNested()
  @Type(byKind(FILTERS))
  filter!: HouseholdBatchFilter | ItemBatchFilter | TaskBatchFilter;

  @ApiPropertyOptional({
    enum: ALL_STEP_TYPES,
    description:
      'the step to be taken (one of the kind’s): the count of objects the caller may act on is for this step',
  })
  @IsOptional()
  @IsIn(ALL_STEP_TYPES, { message: `须为以下之一：${ALL_STEP_TYPES.join('、')}` })
  stepType?: HouseholdCommandType | ItemBatchStepType | TaskBatchStepType;
}

@ApiExtraModels(
  HouseholdBatchFilter,
  ItemBatchFilter,
  TaskBatchFilter,
  HouseholdStepBody,
  ItemBatchStep,
  TaskBatchStep,
)
export class BatchBody {
  @ApiProperty({ enum: BATCH_KINDS })
  @IsIn(BATCH_KINDS, { message: `须为以下之一：${BATCH_KINDS.join('、')}` })
  kind!: BatchKind;

  @ApiProperty(filterSchema)
  @IsDefined()
  @ValidateNested()
  @Type(byKind(FILTERS))
  filter!: HouseholdBatchFilter | ItemBatchFilter | TaskBatchFilter;

  @ApiProperty({
    oneOf: [HouseholdStepBody, ItemBatchStep, TaskBatchStep].map((c) => ({ $ref: getSchemaPath(c) })),
    description: 'the step of the kind, with the fields its single route takes',
  })
  @IsDefined()
  @ValidateNested()
  @Type(byKind(STEPS))
  step!: HouseholdStepBody | ItemBatchStep | TaskBatchStep;
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
  @ApiProperty({ description: 'the household’s or item’s id, or the campaign task’s key' }) objectId!: string;
  @ApiProperty({ description: 'what a person knows the object by (户编号 户主, 第n号 问题, 任务编号 名称)' })
  label!: string;
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
