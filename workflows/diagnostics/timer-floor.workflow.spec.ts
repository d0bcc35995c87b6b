import { TestWorkflowEnvironment } from '@temporalio/testing';
import { floorWorker } from '../test/floor-worker';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { timerFloorWorkflow } from './timer-floor.workflow';

describe('timerFloorWorkflow', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const run = async (dueInMs: number) => {
    const { worker, echoed } = await floorWorker(env, 'timer-floor-test');
    return worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const dueAt = new Date(startedAt + dueInMs).toISOString();
      const handle = await env.client.workflow.start(timerFloorWorkflow, {
        taskQueue: 'timer-floor-test',
        workflowId: `timer-floor-test-${Date.now()}-${dueInMs}`,
        args: [dueAt],
      });
      const result = await handle.result();
      const events = (await handle.fetchHistory()).events ?? [];
      const fired = events.find((event) => event.timerFiredEventAttributes);
      const firedAt = fired ? Number(fired.eventTime!.seconds) * 1000 : null;
      return { result, echoed, firedAt, dueAt: Date.parse(dueAt) };
    });
  };

  it('sleeps on a durable timer until its instant, then runs the local activity once and completes', async () => {
    const { result, echoed, firedAt, dueAt } = await run(3_600_000);
    expect(result).toBe(1);
    expect(echoed).toEqual([1]);
    expect(firedAt).not.toBeNull();
    expect(firedAt!).toBeGreaterThanOrEqual(dueAt - 1000);
  });

  it('runs the local activity at once when its instant has passed', async () => {
    const { result, echoed, firedAt } = await run(-60_000);
    expect(result).toBe(1);
    expect(echoed).toEqual([1]);
    expect(firedAt).toBeNull();
  });
});
