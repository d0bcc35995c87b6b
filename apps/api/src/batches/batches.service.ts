import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { batchWorkflowId, type BatchKind } from '../../../../libs/contracts/src/batch/batch';
import { matchingTasks } from '../../../../libs/database/src/campaign/task-matches';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { filterItems } from '../../../../libs/database/src/rectification/item-filter';
import { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import type { TaskCommand, TaskCommandType } from '../../../../libs/domain/src/campaign/campaign-task';
import { taskStepRefusal } from '../../../../libs/domain/src/campaign/task-access';
import type { HouseholdCommandType } from '../../../../libs/domain/src/housing/household-process';
import { mayTakeItemStep } from '../../../../libs/domain/src/rectification/item-access';
import type { ItemCommand, ItemCommandType } from '../../../../libs/domain/src/rectification/item-process';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { BatchItem } from '../../../../libs/database/src/batch/batch-item.entity';
import { Batch } from '../../../../libs/database/src/batch/batch.entity';
import { filterHouseholds } from '../../../../libs/database/src/housing/household-filter';
import { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { Household } from '../../../../libs/database/src/housing/household.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import {
  householdReach,
  mayTakeHouseholdStep,
  readsWholeProgramme,
} from '../../../../libs/domain/src/housing/household-access';
import { isWithin } from '../../../../libs/domain/src/organisation/unit-tree';
import { Environment } from '../../../../libs/config/src/environment';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { batchWorkflow } from '../../../../workflows/batch/batch.workflow';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { commandObjectId } from '../common/idempotency/idempotency-context';
import { fieldInvalid } from '../common/validation-failed';
import { CampaignsService } from '../campaigns/campaigns.service';
import { stepCommand } from '../housing/households.service';
import { RectificationsService } from '../rectifications/rectifications.service';
import {
  BATCH_STEP_TYPES,
  type BatchBody,
  type BatchItemsQuery,
  type BatchPreview,
  type BatchPreviewBody,
  type BatchView,
  type HouseholdBatchFilter,
  type ItemBatchFilter,
  type ItemBatchStep,
  type TaskBatchFilter,
  type TaskBatchStep,
} from './dto/batch.dto';

const otherUnit = (code: string) =>
  new ForbiddenException({ code: 'OTHER_UNIT', message: `筛选条件中的单位 ${code} 不在本单位范围内` });
const notFound = (id: string) =>
  new NotFoundException({ code: 'BATCH_NOT_FOUND', message: `批量任务 ${id} 不存在` });

/**
 * Actions over "all that match this filter": the preview counts, the batch is started as a
 * workflow that freezes the matches and applies the step to each (batch.activities.ts).
 */
@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly items: RectificationsService,
    private readonly campaigns: CampaignsService,
  ) {}

  /**
   * The programme of the filter, after checking that a caller who reads only its own unit names no
   * township or village of another unit (403: a department's filter never reaches other units).
   */
  private async programmeFor(caller: CurrentUser, filter: HouseholdBatchFilter): Promise<HousingProgramme> {
    const programme = await this.dataSource
      .getRepository(HousingProgramme)
      .findOneBy({ id: filter.programme });
    if (!programme)
      throw new NotFoundException({
        code: 'PROGRAMME_NOT_FOUND',
        message: `危房改造项目 ${filter.programme} 不存在`,
      });
    if (!readsWholeProgramme(caller, programme))
      for (const code of [filter.township, filter.village].filter((c): c is string => !!c)) {
        const unit = await this.dataSource.getRepository(Unit).findOneBy({ code });
        if (!unit || !isWithin(unit.path, caller.unitPath)) throw otherUnit(code);
      }
    return programme;
  }

  /**
   * The path of an item filter's unit (400 if there is none); a caller who reads only its own unit
   * may name no unit outside it (403: a department's filter never reaches other units).
   */
  private async itemUnitPath(caller: CurrentUser, filter: ItemBatchFilter): Promise<string | undefined> {
    const unitPath = await this.items.filterUnitPath(filter.unit);
    if (filter.unit && unitPath && !readsAcrossUnits(caller) && !isWithin(unitPath, caller.unitPath))
      throw otherUnit(filter.unit);
    return unitPath;
  }

  /** The campaign must be one the caller sees (404 otherwise), and its unit one the caller reaches. */
  private async checkTaskFilter(caller: CurrentUser, filter: TaskBatchFilter): Promise<void> {
    await this.campaigns.visible(caller, filter.campaign);
    if (filter.unit && !readsAcrossUnits(caller)) {
      const unitPath = (await this.campaigns.unitPaths([filter.unit])).get(filter.unit);
      if (!unitPath || !isWithin(unitPath, caller.unitPath)) throw otherUnit(filter.unit);
    }
  }

  /** 400 naming `stepType` when it is not a step of the batch's kind. */
  private checkStepType(kind: BatchKind, stepType: string | undefined): void {
    if (stepType && !BATCH_STEP_TYPES[kind].includes(stepType))
      throw fieldInvalid(
        'stepType',
        `须为以下之一：${BATCH_STEP_TYPES[kind].join('、')}`,
        `${kind} 的办理事项须为以下之一：${BATCH_STEP_TYPES[kind].join('、')}`,
      );
  }

  async preview(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    this.checkStepType(body.kind, body.stepType);
    if (body.kind === 'rectification-step') return this.previewItems(caller, body);
    if (body.kind === 'campaign-task-step') return this.previewTasks(caller, body);
    const filter = body.filter as HouseholdBatchFilter;
    const programme = await this.programmeFor(caller, filter);
    const stepType = body.stepType as HouseholdCommandType | undefined;
    const rows = await filterHouseholds(
      this.dataSource.getRepository(Household).createQueryBuilder('h').select(['h.id', 'h.villagePath']),
      programme,
      filter,
      caller,
      new Date(),
    ).getMany();
    const scope = (h: Household) => ({ villagePath: h.villagePath, housingBureau: programme.housingBureau });
    return {
      matched: rows.length,
      actionable: rows.filter((h) =>
        stepType
          ? mayTakeHouseholdStep(caller, scope(h), stepType)
          : householdReach(caller, scope(h)).length > 0,
      ).length,
    };
  }

  private async previewItems(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    const filter = body.filter as ItemBatchFilter;
    const unitPath = await this.itemUnitPath(caller, filter);
    const rows = await filterItems(
      this.dataSource
        .getRepository(RectificationItem)
        .createQueryBuilder('i')
        .select(['i.id', 'i.responsibleUnitPath', 'i.verifierId', 'i.responsiblePersonId']),
      { ...filter, unitPath },
      caller,
      new Date(),
    ).getMany();
    const stepType = body.stepType as ItemCommandType | undefined;
    return {
      matched: rows.length,
      actionable: stepType ? rows.filter((i) => mayTakeItemStep(caller, i, stepType)).length : rows.length,
    };
  }

  private async previewTasks(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    const filter = body.filter as TaskBatchFilter;
    await this.checkTaskFilter(caller, filter);
    const tasks = await matchingTasks(this.dataSource.manager, filter.campaign, filter, caller);
    const stepType = body.stepType as TaskCommandType | undefined;
    return {
      matched: tasks.length,
      actionable: stepType
        ? tasks.filter(({ scope }) => taskStepRefusal(caller, scope, stepType) === null).length
        : tasks.length,
    };
  }

  /** The step each object gets, as its single route would send it, after the kind's filter is checked. */
  private async command(caller: CurrentUser, body: BatchBody): Promise<Batch['step']> {
    if (body.kind === 'rectification-step') {
      await this.itemUnitPath(caller, body.filter as ItemBatchFilter);
      return this.itemCommand(body.step as ItemBatchStep);
    }
    if (body.kind === 'campaign-task-step') {
      await this.checkTaskFilter(caller, body.filter as TaskBatchFilter);
      const step = body.step as TaskBatchStep;
      return step.type === 'extend'
        ? { type: 'extend', deadline: deadlineInstant(step.deadline!).toISOString(), reason: step.reason! }
        : ({ type: 'accept', note: step.note! } satisfies TaskCommand);
    }
    await this.programmeFor(caller, body.filter as HouseholdBatchFilter);
    return stepCommand(body.step);
  }

  private async itemCommand(step: ItemBatchStep): Promise<ItemCommand> {
    switch (step.type) {
      case 'record-progress':
        return { type: 'record-progress', note: step.note! };
      case 'pause':
      case 'resume':
        return { type: step.type, reason: step.reason! };
      case 'decide-extension':
        return { type: 'decide-extension', approve: step.approve!, reason: step.reason! };
      case 'reassign': {
        const person = await this.dataSource
          .getRepository(User)
          .findOneBy({ id: step.personId, active: true });
        if (!person) throw fieldInvalid('step.personId', '须为在岗人员', '新责任人须为在岗人员');
        return {
          type: 'reassign',
          personId: person.id,
          personName: person.displayName,
          reason: step.reason!,
        };
      }
    }
  }

  /**
   * Records the batch, then starts its workflow (which reads the row, so it is committed first). If
   * Temporal is unreachable the answer is 503 and the row waits unstarted; a retry with the same
   * Idempotency-Key derives the same id, finds the row and starts the workflow once.
   */
  async start(caller: CurrentUser, body: BatchBody): Promise<BatchView> {
    const command = await this.command(caller, body);
    const id = commandObjectId('batch') ?? randomUUID();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Batch)
      .values({
        id,
        kind: body.kind,
        filter: { ...body.filter },
        step: command,
        caller: {
          userId: caller.id,
          unitCode: caller.unitCode,
          unitPath: caller.unitPath,
          roles: caller.roles,
          actor: auditActor(caller),
        },
        createdBy: caller.id,
        status: 'resolving',
        total: null,
        finishedAt: null,
      })
      .orIgnore()
      .execute();
    try {
      await this.temporal.workflow.start<typeof batchWorkflow>('batchWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: batchWorkflowId(id),
        args: [{ batchId: id }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return this.progress(caller, id, { page: 1, pageSize: 50 });
  }

  async progress(caller: CurrentUser, id: string, query: BatchItemsQuery): Promise<BatchView> {
    const batch = await this.dataSource.getRepository(Batch).findOneBy({ id });
    const oversees = caller.roles.includes('command-center') || caller.roles.includes('admin');
    if (!batch || (batch.createdBy !== caller.id && !oversees)) throw notFound(id);
    const counts = await this.dataSource.query<{ result: string; n: number }[]>(
      `SELECT result, count(*)::int AS n FROM batch_item WHERE batch_id = $1 GROUP BY result`,
      [id],
    );
    const count = (result: string) => counts.find((c) => c.result === result)?.n ?? 0;
    const where = { batchId: id, ...(query.result ? { result: query.result } : {}) };
    const [items, itemsTotal] = await this.dataSource.getRepository(BatchItem).findAndCount({
      where,
      order: { seq: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      id: batch.id,
      kind: batch.kind as BatchView['kind'],
      status: batch.status,
      total: batch.total,
      done: count('applied') + count('refused') + count('not-reached'),
      applied: count('applied'),
      refused: count('refused'),
      notReached: count('not-reached'),
      createdAt: batch.createdAt.toISOString(),
      finishedAt: batch.finishedAt?.toISOString() ?? null,
      page: query.page,
      pageSize: query.pageSize,
      itemsTotal,
      items: items.map((item) => ({
        seq: item.seq,
        objectId: item.objectId,
        label: item.label,
        result: item.result,
        code: item.code,
        message: item.message,
        finishedAt: item.finishedAt?.toISOString() ?? null,
      })),
    };
  }
}
