import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { RoundTripInput } from '../../libs/contracts/src/diagnostics/round-trip';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { diagnosticRoundTripWorkflow } from './round-trip.workflow';

describe('diagnosticRoundTripWorkflow', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('retries the recording activity until the database accepts the row', async () => {
    const attempts: RoundTripInput[] = [];
    const activities: Pick<Activities, 'recordRoundTrip'> = {
      recordRoundTrip(input) {
        attempts.push(input);
        if (attempts.length < 3) return Promise.reject(new Error('database unavailable'));
        return Promise.resolve({ checkId: input.checkId, recordedBy: 'test-worker' });
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'round-trip-test',
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities,
    });
    const input = {
      checkId: 'c0ffee00-0000-4000-8000-000000000001',
      requestedAt: '2026-11-23T00:00:00.000Z',
    };
    const result = await worker.runUntil(
      env.client.workflow.execute(diagnosticRoundTripWorkflow, {
        taskQueue: 'round-trip-test',
        workflowId: `round-trip-test-${Date.now()}`,
        args: [input],
      }),
    );
    expect(result).toEqual({ checkId: input.checkId, recordedBy: 'test-worker' });
    expect(attempts).toEqual([input, input, input]);
  });
});
