import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { PublishBulletinActivityInput } from '../../activities/rectification/bulletin.activities';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { LedgerBulletinInput, ledgerBulletinWorkflow } from './ledger-bulletin.workflow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

interface Published extends PublishBulletinActivityInput {
  /** Virtual time of the call. */
  atMs: number;
}

describe('ledgerBulletinWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let published: Published[];
  let sequence = 0;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    const activities: Pick<Activities, 'publishBulletin'> = {
      async publishBulletin(input) {
        const atMs = await env.currentTimeMs();
        // A retried call for the same instant returns the stored bulletin: record each instant once.
        const existing = published.findIndex((p) => p.ledgerId === input.ledgerId && p.asOf === input.asOf);
        if (existing < 0) published.push({ ...input, atMs });
        const number = existing < 0 ? published.length : existing + 1;
        return { bulletinId: `b-${input.ledgerId}-${number}`, number };
      },
    };
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'ledger-bulletin-test',
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

  async function startSchedule(input: Omit<LedgerBulletinInput, 'ledgerId'>) {
    published = [];
    const ledgerId = `ledger-${++sequence}`;
    const handle = await env.client.workflow.start(ledgerBulletinWorkflow, {
      taskQueue: 'ledger-bulletin-test',
      workflowId: `ledger-bulletins:${ledgerId}`,
      args: [{ ledgerId, ...input }],
    });
    return { handle, ledgerId };
  }

  const iso = (ms: number) => new Date(ms).toISOString();

  it('publishes exactly one bulletin a week, as of each due time, over three virtual weeks', async () => {
    const start = await env.currentTimeMs();
    const firstAt = start + HOUR;
    const { handle, ledgerId } = await startSchedule({ every: 'P1W', firstAt: iso(firstAt) });
    await env.sleep('21 days');
    expect(published.map(({ ledgerId: id, asOf, trigger }) => ({ id, asOf, trigger }))).toEqual([
      { id: ledgerId, asOf: iso(firstAt), trigger: 'schedule' },
      { id: ledgerId, asOf: iso(firstAt + WEEK), trigger: 'schedule' },
      { id: ledgerId, asOf: iso(firstAt + 2 * WEEK), trigger: 'schedule' },
    ]);
    // Each at its due time (not before it, and not long after it).
    for (const p of published) {
      expect(p.atMs).toBeGreaterThanOrEqual(Date.parse(p.asOf));
      expect(p.atMs - Date.parse(p.asOf)).toBeLessThan(MINUTE);
    }
    await handle.terminate('test finished');
  });

  it('runs on minutes for a demonstration cadence (PT10M)', async () => {
    const start = await env.currentTimeMs();
    const firstAt = start + 10 * MINUTE;
    const { handle } = await startSchedule({ every: 'PT10M', firstAt: iso(firstAt) });
    await env.sleep('65 minutes');
    expect(published.map((p) => p.asOf)).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => iso(firstAt + k * 10 * MINUTE)),
    );
    for (const p of published) expect(p.atMs - Date.parse(p.asOf)).toBeLessThan(MINUTE);
    await handle.terminate('test finished');
  });

  it('starts from firstAt: due times already past are published at once, each as of its own time', async () => {
    const start = await env.currentTimeMs();
    const firstAt = start - 25 * MINUTE;
    const { handle } = await startSchedule({ every: 'PT10M', firstAt: iso(firstAt) });
    await env.sleep('1 minute');
    expect(published.map((p) => p.asOf)).toEqual([
      iso(firstAt),
      iso(firstAt + 10 * MINUTE),
      iso(start - 5 * MINUTE),
    ]);
    await env.sleep('5 minutes');
    expect(published.map((p) => p.asOf)).toHaveLength(4);
    expect(published[3].asOf).toBe(iso(start + 5 * MINUTE));
    await handle.terminate('test finished');
  });

  it('carries on after the last bulletin it published when continued as new', async () => {
    const start = await env.currentTimeMs();
    const firstAt = start - HOUR;
    const { handle } = await startSchedule({
      every: 'P1D',
      firstAt: iso(firstAt),
      lastPublishedAsOf: iso(firstAt),
    });
    await env.sleep('1 day');
    expect(published.map((p) => p.asOf)).toEqual([iso(firstAt + DAY)]);
    await handle.terminate('test finished');
  });

  it('fails at once on a cadence that is not a positive duration', async () => {
    const start = await env.currentTimeMs();
    const { handle } = await startSchedule({ every: 'PT0S', firstAt: iso(start) });
    const failure = await handle.result().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'InvalidBulletinSchedule' });
    expect(published).toEqual([]);
  });
});
