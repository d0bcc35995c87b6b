import { Client } from 'pg';
import { awaitBatch, type BatchBody } from './support/batches';
import { addHousingFixture, HousingFixture } from './support/housing-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return (await pg.query(text, values)).rows as T[];
  } finally {
    await pg.end();
  }
}

describe('batches: one step on every household a filter matches, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    h = await addHousingFixture(system, f, {
      rows: [
        ['H-A1', 'vA1', 'tA'],
        ['H-A2', 'vA1', 'tA'],
        ['H-A3', 'vA1', 'tA'],
        ['H-B1', 'vB1', 'tB'],
      ],
    });
  });
  afterAll(async () => {
    await system?.close();
  });

  const preview = (auth: string, filter: object, step?: string) =>
    system
      .http()
      .post('/api/batches/preview')
      .set('Authorization', auth)
      .send({
        kind: 'household-step',
        filter: { programme: h.programme, ...filter },
        ...(step ? { stepType: step } : {}),
      });
  const start = (auth: string, filter: object, step: object, key?: string) => {
    const request = system.http().post('/api/batches').set('Authorization', auth);
    if (key) void request.set('Idempotency-Key', key);
    return request.send({ kind: 'household-step', filter: { programme: h.programme, ...filter }, step });
  };
  const finished = (auth: string, id: string) => awaitBatch(system, auth, id);
  const stageOf = async (householdNo: string) =>
    (
      (
        await system
          .http()
          .get(`/api/housing/households/${h.households[householdNo]}`)
          .set('Authorization', f.auth.command)
          .expect(200)
      ).body as { stage: string }
    ).stage;

  it("previews only the caller's own unit's households, and refuses a filter naming another unit", async () => {
    const appraisal = 'record-appraisal';
    expect((await preview(f.auth.deptA, {}, appraisal).expect(200)).body).toEqual({
      matched: 3,
      actionable: 3,
    });
    expect((await preview(f.auth.deptB, {}, appraisal).expect(200)).body).toEqual({
      matched: 1,
      actionable: 1,
    });
    expect((await preview(f.auth.deptB, { township: 'tA' }).expect(403)).body).toMatchObject({
      code: 'OTHER_UNIT',
    });
    // the bureau sees every township's households but may not record the start of works
    expect((await preview(h.bureauAuth, { township: 'tA' }, 'record-start').expect(200)).body).toEqual({
      matched: 3,
      actionable: 0,
    });
    expect((await preview(f.auth.command, {}).expect(200)).body).toEqual({ matched: 4, actionable: 4 });
  });

  it("applies a step to every household of a township, each with its result, and touches no other unit's", async () => {
    await system
      .http()
      .post(`/api/housing/households/${h.households['H-A3']}/steps`)
      .set('Authorization', f.auth.deptA)
      .send({ type: 'withdraw', reason: '户主自愿放弃改造' })
      .expect(200);
    const started = await start(
      f.auth.deptA,
      { township: 'tA' },
      {
        type: 'record-appraisal',
        rating: 'D',
        note: '集中鉴定',
      },
    ).expect(202);
    const batch = await finished(f.auth.deptA, (started.body as BatchBody).id);
    expect(batch).toMatchObject({ total: 3, done: 3, applied: 2, refused: 1, notReached: 0, itemsTotal: 3 });
    expect(batch.items.map((i) => [i.label.split(' ')[0], i.result, i.code])).toEqual([
      ['H-A1', 'applied', null],
      ['H-A2', 'applied', null],
      ['H-A3', 'refused', 'WITHDRAWN'],
    ]);
    expect(batch.items[2].message).toContain('不能再办理');
    expect(await stageOf('H-A1')).toBe('approval');
    expect(await stageOf('H-B1')).toBe('appraisal');
    // only the refusals, paged
    const refused = await system
      .http()
      .get(`/api/batches/${batch.id}?result=refused&pageSize=10`)
      .set('Authorization', f.auth.deptA)
      .expect(200);
    expect((refused.body as BatchBody).items.map((i) => i.code)).toEqual(['WITHDRAWN']);
    // someone else's batch is not found; the command center sees it
    await system.http().get(`/api/batches/${batch.id}`).set('Authorization', f.auth.deptB).expect(404);
    await system.http().get(`/api/batches/${batch.id}`).set('Authorization', f.auth.command).expect(200);
  });

  it("a department's batch over the whole programme reaches only its own unit's households", async () => {
    const started = await start(
      f.auth.deptB,
      {},
      { type: 'record-appraisal', rating: 'C', note: '鉴定' },
    ).expect(202);
    const batch = await finished(f.auth.deptB, (started.body as BatchBody).id);
    expect(batch).toMatchObject({ total: 1, applied: 1, refused: 0 });
    expect(batch.items[0].objectId).toBe(h.households['H-B1']);
    await start(f.auth.deptB, { village: 'vA1' }, { type: 'withdraw', reason: '越权' }).expect(403);
  });

  it('creates one batch for the same request sent twice with the same Idempotency-Key', async () => {
    const body = { type: 'file-objection', objection: '重复提交' };
    const first = await start(f.auth.deptA, { stage: 'approval' }, body, 'batch-key-1').expect(202);
    const second = await start(f.auth.deptA, { stage: 'approval' }, body, 'batch-key-1').expect(202);
    const id = (first.body as BatchBody).id;
    expect((second.body as BatchBody).id).toBe(id);
    await finished(f.auth.deptA, id);
    const rows = await sql<{ n: number }>(
      system.databaseUrl,
      `SELECT count(*)::int AS n FROM batch WHERE created_by = $1 AND step->>'type' = 'file-objection'`,
      [f.ids.deptA],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a bad filter or step with 400 naming the field', async () => {
    const bad = await start(f.auth.deptA, { stage: 'nowhere' }, { type: 'fly' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/stage/);
    expect(JSON.stringify(bad.body)).toMatch(/type/);
  });
});
