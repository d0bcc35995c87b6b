import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { batchWorkflowId } from '../../../../libs/contracts/src/batch/batch';
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
import { auditActor, CurrentUser } from '../access/current-user';
import { commandObjectId } from '../common/idempotency/idempotency-context';
import { stepCommand } from '../housing/households.service';
import type {
  BatchBody,
  BatchItemsQuery,
  BatchPreview,
  BatchPreviewBody,
  BatchView,
  HouseholdBatchFilter,
} from './dto/batch.dto';

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
        if (!unit || !isWithin(unit.path, caller.unitPath))
          throw new ForbiddenException({
            code: 'OTHER_UNIT',
            message: `筛选条件中的单位 ${code} 不在本单位范围内`,
          });
      }
    return programme;
  }

  async preview(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    const programme = await this.programmeFor(caller, body.filter);
    const stepType = body.stepType;
    const rows = await filterHouseholds(
      this.dataSource.getRepository(Household).createQueryBuilder('h').select(['h.id', 'h.villagePath']),
      programme,
      body.filter,
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

  /**
   * Records the batch, then starts its workflow (which reads the row, so it is committed first). If
   * Temporal is unreachable the answer is 503 and the row waits unstarted; a retry with the same
   * Idempotency-Key derives the same id, finds the row and starts the workflow once.
   */
  async start(caller: CurrentUser, body: BatchBody): Promise<BatchView> {
    await this.programmeFor(caller, body.filter);
    const command = stepCommand(body.step);
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
