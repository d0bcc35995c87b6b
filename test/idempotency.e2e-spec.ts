import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { addCampaignFixture, CampaignFixture } from './support/campaign-fixture';
import { addHousingFixture, HousingFixture } from './support/housing-fixture';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { listRoutes } from './support/routes';
import { startTestSystem, TestSystem } from './support/test-system';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** Sign-in routes, and POSTs that only read (a preview of a batch, a draft read from an upload). */
const NOT_COMMANDS = [
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/web/login',
  'POST /api/auth/web/refresh',
  'POST /api/auth/web/logout',
  'POST /api/batches/preview',
  'POST /api/campaigns/drafts/from-document',
];

describe('Idempotency-Key: a command retried with the same key is applied once', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;
  let c: CampaignFixture;
  const previousWait = process.env.REGISTRATION_WAIT_SECONDS;

  beforeAll(async () => {
    process.env.REGISTRATION_WAIT_SECONDS = '3';
    system = await startTestSystem();
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
    h = await addHousingFixture(system, f);
    c = await addCampaignFixture(system, f);
  });
  afterAll(async () => {
    await system?.close();
    if (previousWait === undefined) delete process.env.REGISTRATION_WAIT_SECONDS;
    else process.env.REGISTRATION_WAIT_SECONDS = previousWait;
  });

  const post = (auth: string, path: string, key?: string) => {
    const request = system.http().post(path).set('Authorization', auth);
    return key === undefined ? request : request.set('Idempotency-Key', key);
  };
  const itemDetail = async () =>
    (await system.http().get(`/api/rectifications/${f.objects.item}`).set('Authorization', f.auth.command))
      .body as {
      timeline: Array<{ type: string; summary: string }>;
      comments: unknown[];
      evidence: unknown[];
    };
  const answer = (r: Response) => ({ status: r.status, body: r.body as unknown });

  it('is declared on every command route, and on no other', () => {
    const routes = listRoutes(system.api);
    const commands = routes.filter((r) => r.method !== 'GET' && !NOT_COMMANDS.includes(r.key));
    expect(commands.length).toBeGreaterThan(40);
    expect(commands.filter((r) => !r.idempotent).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => r.idempotent && !commands.includes(r)).map((r) => r.key)).toEqual([]);
  });

  it('reports progress once for two concurrent requests and a later retry with one key; each answer the same', async () => {
    const before = (await itemDetail()).timeline.length;
    const key = randomUUID();
    const send = () =>
      post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`, key).send({ note: '已拨付一半' });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).toBe(200);
    expect(answer(second)).toEqual(answer(first));
    const later = await send();
    expect(answer(later)).toEqual(answer(first));
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect((await itemDetail()).timeline.length).toBe(before + 1);

    // Without a key, each request is a new report.
    await post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`)
      .send({ note: '再报' })
      .expect(200);
    await post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`)
      .send({ note: '再报' })
      .expect(200);
    expect((await itemDetail()).timeline.length).toBe(before + 3);
  });

  it('refuses the key with another body (422) and a malformed key (400), naming the header', async () => {
    const key = randomUUID();
    await post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`, key)
      .send({ note: '第一次' })
      .expect(200);
    const reused = await post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`, key)
      .send({ note: '另一件事' })
      .expect(422);
    expect(reused.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const before = (await itemDetail()).timeline.length;
    for (const bad of ['', 'two words', 'k'.repeat(201), '重试']) {
      const refused = await system
        .http()
        .post(`/api/rectifications/${f.objects.item}/progress`)
        .set('Authorization', f.auth.deptA)
        .set('Idempotency-Key', Buffer.from(bad).toString('latin1'))
        .send({ note: '坏键' })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', requestId: expect.any(String) });
      expect(refused.body.message).toContain('Idempotency-Key');
    }
    expect((await itemDetail()).timeline.length).toBe(before);
  });

  it('keeps the same key of two users apart', async () => {
    const key = randomUUID();
    const before = (await itemDetail()).comments.length;
    await post(f.auth.deptA, `/api/rectifications/${f.objects.item}/comments`, key)
      .send({ body: '甲镇意见' })
      .expect(201);
    await post(f.auth.inspector, `/api/rectifications/${f.objects.item}/comments`, key)
      .send({ body: '督查意见' })
      .expect(201);
    expect((await itemDetail()).comments.length).toBe(before + 2);
  });

  it('stores a comment (Postgres only) once, and replays a refusal as it was first sent', async () => {
    const before = (await itemDetail()).comments.length;
    const key = randomUUID();
    const send = () =>
      post(f.auth.deptA, `/api/rectifications/${f.objects.item}/comments`, key).send({ body: '请加快进度' });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect(answer(second)).toEqual(answer(first));
    expect((await itemDetail()).comments.length).toBe(before + 1);

    const refusalKey = randomUUID();
    const accept = () =>
      post(f.auth.inspector, `/api/rectifications/${f.objects.item}/accept`, refusalKey).send({
        note: '验收',
      });
    const refused = await accept().expect(409);
    const replayed = await accept().expect(409);
    expect(replayed.body).toEqual(refused.body); // same request id and time: the stored answer
  });

  it('stores an uploaded file once (the file is part of the request)', async () => {
    const before = (await itemDetail()).evidence.length;
    const key = randomUUID();
    const upload = (name: string) =>
      post(f.auth.deptA, `/api/rectifications/${f.objects.item}/evidence`, key).attach('file', PNG, name);
    const first = await upload('现场.png').expect(201);
    expect(answer(await upload('现场.png'))).toEqual(answer(first));
    await upload('另一张.png').expect(422);
    expect((await itemDetail()).evidence.length).toBe(before + 1);
  });

  it('records a bulk household step once per household', async () => {
    const timelines = async () =>
      Promise.all(
        ['H-A1'].map(async (no) => {
          const r = await system
            .http()
            .get(`/api/housing/households/${h.households[no]}`)
            .set('Authorization', f.auth.command)
            .expect(200);
          return (r.body as { timeline: unknown[] }).timeline.length;
        }),
      );
    const before = await timelines();
    const key = randomUUID();
    const send = () =>
      post(f.auth.deptA, '/api/housing/households/steps', key).send({
        householdIds: [h.households['H-A1']],
        step: { type: 'record-appraisal', rating: 'D', note: '集中鉴定' },
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual([{ householdId: h.households['H-A1'], ok: true, stage: 'approval' }]);
    expect(answer(second)).toEqual(answer(first));
    expect(answer(await send())).toEqual(answer(first));
    expect(await timelines()).toEqual(before.map((n) => n + 1));
  });

  it('reports campaign task progress once', async () => {
    const task = async () =>
      (
        await system
          .http()
          .get(`/api/campaigns/${c.campaign}/tasks/TA`)
          .set('Authorization', f.auth.command)
          .expect(200)
      ).body as { timeline: unknown[] };
    const before = (await task()).timeline.length;
    const key = randomUUID();
    const send = () =>
      post(f.auth.deptA, `/api/campaigns/${c.campaign}/tasks/TA/progress`, key).send({
        percentDone: 30,
        narrative: '完成三成',
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).toBe(200);
    expect(answer(second)).toEqual(answer(first));
    expect(answer(await send())).toEqual(answer(first));
    expect((await task()).timeline.length).toBe(before + 1);
  });

  it('applies the update once even when the stored answer is gone (the API died before storing it)', async () => {
    const before = (await itemDetail()).timeline.length;
    const key = randomUUID();
    const send = () =>
      post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`, key).send({ note: '存档丢失' });
    await send().expect(200);
    const pg = new Client({ connectionString: system.databaseUrl });
    await pg.connect();
    await pg.query('DELETE FROM idempotency_key WHERE key = $1', [key]);
    await pg.end();
    // Only the update id (from the key) keeps the workflow from applying it again.
    await send().expect(200);
    expect((await itemDetail()).timeline.length).toBe(before + 1);
  });

  describe('with the worker down in between', () => {
    afterEach(async () => {
      await system.startWorker();
    });

    it('registers an item once: 503 while no worker takes it, the retry with the key after the restart answers it', async () => {
      const body = {
        problem: '村道路灯损坏未修复',
        source: '群众来信',
        category: '资金管理',
        analysis: '维护经费未落实',
        measures: ['落实经费'],
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        verifierId: f.ids.inspector,
        basicDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        fullDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      };
      const key = randomUUID();
      const register = () => post(f.auth.command, `/api/ledgers/${f.objects.ledger}/items`, key).send(body);
      await system.stopWorker();
      const pending = await register().expect(503);
      expect(pending.body).toMatchObject({ code: 'REGISTRATION_PENDING' });
      const { itemId } = pending.body.details as { itemId: string };
      await system.startWorker();
      const registered = await register().expect(201);
      expect(registered.body).toMatchObject({ id: itemId, problem: body.problem });
      expect(answer(await register())).toEqual(answer(registered));
      const listed = await system
        .http()
        .get(`/api/rectifications?ledger=${f.objects.ledger}&pageSize=100`)
        .set('Authorization', f.auth.command)
        .expect(200);
      const same = (listed.body as { items: Array<{ id: string; problem: string }> }).items.filter(
        (i) => i.problem === body.problem,
      );
      expect(same.map((i) => i.id)).toEqual([itemId]);
      expect(registered.body.timeline).toHaveLength(1);
    });

    it('applies a step once when the first answer was lost and the client retries after the restart', async () => {
      const before = (await itemDetail()).timeline.length;
      const key = randomUUID();
      const send = () =>
        post(f.auth.deptA, `/api/rectifications/${f.objects.item}/progress`, key).send({ note: '断线重试' });
      await system.stopWorker();
      // The client gives up (its answer is lost); the API keeps waiting for the workflow.
      await expect(send().timeout(1500)).rejects.toThrow(/timeout/i);
      await system.startWorker();
      const retried = await send().expect(200);
      const timeline = (await itemDetail()).timeline;
      expect(timeline.length).toBe(before + 1);
      expect(retried.body.timeline).toHaveLength(before + 1);
    });
  });
});
