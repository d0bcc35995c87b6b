import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { batchWorkflowId } from '../../libs/contracts/src/batch/batch';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { BATCH_CHUNK, batchWorkflow } from './batch.workflow';

const TASK_QUEUE = 'batch-test';

type Calls = Array<{ batchId: string; call: string; fromSeq?: number; toSeq?: number }>;

describe('batchWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const calls: Calls = [];
  const totals = new Map<string, number>();
  /** Chunks that fail once (as a crashed worker would) before they succeed. */
  const failOnce = new Set<string>();

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    const activities: Pick<Activities, 'resolveBatch' | 'applyBatchItems' | 'finishBatch'> = {
      resolveBatch({ batchId }) {
        calls.push({ batchId, call: 'resolve' });
        return Promise.resolve({ total: totals.get(batchId) ?? 0 });
      },
      applyBatchItems({ batchId, fromSeq, toSeq }) {
        calls.push({ batchId, call: 'apply', fromSeq, toSeq });
        const key = `${batchId}:${fromSeq}`;
        if (failOnce.delete(key)) return Promise.reject(new Error('worker lost'));
        return Promise.resolve();
      },
      finishBatch({ batchId }) {
        calls.push({ batchId, call: 'finish' });
        return Promise.resolve();
      },
    };
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const run = (batchId: string) =>
    env.client.workflow.execute(batchWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: batchWorkflowId(batchId),
      args: [{ batchId }],
    });

  it('freezes the list first, applies every object once in chunks, then finishes', async () => {
    const batchId = randomUUID();
    const total = BATCH_CHUNK * 2 + 3;
    totals.set(batchId, total);
    await expect(run(batchId)).resolves.toEqual({ total });
    const mine = calls.filter((c) => c.batchId === batchId);
    expect(mine.map((c) => c.call)).toEqual(['resolve', 'apply', 'apply', 'apply', 'finish']);
    const ranges = mine.filter((c) => c.call === 'apply').map((c) => [c.fromSeq, c.toSeq]);
    expect(ranges).toEqual([
      [1, BATCH_CHUNK],
      [BATCH_CHUNK + 1, BATCH_CHUNK * 2],
      [BATCH_CHUNK * 2 + 1, total],
    ]);
  });

  it('retries a chunk that failed and goes on from there, not from the start', async () => {
    const batchId = randomUUID();
    totals.set(batchId, BATCH_CHUNK * 2);
    failOnce.add(`${batchId}:${BATCH_CHUNK + 1}`);
    await run(batchId);
    const applied = calls.filter((c) => c.batchId === batchId && c.call === 'apply').map((c) => c.fromSeq);
    expect(applied).toEqual([1, BATCH_CHUNK + 1, BATCH_CHUNK + 1]);
    expect(calls.filter((c) => c.batchId === batchId && c.call === 'resolve')).toHaveLength(1);
  });

  it('finishes at once when the filter matched nothing', async () => {
    const batchId = randomUUID();
    await expect(run(batchId)).resolves.toEqual({ total: 0 });
    expect(calls.filter((c) => c.batchId === batchId).map((c) => c.call)).toEqual(['resolve', 'finish']);
  });
});
