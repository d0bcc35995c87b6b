import { heartbeat } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { BatchKind } from '../../libs/contracts/src/batch/batch';
import type { BatchItem } from '../../libs/database/src/batch/batch-item.entity';
import { BatchRunQueries } from '../../libs/database/src/batch/batch-run.queries';
import type { Batch } from '../../libs/database/src/batch/batch.entity';
import type { BatchKindHandler } from './batch-kind';
import { householdBatch } from './household-batch';
import { itemBatch } from './item-batch';
import { taskBatch } from './task-batch';

/** Objects of one batch sent at once: the fixed concurrency of a batch. */
export const BATCH_CONCURRENCY = 8;

/**
 * A batch's side effects: freezing the filter's matches into `batch_item`, sending each object's
 * step through the same update as the single step (with an update id from the batch and the object,
 * so a retried chunk or a resumed batch applies nothing twice) and recording each result. What
 * differs by kind (households, rectification items, campaign tasks) is in its handler.
 */
export function createBatchActivities(dataSource: DataSource, client: Client) {
  const kinds: Record<BatchKind, BatchKindHandler> = {
    'household-step': householdBatch(dataSource, client),
    'rectification-step': itemBatch(dataSource, client),
    'campaign-task-step': taskBatch(dataSource, client),
  };
  const runs = new BatchRunQueries(dataSource.manager);
  const kindOf = (batch: Batch): BatchKindHandler => {
    const kind = kinds[batch.kind as BatchKind];
    if (!kind)
      throw ApplicationFailure.create({
        type: 'BatchNotFound',
        message: `unknown batch kind ${batch.kind}`,
        nonRetryable: true,
      });
    return kind;
  };

  async function applyOne(batch: Batch, item: BatchItem): Promise<void> {
    const refusal = await kindOf(batch).apply(batch, item);
    await runs.recordResult(item, refusal);
  }

  return {
    /** Freezes the matching objects (once: a retry finds them frozen) and answers how many. */
    async resolveBatch({ batchId }: { batchId: string }): Promise<{ total: number }> {
      return dataSource.transaction(async (manager) => {
        const run = new BatchRunQueries(manager);
        const batch = await run.lockedForResolve(batchId);
        if (!batch) throw ApplicationFailure.create({ type: 'BatchNotFound', nonRetryable: true });
        if (batch.status !== 'resolving') return { total: batch.total ?? 0 };
        const frozen = await kindOf(batch).resolve(manager, batch);
        const items = frozen.map((object, i): BatchItem => ({
          batchId,
          seq: i + 1,
          objectId: object.objectId,
          label: object.label,
          result: object.refusal ? 'refused' : 'pending',
          code: object.refusal?.code ?? null,
          message: object.refusal?.message ?? null,
          finishedAt: object.refusal ? new Date() : null,
        }));
        await run.freeze(items);
        await run.markRunning(batchId, items.length);
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
      const batch = await runs.existingBatch(batchId);
      const pending = await runs.pendingBetween(batchId, fromSeq, toSeq);
      for (let i = 0; i < pending.length; i += BATCH_CONCURRENCY) {
        await Promise.all(pending.slice(i, i + BATCH_CONCURRENCY).map((item) => applyOne(batch, item)));
        heartbeat(i);
      }
    },

    /** Marks the batch finished; anything still pending was not reached. */
    async finishBatch({ batchId }: { batchId: string }): Promise<void> {
      await dataSource.transaction((manager) => new BatchRunQueries(manager).finish(batchId));
    },
  };
}
