import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { testWorkflowBundle, testWorkflowSinks } from './workflow-bundle';

/**
 * A worker for the diagnostics' floor workflows on `taskQueue`, whose `floorEcho` local activity
 * records each value it is given in `echoed` (in the order run) and returns it.
 */
export async function floorWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
): Promise<{ worker: Worker; echoed: number[] }> {
  const echoed: number[] = [];
  const activities: Pick<Activities, 'floorEcho'> = {
    floorEcho(value) {
      echoed.push(value);
      return Promise.resolve(value);
    },
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await testWorkflowBundle(),
    sinks: testWorkflowSinks,
    activities,
  });
  return { worker, echoed };
}
