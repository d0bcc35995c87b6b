import { TestWorkflowEnvironment } from '@temporalio/testing';
import { floorFinishSignal, floorStepUpdate } from '../../libs/contracts/src/diagnostics/update-floor';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { floorWorker } from '../test/floor-worker';
import { updateFloorWorkflow } from './update-floor.workflow';

describe('updateFloorWorkflow', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('answers each update with its count, runs the local activity only when asked, and ends when told', async () => {
    const { worker, echoed } = await floorWorker(env, 'update-floor-test');
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(updateFloorWorkflow, {
        taskQueue: 'update-floor-test',
        workflowId: `update-floor-test-${Date.now()}`,
      });
      const answers = [
        await handle.executeUpdate(floorStepUpdate, { args: [{ withLocalActivity: false }] }),
        await handle.executeUpdate(floorStepUpdate, { args: [{ withLocalActivity: true }] }),
        await handle.executeUpdate(floorStepUpdate, { args: [{ withLocalActivity: true }] }),
      ];
      await handle.signal(floorFinishSignal);
      return { answers, steps: await handle.result() };
    });
    expect(result).toEqual({ answers: [1, 2, 3], steps: 3 });
    expect(echoed).toEqual([1, 2]);
  });
});
