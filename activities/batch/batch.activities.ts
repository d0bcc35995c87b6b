import { heartbeat } from '@temporalio/activity';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, Between } from 'typeorm';
import { batchUpdateId } from '../../libs/contracts/src/batch/batch';
import { householdCommandUpdate } from '../../libs/contracts/src/housing/household-pipeline';
import { BatchItem } from '../../libs/database/src/batch/batch-item.entity';
import { Batch } from '../../libs/database/src/batch/batch.entity';
import { filterHouseholds } from '../../libs/database/src/housing/household-filter';
import { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import { Household } from '../../libs/database/src/housing/household.entity';
import type { Role } from '../../libs/domain/src/access/roles';
import { mayTakeHouseholdStep, NOT_YOUR_HOUSEHOLD } from '../../libs/domain/src/housing/household-access';
import { STAGE_LABELS } from '../../libs/domain/src/housing/household-stages';

/** Objects of one batch sent at once: the fixed concurrency of a batch. */
export const BATCH_CONCURRENCY = 8;

const callerOf = (batch: Batch) => ({ ...batch.caller, roles: batch.caller.roles as Role[] });

/**
 * A batch's side effects: freezing the filter's matches into `batch_item`, sending each object's
 * step through the same update as the single step (with an update id from the batch and the object,
 * so a retried chunk or a resumed batch applies nothing twice) and recording each result.
 */
export function createBatchActivities(dataSource: DataSource, client: Client) {
  async function refuse(item: BatchItem, code: string, message: string): Promise<void> {
    await dataSource
      .getRepository(BatchItem)
      .update(
        { batchId: item.batchId, seq: item.seq, result: 'pending' },
        { result: 'refused', code, message, finishedAt: new Date() },
      );
  }

  async function applyHouseholdStep(batch: Batch, item: BatchItem): Promise<void> {
    const household = await dataSource.getRepository(Household).findOneByOrFail({ id: item.objectId });
    if (household.stage === 'moved-in' || household.stage === 'withdrawn')
      return refuse(
        item,
        household.stage === 'moved-in' ? 'FINISHED' : 'WITHDRAWN',
        `该户${STAGE_LABELS[household.stage]}，不能再办理`,
      );
    try {
      await client.workflow.getHandle(household.workflowId).executeUpdate(householdCommandUpdate, {
        args: [{ command: batch.step, actor: batch.caller.actor }],
        updateId: batchUpdateId(batch.id, item.objectId),
      });
    } catch (error) {
      // A refused step (the pipeline's validator) is this object's result; anything else is retried.
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
        return refuse(item, error.cause.type ?? 'ILLEGAL_STEP', error.cause.message);
      throw error;
    }
    await dataSource
      .getRepository(BatchItem)
      .update(
        { batchId: item.batchId, seq: item.seq, result: 'pending' },
        { result: 'applied', finishedAt: new Date() },
      );
  }

  return {
    /** Freezes the matching objects (once: a retry finds them frozen) and answers how many. */
    async resolveBatch({ batchId }: { batchId: string }): Promise<{ total: number }> {
      return dataSource.transaction(async (manager) => {
        const batch = await manager
          .getRepository(Batch)
          .findOne({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
        if (!batch) throw ApplicationFailure.create({ type: 'BatchNotFound', nonRetryable: true });
        if (batch.status !== 'resolving') return { total: batch.total ?? 0 };
        const filter = batch.filter;
        const programme = await manager
          .getRepository(HousingProgramme)
          .findOneByOrFail({ id: filter.programme });
        const caller = callerOf(batch);
        const households = await filterHouseholds(
          manager.getRepository(Household).createQueryBuilder('h'),
          programme,
          filter,
          caller,
          batch.createdAt,
        )
          .orderBy('h.township', 'ASC')
          .addOrderBy('h.household_no', 'ASC')
          .addOrderBy('h.id', 'ASC')
          .getMany();
        const stepType = batch.step.type;
        const items = households.map((h, i): BatchItem => {
          const allowed = mayTakeHouseholdStep(
            caller,
            { villagePath: h.villagePath, housingBureau: programme.housingBureau },
            stepType,
          );
          return {
            batchId,
            seq: i + 1,
            objectId: h.id,
            label: `${h.householdNo} ${h.headName}`,
            result: allowed ? 'pending' : 'refused',
            code: allowed ? null : NOT_YOUR_HOUSEHOLD.code,
            message: allowed ? null : NOT_YOUR_HOUSEHOLD.message,
            finishedAt: allowed ? null : new Date(),
          };
        });
        for (let i = 0; i < items.length; i += 1000)
          await manager.getRepository(BatchItem).insert(items.slice(i, i + 1000));
        await manager
          .getRepository(Batch)
          .update({ id: batchId }, { status: 'running', total: items.length });
        return { total: items.length };
      });
    },

    /** Sends the step to the objects still pending among `fromSeq`..`toSeq`, a fixed number at a time. */
    async applyBatchItems({
      batchId,
      fromSeq,
      toSeq,
    }: {
      batchId: string;
      fromSeq: number;
      toSeq: number;
    }): Promise<void> {
      const batch = await dataSource.getRepository(Batch).findOneByOrFail({ id: batchId });
      const pending = await dataSource.getRepository(BatchItem).find({
        where: { batchId, seq: Between(fromSeq, toSeq), result: 'pending' },
        order: { seq: 'ASC' },
      });
      for (let i = 0; i < pending.length; i += BATCH_CONCURRENCY) {
        await Promise.all(
          pending.slice(i, i + BATCH_CONCURRENCY).map((item) => applyHouseholdStep(batch, item)),
        );
        heartbeat(i);
      }
    },

    /** Marks the batch finished; anything still pending was not reached. */
    async finishBatch({ batchId }: { batchId: string }): Promise<void> {
      await dataSource.transaction(async (manager) => {
        await manager
          .getRepository(BatchItem)
          .update(
            { batchId, result: 'pending' },
            { result: 'not-reached', message: '未处理', finishedAt: new Date() },
          );
        await manager
          .getRepository(Batch)
          .update({ id: batchId, status: 'running' }, { status: 'finished', finishedAt: new Date() });
      });
    },
  };
}
