import { Client as TemporalClient } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { reconcileHouseholds } from '../activities/housing/household-reconciler';
import { householdStateQuery } from '../libs/contracts/src/housing/household-pipeline';
import { TEMPORAL_CLIENT } from '../libs/temporal/src/temporal.tokens';
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
    process.env.RECONCILE_INTERVAL_SECONDS = '0'; // not under test here
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
    // Calls cut off at their bound may still have a gRPC retry scheduled; let it end before the
    // connection closes under it.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await system?.close();
    if (realWait === undefined) delete process.env.COMMAND_WAIT_SECONDS;
    else process.env.COMMAND_WAIT_SECONDS = realWait;
    delete process.env.RECONCILE_INTERVAL_SECONDS;
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

/**
 * A household step is projected by a local activity inside the update's workflow task; a Temporal
 * server killed before that task completes leaves the row (and a timeline entry) one version ahead
 * of the workflow, while the client got no 2xx. Here the row is put ahead directly, as the crash
 * leaves it.
 */
describe('the household read model never stays ahead of its workflow', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;
  const realInterval = process.env.RECONCILE_INTERVAL_SECONDS;

  beforeAll(async () => {
    process.env.RECONCILE_INTERVAL_SECONDS = '0'; // passes run on demand here, not on a timer
    system = await startTestSystem();
    f = await createOrgFixture(system);
    h = await addHousingFixture(system, f, {
      rows: [
        ['R-1', 'vA1', 'tA'],
        ['R-2', 'vA1', 'tA'],
        ['R-3', 'vA1', 'tA'],
      ],
    });
  });
  afterAll(async () => {
    await system?.close();
    if (realInterval === undefined) delete process.env.RECONCILE_INTERVAL_SECONDS;
    else process.env.RECONCILE_INTERVAL_SECONDS = realInterval;
  });

  const dataSource = () => system.api.get(DataSource);
  const row = async (householdNo: string) =>
    (
      await dataSource().query<Array<{ stage: string; version: number; events: number }>>(
        `SELECT stage, version, (SELECT count(*)::int FROM household_event e WHERE e.household_id = h.id) AS events
           FROM household h WHERE id = $1`,
        [h.households[householdNo]],
      )
    )[0];
  const stageCounts = async () =>
    dataSource().query<Array<{ stage: string; households: number }>>(
      `SELECT stage, sum(households)::int AS households FROM household_stage_count WHERE programme_id = $1
        GROUP BY stage HAVING sum(households) > 0 ORDER BY stage`,
      [h.programme],
    );

  /** What the crash leaves: the row, its stage counters and a timeline entry at a version the workflow never reached. */
  async function projectLostStep(householdNo: string): Promise<void> {
    const id = h.households[householdNo];
    await dataSource().transaction(async (manager) => {
      const [{ stage }] = await manager.query<Array<{ stage: string }>>(
        `SELECT stage FROM household WHERE id = $1`,
        [id],
      );
      await manager.query(
        `UPDATE household SET stage = 'approval', version = version + 1,
           state = jsonb_set(jsonb_set(state, '{version}', to_jsonb(version + 1)), '{stage}', '"approval"'),
           updated_at = now() WHERE id = $1`,
        [id],
      );
      await manager.query(
        `INSERT INTO household_stage_count AS c (programme_id, township, stage, slot, households)
         VALUES ($1, 'tA', $2, 0, -1), ($1, 'tA', 'approval', 0, 1)
         ON CONFLICT (programme_id, township, stage, slot) DO UPDATE SET households = c.households + EXCLUDED.households`,
        [h.programme, stage],
      );
      await manager.query(
        `INSERT INTO household_event (household_id, version, at, type, stage, actor_id, actor_name, summary, reason, data)
         SELECT id, version, now(), 'appraisal-recorded', 'approval', 'lost', '丢失的步骤', '丢失的鉴定', NULL, '{}'
           FROM household WHERE id = $1`,
        [id],
      );
    });
  }

  const step = (householdNo: string) =>
    system
      .http()
      .post(`/api/housing/households/${h.households[householdNo]}/steps`)
      .set('Authorization', f.auth.deptA)
      .send({ type: 'record-appraisal', rating: 'D' });

  it('the reconciler rewrites a row that ran ahead from the workflow state; the next step is then accepted', async () => {
    const before = await row('R-1');
    const countsBefore = await stageCounts();
    const workflowState = await system.api
      .get<TemporalClient>(TEMPORAL_CLIENT)
      .workflow.getHandle(
        (
          await dataSource().query<Array<{ workflow_id: string }>>(
            `SELECT workflow_id FROM household WHERE id = $1`,
            [h.households['R-1']],
          )
        )[0].workflow_id,
      )
      .query(householdStateQuery);
    expect(workflowState.version).toBe(before.version);

    await projectLostStep('R-1');
    expect(await row('R-1')).toEqual({
      stage: 'approval',
      version: before.version + 1,
      events: before.events + 1,
    });

    const client = system.api.get<TemporalClient>(TEMPORAL_CLIENT);
    const report = await reconcileHouseholds(
      { dataSource: dataSource(), client },
      { changedWithinMinutes: 5 },
    );
    expect(report.repaired).toEqual([h.households['R-1']]);
    expect(await row('R-1')).toEqual(before);
    expect(await stageCounts()).toEqual(countsBefore);
    const [audit] = await dataSource().query<Array<{ action: string }>>(
      `SELECT action FROM audit_entry WHERE subject = $1 ORDER BY seq DESC LIMIT 1`,
      [`household:${h.households['R-1']}`],
    );
    expect(audit.action).toBe('household.reconciled');

    // A second pass finds everything in step.
    expect(
      (await reconcileHouseholds({ dataSource: dataSource(), client }, { changedWithinMinutes: 5 })).repaired,
    ).toEqual([]);

    const applied = await step('R-1').expect(200);
    expect(applied.body).toMatchObject({ stage: 'approval' });
    const timeline = (applied.body as { timeline: Array<{ actorName: string }> }).timeline;
    expect(timeline.map((t) => t.actorName)).not.toContain('丢失的步骤');
    expect(await row('R-1')).toMatchObject({
      stage: 'approval',
      version: before.version + 1,
      events: before.events + 1,
    });
  });

  it('without a reconciler pass, the next step of the same version replaces the lost one', async () => {
    const before = await row('R-2');
    await projectLostStep('R-2');
    const applied = await step('R-2').expect(200);
    expect(applied.body).toMatchObject({ stage: 'approval' });
    const timeline = (applied.body as { timeline: Array<{ actorName: string }> }).timeline;
    expect(timeline.map((t) => t.actorName)).not.toContain('丢失的步骤');
    expect(await row('R-2')).toMatchObject({ version: before.version + 1, events: before.events + 1 });
  });

  it('POST /api/housing/programmes/:id/reconcile repairs a row that ran ahead now, and says which', async () => {
    const before = await row('R-3');
    await projectLostStep('R-3');
    const reconcile = (auth: string, key: string, body: object = {}, programme = h.programme) =>
      system
        .http()
        .post(`/api/housing/programmes/${programme}/reconcile`)
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send(body);

    await reconcile(f.auth.deptA, 'reconcile-dept').expect(403);
    expect(await row('R-3')).toMatchObject({ version: before.version + 1 }); // a refusal repairs nothing

    const first = await reconcile(f.auth.command, 'reconcile-1').expect(200);
    expect(first.body).toEqual({
      checked: 3,
      repaired: [{ householdId: h.households['R-3'], householdNo: 'R-3' }],
      unanswered: [],
    });
    expect(await row('R-3')).toEqual(before);

    // The same key answers the first result without a second pass; a new pass finds all in step.
    const replay = await reconcile(f.auth.command, 'reconcile-1').expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const again = await reconcile(system.adminAuth, 'reconcile-2', {
      householdIds: [h.households['R-3']],
    }).expect(200);
    expect(again.body).toEqual({ checked: 1, repaired: [], unanswered: [] });

    const stranger = await reconcile(f.auth.command, 'reconcile-3', {
      householdIds: [h.households['R-3'], '00000000-0000-4000-8000-000000000000'],
    }).expect(400);
    expect(stranger.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'householdIds[1]', problems: ['不是本项目的农户'] }],
    });
    await reconcile(f.auth.command, 'reconcile-4', {}, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('a periodic pass asks a workflow again only once its row has changed, and still repairs a row put ahead since', async () => {
    const deps = { dataSource: dataSource(), client: system.api.get<TemporalClient>(TEMPORAL_CLIENT) };
    const window = { changedWithinMinutes: 60 };
    const first = await reconcileHouseholds(deps, window);
    expect(first).toMatchObject({ checked: 3, repaired: [], unanswered: [] });
    expect([...first.inStep.keys()].sort()).toEqual(Object.values(h.households).sort());

    // nothing written since: no workflow is asked, and all stay known in step
    const second = await reconcileHouseholds(deps, { ...window, inStep: first.inStep });
    expect(second).toMatchObject({ checked: 0, repaired: [], unanswered: [] });
    expect(second.inStep).toEqual(first.inStep);

    // a row put ahead since has a new version: its workflow is asked and the row repaired
    const before = await row('R-3');
    await projectLostStep('R-3');
    const third = await reconcileHouseholds(deps, { ...window, inStep: second.inStep });
    expect(third).toMatchObject({ checked: 1, repaired: [h.households['R-3']], unanswered: [] });
    expect(await row('R-3')).toEqual(before);

    // the repaired row is asked about once more, found in step, then left alone
    const fourth = await reconcileHouseholds(deps, { ...window, inStep: third.inStep });
    expect(fourth).toMatchObject({ checked: 1, repaired: [] });
    expect(fourth.inStep.get(h.households['R-3'])).toBe(before.version);
    expect((await reconcileHouseholds(deps, { ...window, inStep: fourth.inStep })).checked).toBe(0);
  });
});

/**
 * `/api/ready` names a dead worker: no poller on the task queue within WORKER_POLL_STALE_SECONDS
 * (an idle worker re-polls every 10 s on the dev server), while `/api/health` stays 200.
 */
describe('readiness while no worker polls', () => {
  let system: TestSystem;
  const STALE_SECONDS = 12;

  beforeAll(async () => {
    process.env.WORKER_POLL_STALE_SECONDS = String(STALE_SECONDS);
    process.env.RECONCILE_INTERVAL_SECONDS = '0';
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.close();
    delete process.env.WORKER_POLL_STALE_SECONDS;
    delete process.env.RECONCILE_INTERVAL_SECONDS;
  });

  /** Asks /api/ready every half second until it answers `status`; returns the answer and the time taken. */
  async function readyUntil(status: number, withinMs: number) {
    const started = Date.now();
    for (;;) {
      const response = await system.http().get('/api/ready');
      if (response.status === status) return { response, ms: Date.now() - started };
      if (Date.now() - started > withinMs)
        throw new Error(
          `/api/ready still ${response.status} after ${withinMs} ms: ${JSON.stringify(response.body)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('answers 503 WORKER_UNAVAILABLE within the bound after the worker stops, and 200 once one polls again', async () => {
    const up = await system.http().get('/api/ready').expect(200);
    expect(up.body.checks).toEqual({ postgres: 'up', temporal: 'up', worker: 'up' });

    await system.stopWorker();
    // its last poll was at most the stop itself: 503 within the bound (and a loaded machine's second or two)
    const { response: down, ms } = await readyUntil(503, (STALE_SECONDS + 5) * 1000);
    expect(ms).toBeLessThanOrEqual((STALE_SECONDS + 5) * 1000);
    expect(down.body).toMatchObject({
      code: 'WORKER_UNAVAILABLE',
      message: '服务未就绪：worker 不可用',
    });
    expect(Object.keys(down.body.details)).toEqual(['worker']);
    expect(down.body.details.worker).toContain(system.taskQueue);
    await system.http().get('/api/health').expect(200, { status: 'ok' }); // liveness needs no worker

    await system.startWorker();
    const { response: back, ms: backMs } = await readyUntil(200, 10_000);
    expect(backMs).toBeLessThan(10_000);
    expect(back.body.checks.worker).toBe('up');
  });
});

describe('every route while Postgres is down', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    await system?.close().catch(() => undefined);
  });

  it('answers 503 DATABASE_UNAVAILABLE at once, reads and commands alike', async () => {
    const dataSource = system.api.get(DataSource);
    // What the API sees when its Postgres goes away: its connections end and new ones are refused.
    const pool = (
      dataSource.driver as unknown as { master: { options: { port?: number; connectionString?: string } } }
    ).master;
    const real = { ...pool.options };
    pool.options.port = 1;
    pool.options.connectionString = real.connectionString?.replace(/:(\d+)\//, ':1/');
    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await dataSource.query(`SELECT pg_terminate_backend(pg_backend_pid())`).catch(() => undefined);
    try {
      for (const send of [
        () => system.http().get('/api/users/me').set('Authorization', system.adminAuth),
        () => system.http().get('/api/rectifications').set('Authorization', system.adminAuth),
        () => system.http().post('/api/auth/login').send({ username: 'admin', password: 'whatever-it-is' }),
      ]) {
        const started = Date.now();
        const response = await send();
        expect(Date.now() - started).toBeLessThan(4000);
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({
          code: 'DATABASE_UNAVAILABLE',
          message: '数据库暂不可用，请稍后重试',
        });
      }
      const ready = await system.http().get('/api/ready').expect(503);
      // this system runs no worker, so readiness names it too
      expect(Object.keys(ready.body.details)).toEqual(['postgres', 'worker']);
    } finally {
      Object.assign(pool.options, real);
    }
  });
});
