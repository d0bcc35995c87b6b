import { addHousingFixture, HousingFixture } from './support/housing-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * Outages answer fast and truthfully: a step no worker takes within COMMAND_WAIT_SECONDS is a 503
 * WORKER_UNAVAILABLE that says it may still apply, and a retry with the same Idempotency-Key after
 * the worker is back applies it once; a bulk step answers per household.
 */
describe('commands while the worker is down', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;
  const realWait = process.env.COMMAND_WAIT_SECONDS;

  beforeAll(async () => {
    process.env.COMMAND_WAIT_SECONDS = '2';
    system = await startTestSystem();
    f = await createOrgFixture(system);
    h = await addHousingFixture(system, f, {
      rows: [
        ['W-1', 'vA1', 'tA'],
        ['W-2', 'vA1', 'tA'],
        ['W-3', 'vA1', 'tA'],
      ],
    });
  });
  afterAll(async () => {
    await system?.close();
    if (realWait === undefined) delete process.env.COMMAND_WAIT_SECONDS;
    else process.env.COMMAND_WAIT_SECONDS = realWait;
  });

  const step = (householdNo: string, key: string) =>
    system
      .http()
      .post(`/api/housing/households/${h.households[householdNo]}/steps`)
      .set('Authorization', f.auth.deptA)
      .set('Idempotency-Key', key)
      .send({ type: 'record-appraisal', rating: 'D' });

  it('answers 503 WORKER_UNAVAILABLE within the bound; the same key later applies the step once', async () => {
    await system.stopWorker();
    const started = Date.now();
    const refused = await step('W-1', 'outage-w1').expect(503);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(refused.body).toMatchObject({
      code: 'WORKER_UNAVAILABLE',
      details: { waitSeconds: 2, mayStillApply: true, retryWithSameKeyIsSafe: true },
    });
    expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);

    const ready = await system.http().get('/api/ready');
    expect(ready.status).toBe(200); // Temporal and Postgres answer; only the worker is away

    const bulk = await system
      .http()
      .post('/api/housing/households/steps')
      .set('Authorization', f.auth.deptA)
      .send({
        householdIds: [h.households['W-2'], h.households['W-3']],
        step: { type: 'record-appraisal', rating: 'D' },
      })
      .expect(200);
    expect(bulk.body).toEqual([
      expect.objectContaining({ householdId: h.households['W-2'], ok: false, code: 'WORKER_UNAVAILABLE' }),
      expect.objectContaining({ householdId: h.households['W-3'], ok: false }),
    ]);

    await system.startWorker();
    const applied = await step('W-1', 'outage-w1').expect(200);
    expect(applied.body).toMatchObject({ stage: 'approval' });
    const timeline = (applied.body as { timeline: Array<{ type: string }> }).timeline;
    expect(timeline.filter((t) => t.type === 'appraisal-recorded' || /appraisal/.test(t.type))).toHaveLength(
      1,
    );
  });
});

describe('commands while Temporal is down', () => {
  let system: TestSystem;
  const realAddress = process.env.TEMPORAL_ADDRESS;

  beforeAll(async () => {
    // Nothing listens on port 1: connection refused, as when the Temporal server is stopped.
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    // The client's gRPC retries back off a few seconds past a deadline; let them end before the
    // connection closes under them.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await system?.close();
    process.env.TEMPORAL_ADDRESS = realAddress;
  });

  it('says so in /api/ready within a second and a half', async () => {
    const started = Date.now();
    const response = await system.http().get('/api/ready').expect(503);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(Object.keys(response.body.details)).toEqual(['temporal']);
  });

  it('answers a command 503 TEMPORAL_UNAVAILABLE within a few seconds', async () => {
    const started = Date.now();
    const response = await system
      .http()
      .post('/api/diagnostics/round-trips')
      .set('Authorization', system.adminAuth)
      .send({});
    expect(Date.now() - started).toBeLessThan(4000);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('TEMPORAL_UNAVAILABLE');
  });
});
