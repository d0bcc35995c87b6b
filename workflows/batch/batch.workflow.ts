import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { BatchWorkflowInput } from '../../libs/contracts/src/batch/batch';

const { resolveBatch, applyBatchItems, finishBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['BatchNotFound'],
  },
});

/** Objects one activity call takes (each call sends them a fixed number at a time). */
export const BATCH_CHUNK = 40;

/**
 * One action over every object a filter matched when the batch started: the list is frozen by the
 * first activity, then each chunk is applied; a crash of the worker resumes at the next chunk, and
 * the objects of a chunk already applied are skipped (and their updates deduplicated by id).
 */
export async function batchWorkflow({ batchId }: BatchWorkflowInput): Promise<{ total: number }> {
  const { total } = await resolveBatch({ batchId });
  for (let fromSeq = 1; fromSeq <= total; fromSeq += BATCH_CHUNK)
    await applyBatchItems({ batchId, fromSeq, toSeq: Math.min(total, fromSeq + BATCH_CHUNK - 1) });
  await finishBatch({ batchId });
  return { total };
}
