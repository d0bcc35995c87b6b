import { Client as TemporalClient } from '@temporalio/client';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { pipelineInput } from '../activities/housing/household-import.activities';
import { Household } from '../libs/database/src/housing/household.entity';
import { HousingProgramme } from '../libs/database/src/housing/housing-programme.entity';
import { TEMPORAL_CLIENT } from '../libs/temporal/src/temporal.tokens';
import { eventually } from './support/eventually';
import { addHousingFixture, awaitImport, HousingFixture, householdCsv } from './support/housing-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface HouseholdBody {
  id: string;
  householdNo: string;
  stage: string;
  approvalLevel: string | null;
  missingSignatures: string[];
  escalationLevel: number;
  stalled: boolean;
  overdue: boolean;
  timeline: Array<{ type: string; actorName: string; reason: string | null }>;
  evidence: Array<{ id: string; sha256: string }>;
  payment: { status: string; transactionId: string | null } | null;
}

async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return (await pg.query(text, values)).rows as T[];
  } finally {
    await pg.end();
  }
}

describe('housing-repair pipelines over HTTP, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    // Short notices, so that the test sees them pass; 甲镇 has four households, 乙镇 one.
    h = await addHousingFixture(system, f, {
      noticePeriods: { village: 'PT1S', township: null, county: 'PT1S' },
      rows: [
        ['H-A1', 'vA1', 'tA'],
        ['H-A2', 'vA1', 'tA'],
        ['H-A3', 'vA1', 'tA', false],
        ['H-A4', 'vA1', 'tA'],
        ['H-B1', 'vB1', 'tB'],
      ],
    });
  });
  afterAll(async () => {
    await system?.close();
  });

  const step = (auth: string, householdNo: string, body: object) =>
    system
      .http()
      .post(`/api/housing/households/${h.households[householdNo]}/steps`)
      .set('Authorization', auth)
      .send(body);
  const detail = async (householdNo: string, auth = f.auth.command): Promise<HouseholdBody> =>
    (
      await system
        .http()
        .get(`/api/housing/households/${h.households[householdNo]}`)
        .set('Authorization', auth)
        .expect(200)
    ).body as HouseholdBody;
  const until = (householdNo: string, done: (body: HouseholdBody) => boolean): Promise<HouseholdBody> =>
    eventually(() => detail(householdNo), done, `household ${householdNo}`, {
      timeoutMs: 15_000,
      failure: (last) => `household ${householdNo} did not get there: ${JSON.stringify(last)}`,
    });

  it('refuses a programme with problems, naming each one by its path', async () => {
    const response = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', f.auth.command)
      .send({
        name: '错误的项目',
        housingBureau: 'nowhere',
        stageDeadlines: { construction: '2026-06-30', acceptance: '2026-05-31', 'build-more': '2026-07-01' },
        noticePeriods: { village: 'seven days' },
        stallAfter: 'P1X',
      })
      .expect(400);
    const fields = (response.body as { details: Array<{ field: string }> }).details
      .map((d) => d.field)
      .sort();
    expect(fields).toEqual([
      'housingBureau',
      'noticePeriods.village',
      'stageDeadlines.acceptance',
      'stageDeadlines.build-more',
      'stallAfter',
    ]);
  });

  it('rejects a whole file with a reason for every bad row, and writes nothing', async () => {
    const before = await sql<{ n: string }>(system.databaseUrl, 'SELECT count(*) AS n FROM household');
    const csv = Buffer.from(
      [
        '户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）',
        'N-1,甲,vA1,tA,是,D,14000',
        'N-2,乙,vB1,tA,是,D,14000', // village of another township
        'N-1,丙,vA1,tA,是,D,14000', // number twice
        'N-4,丁,vA1,tA,也许,B,十四',
        'H-A1,戊,vA1,tA,是,C,9000', // already in the programme
      ].join('\n'),
    );
    const response = await system
      .http()
      .post(`/api/housing/programmes/${h.programme}/imports`)
      .set('Authorization', f.auth.command)
      .attach('file', csv, 'households.csv')
      .expect(400);
    const problems = (response.body as { details: Array<{ row: number; field: string }> }).details;
    expect(problems.map((p) => `${p.row}:${p.field}`).sort()).toEqual([
      '3:village',
      '4:householdNo',
      '5:houseRating',
      '5:plannedSubsidy',
      '5:registeredPoor',
      '6:householdNo',
    ]);
    expect(response.body).toMatchObject({ code: 'IMPORT_REJECTED' });
    expect(await sql(system.databaseUrl, 'SELECT count(*) AS n FROM household')).toEqual(before);
  });

  it('lets a township import its own households, and refuses another township’s', async () => {
    const own = await system
      .http()
      .post(`/api/housing/programmes/${h.programme}/imports`)
      .set('Authorization', f.auth.deptA)
      .attach('file', householdCsv([['H-A9', 'vA1', 'tA']]), 'own.csv')
      .expect(202);
    expect(own.body).toMatchObject({
      households: 1,
      status: expect.stringMatching(/starting|done/) as unknown,
    });
    await awaitImport(system, f.auth.deptA, (own.body as { id: string }).id);
    const other = await system
      .http()
      .post(`/api/housing/programmes/${h.programme}/imports`)
      .set('Authorization', f.auth.deptA)
      .attach('file', householdCsv([['H-B9', 'vB1', 'tB']]), 'other.csv')
      .expect(403);
    expect(other.body).toMatchObject({ code: 'OTHER_UNIT' });
  });

  it('takes a household from appraisal to move-in: notices, three approval levels, two signatures, one payment', async () => {
    await step(f.auth.villageA, 'H-A1', {
      type: 'record-appraisal',
      rating: 'D',
      note: '鉴定为D级危房',
    }).expect(200);
    // the township cannot decide at the village level
    const wrongLevel = await step(f.auth.deptA, 'H-A1', { type: 'approve', note: '越级' }).expect(409);
    expect(wrongLevel.body).toMatchObject({ code: 'NOT_APPROVER' });
    await step(f.auth.villageA, 'H-A1', { type: 'approve', note: '村民代表会议评议通过' }).expect(200);
    await until('H-A1', (b) => b.approvalLevel === 'township');
    await step(f.auth.deptA, 'H-A1', { type: 'approve', note: '乡镇审核通过' }).expect(200);
    await step(h.bureauAuth, 'H-A1', { type: 'approve', note: '县级审批通过' }).expect(200);
    await until('H-A1', (b) => b.stage === 'construction-start');

    const photo = await system
      .http()
      .post(`/api/housing/households/${h.households['H-A1']}/evidence`)
      .set('Authorization', f.auth.villageA)
      .attach('file', PNG, '开工照片.png')
      .expect(201);
    const evidenceId = (photo.body as HouseholdBody).evidence[0].id;
    await step(f.auth.deptA, 'H-A1', {
      type: 'record-start',
      note: '开工',
      evidenceIds: [evidenceId],
    }).expect(200);
    await step(f.auth.deptA, 'H-A1', { type: 'record-completion', note: '竣工' }).expect(200);

    const oneSignature = await step(f.auth.deptA, 'H-A1', {
      type: 'sign-acceptance',
      note: '乡镇验收合格',
    }).expect(200);
    expect(oneSignature.body).toMatchObject({ stage: 'acceptance', missingSignatures: ['县住建局'] });
    const again = await step(f.auth.deptA, 'H-A1', { type: 'sign-acceptance', note: '再签一次' }).expect(409);
    expect(again.body).toMatchObject({ code: 'NOT_ACCEPTANCE_PARTY' });
    await step(h.bureauAuth, 'H-A1', { type: 'sign-acceptance', note: '住建局验收合格' }).expect(200);

    const paid = await until('H-A1', (b) => b.stage === 'move-in');
    expect(paid.payment).toMatchObject({ status: 'paid' });
    const transfers = await sql<{ transaction_id: string; amount_fen: string }>(
      system.databaseUrl,
      `SELECT transaction_id, amount_fen FROM simulated_gateway_transfer WHERE idempotency_key LIKE $1`,
      [`subsidy:${h.programme}:H-A1:%`],
    );
    expect(transfers).toEqual([{ transaction_id: paid.payment!.transactionId, amount_fen: '1400000' }]);

    await step(f.auth.deptA, 'H-A1', { type: 'record-move-in', note: '已入住' }).expect(200);
    const done = await until('H-A1', (b) => b.stage === 'moved-in');
    expect(done.timeline.map((e) => e.type)).toEqual([
      'record-appraisal',
      'approve',
      'notice-passed',
      'approve',
      'approve',
      'notice-passed',
      'attach-evidence',
      'record-start',
      'record-completion',
      'sign-acceptance',
      'sign-acceptance',
      'subsidy-paid',
      'record-move-in',
    ]);
    const audit = await sql<{ action: string }>(
      system.databaseUrl,
      'SELECT action FROM audit_entry WHERE subject = $1 ORDER BY seq',
      [`household:${h.households['H-A1']}`],
    );
    expect(audit.map((a) => a.action)).toContain('household.subsidy-paid');
    const finished = await step(f.auth.deptA, 'H-A1', { type: 'withdraw', reason: '晚了' }).expect(409);
    expect(finished.body).toMatchObject({ code: 'FINISHED' });
  });

  it('keeps a township to its own households: no sight and no steps on another township’s', async () => {
    await system
      .http()
      .get(`/api/housing/households/${h.households['H-B1']}`)
      .set('Authorization', f.auth.deptA)
      .expect(404);
    await step(f.auth.deptA, 'H-B1', { type: 'record-appraisal', rating: 'D' }).expect(404);
    const list = await system
      .http()
      .get(`/api/housing/households?programme=${h.programme}`)
      .set('Authorization', f.auth.deptB)
      .expect(200);
    expect((list.body as { items: HouseholdBody[] }).items.map((i) => i.householdNo)).toEqual(['H-B1']);
    // the bureau sees the whole programme
    const all = await system
      .http()
      .get(`/api/housing/households?programme=${h.programme}`)
      .set('Authorization', h.bureauAuth)
      .expect(200);
    expect((all.body as { total: number }).total).toBe(6);
  });

  it('orders a household list by the sort asked for, page by page, and refuses an unknown sort', async () => {
    const numbers = async (query: string): Promise<string[]> =>
      (
        (
          await system
            .http()
            .get(`/api/housing/households?programme=${h.programme}&${query}`)
            .set('Authorization', h.bureauAuth)
            .expect(200)
        ).body as { items: HouseholdBody[] }
      ).items.map((i) => i.householdNo);
    const descending = await numbers('sort=-householdNo');
    expect(descending.length).toBeGreaterThan(3);
    expect(descending).toEqual([...descending].sort().reverse());
    expect(await numbers('sort=householdNo')).toEqual([...descending].reverse());
    expect(await numbers('sort=-householdNo&pageSize=2&page=2')).toEqual(descending.slice(2, 4));
    const refused = await system
      .http()
      .get(`/api/housing/households?programme=${h.programme}&sort=headName`)
      .set('Authorization', h.bureauAuth)
      .expect(400);
    expect((refused.body as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual([
      'sort',
    ]);
  });

  it('records a step for many households at once, with a result per household', async () => {
    await step(f.auth.deptA, 'H-A4', { type: 'record-appraisal', rating: 'C' }).expect(200);
    const response = await system
      .http()
      .post('/api/housing/households/steps')
      .set('Authorization', f.auth.deptA)
      .send({
        householdIds: [h.households['H-A2'], h.households['H-A3'], h.households['H-A4']],
        step: { type: 'record-appraisal', rating: 'D', note: '集中鉴定' },
      })
      .expect(200);
    expect(response.body).toEqual([
      { householdId: h.households['H-A2'], ok: true, stage: 'approval' },
      { householdId: h.households['H-A3'], ok: true, stage: 'approval' },
      expect.objectContaining({ householdId: h.households['H-A4'], ok: false, code: 'ILLEGAL_STEP' }),
    ]);
  });

  it('halts a notice on an objection; an objection that stands, or a rejection, sends the household back', async () => {
    // H-A2 is in village approval; the village approves, its notice is 1 s: objection right away
    await step(f.auth.villageA, 'H-A2', { type: 'approve', note: '评议通过' }).expect(200);
    const objected = await step(f.auth.villageA, 'H-A2', {
      type: 'file-objection',
      objection: '该户已有安全住房',
    });
    if (objected.status === 200) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await detail('H-A2')).approvalLevel).toBe('village'); // halted past the notice end
      const upheld = await step(f.auth.villageA, 'H-A2', {
        type: 'resolve-objection',
        objectionId: 'objection-1',
        upheld: true,
        reason: '核实该户已有安全住房',
      }).expect(200);
      expect(upheld.body).toMatchObject({ stage: 'appraisal' });
    } else {
      expect(objected.body).toMatchObject({ code: 'NO_NOTICE' }); // the 1 s notice had already passed
    }
    const rejected = await step(f.auth.villageA, 'H-A3', { type: 'reject', reason: '不符合条件' }).expect(
      200,
    );
    expect(rejected.body).toMatchObject({ stage: 'appraisal' });
    expect((rejected.body as HouseholdBody).timeline.at(-1)).toMatchObject({
      type: 'reject',
      reason: '不符合条件',
    });
  });

  it('withdraws a household with its reason; it stays in the records and takes no more steps', async () => {
    const withdrawn = await step(f.auth.deptA, 'H-A4', {
      type: 'withdraw',
      reason: '户主自愿放弃改造',
    }).expect(200);
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn' });
    const refused = await step(f.auth.deptA, 'H-A4', { type: 'record-appraisal', rating: 'D' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'WITHDRAWN' });
    const listed = await system
      .http()
      .get(`/api/housing/households?programme=${h.programme}&stage=withdrawn`)
      .set('Authorization', f.auth.command)
      .expect(200);
    expect((listed.body as { items: HouseholdBody[] }).items.map((i) => i.householdNo)).toEqual(['H-A4']);
  });

  it('counts households by stage and township, and reports the month with the registered-poor share', async () => {
    const progress = await system
      .http()
      .get(`/api/housing/programmes/${h.programme}/progress`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    const body = progress.body as {
      households: number;
      byStage: Array<{ stage: string; households: number }>;
      byTownship: Array<{ township: string; total: number; byStage: Record<string, number> }>;
    };
    const counted = await sql<{ stage: string; n: number }>(
      system.databaseUrl,
      'SELECT stage, count(*)::int AS n FROM household WHERE programme_id = $1 GROUP BY stage',
      [h.programme],
    );
    for (const { stage, n } of counted)
      expect({ stage, n: body.byStage.find((s) => s.stage === stage)?.households }).toEqual({ stage, n });
    expect(body.households).toBe(6);
    expect(body.byTownship.find((t) => t.township === 'tA')).toMatchObject({
      total: 5,
      byStage: { 'moved-in': 1, withdrawn: 1 },
    });
    // 乙镇's department sees its own township's households only
    const ownProgress = await system
      .http()
      .get(`/api/housing/programmes/${h.programme}/progress`)
      .set('Authorization', f.auth.deptB)
      .expect(200);
    const townshipB = ownProgress.body as typeof body;
    expect(townshipB.byTownship.map((t) => t.township)).toEqual(['tB']);
    expect(townshipB.households).toBe(body.households - 5);

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const report = await system
      .http()
      .get(`/api/housing/report?programme=${h.programme}&month=${month}`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    expect(report.body).toMatchObject({
      month,
      total: {
        households: 5,
        startedInMonth: 1,
        startedCumulative: 1,
        completedInMonth: 1,
        completedCumulative: 1,
        registeredPoor: 4,
      },
      registeredPoorShare: 0.8,
      belowRegisteredPoorRule: false,
    });
    const earlier = await system
      .http()
      .get(`/api/housing/report?programme=${h.programme}&month=2019-06`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    expect(earlier.body).toMatchObject({ total: { startedInMonth: 0, startedCumulative: 0 } });
    // 乙镇 sees its own township only
    const own = await system
      .http()
      .get(`/api/housing/report?programme=${h.programme}&month=${month}`)
      .set('Authorization', f.auth.deptB)
      .expect(200);
    expect((own.body as { townships: Array<{ township: string }> }).townships.map((t) => t.township)).toEqual(
      ['tB'],
    );
  });

  it('dates a start recorded later by occurredOn: the monthly report counts it in the month it happened', async () => {
    const cstDay = (offsetDays = 0) =>
      new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const thisMonth = cstDay().slice(0, 7);
    const [year, month] = thisMonth.split('-').map(Number);
    const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    const programme = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', f.auth.command)
      .send({ name: '补录开工日期', housingBureau: 'zjj', stageDeadlines: {}, stallAfter: 'P365D' })
      .expect(201);
    const programmeId = (programme.body as { id: string }).id;
    const imported = await system
      .http()
      .post(`/api/housing/programmes/${programmeId}/imports`)
      .set('Authorization', f.auth.command)
      .attach('file', householdCsv([['L-1', 'vA1', 'tA']]), 'l.csv')
      .expect(202);
    await awaitImport(system, f.auth.command, (imported.body as { id: string }).id);

    // Its county approval passed on the 5th of last month: the pipeline is restarted with that state,
    // as Temporal would hold it for a household approved then (the read model follows on the next step).
    const dataSource = system.api.get(DataSource);
    const household = await dataSource.getRepository(Household).findOneByOrFail({ programmeId });
    const rules = await dataSource.getRepository(HousingProgramme).findOneByOrFail({ id: programmeId });
    const client = system.api.get<TemporalClient>(TEMPORAL_CLIENT);
    await client.workflow
      .getHandle(household.workflowId)
      .terminate('test: replaced by an approved household');
    const approvedAt = new Date(`${lastMonth}-05T10:00:00+08:00`).toISOString();
    await client.workflow.start('householdPipelineWorkflow', {
      taskQueue: system.taskQueue,
      workflowId: household.workflowId,
      args: [
        {
          ...pipelineInput(household, rules),
          state: {
            ...household.state,
            stage: 'construction-start',
            stageEnteredAt: approvedAt,
            lastProgressAt: approvedAt,
          },
        },
      ],
    });
    const recordStart = (occurredOn: string) =>
      system
        .http()
        .post(`/api/housing/households/${household.id}/steps`)
        .set('Authorization', f.auth.deptA)
        .send({ type: 'record-start', note: '补录', occurredOn });

    const future = await recordStart(cstDay(1)).expect(409);
    expect(future.body).toMatchObject({ code: 'BAD_OCCURRED_ON' });
    expect((future.body as { message: string }).message).toContain(`发生日期 ${cstDay(1)} 晚于今天`);
    const malformed = await recordStart(`${year}-02-30`).expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'occurredOn', problems: [`须为日期，格式 YYYY-MM-DD：${year}-02-30 不是有效的日期`] },
      ],
    });

    const approve = await system
      .http()
      .post(`/api/housing/households/${household.id}/steps`)
      .set('Authorization', f.auth.deptA)
      .send({ type: 'approve', occurredOn: cstDay() })
      .expect(400);
    expect(approve.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'occurredOn' }] });

    const bulk = (occurredOn: string) =>
      system
        .http()
        .post('/api/housing/households/steps')
        .set('Authorization', f.auth.deptA)
        .send({
          householdIds: [household.id],
          step: { type: 'record-start', note: '集中补录开工', occurredOn },
        })
        .expect(200);
    const early = await bulk(`${lastMonth}-04`);
    expect(early.body).toEqual([
      {
        householdId: household.id,
        ok: false,
        code: 'BAD_OCCURRED_ON',
        message: `发生日期 ${lastMonth}-04 早于审批通过的日期（${lastMonth}-05）`,
      },
    ]);
    const started = await bulk(`${lastMonth}-15`);
    expect(started.body).toEqual([{ householdId: household.id, ok: true, stage: 'construction' }]);

    const report = async (month: string) =>
      (
        await system
          .http()
          .get(`/api/housing/report?programme=${programmeId}&month=${month}`)
          .set('Authorization', f.auth.command)
          .expect(200)
      ).body as { total: { startedInMonth: number; startedCumulative: number } };
    expect((await report(lastMonth)).total).toMatchObject({ startedInMonth: 1, startedCumulative: 1 });
    expect((await report(thisMonth)).total).toMatchObject({ startedInMonth: 0, startedCumulative: 1 });
    // the timeline keeps when it was recorded, with the day it happened
    const timeline = (
      await system
        .http()
        .get(`/api/housing/households/${household.id}`)
        .set('Authorization', f.auth.command)
        .expect(200)
    ).body.timeline as Array<{ type: string; at: string; summary: string; data: Record<string, unknown> }>;
    expect(timeline.at(-1)).toMatchObject({
      type: 'record-start',
      summary: `开工（发生于 ${lastMonth}-15）`,
      data: { occurredOn: `${lastMonth}-15` },
    });
    expect(Date.now() - Date.parse(timeline.at(-1)!.at)).toBeLessThan(60_000);
  });

  it('flags a programme with fewer than 80% registered poor households', async () => {
    const programme = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', f.auth.command)
      .send({ name: '贫困户比例不足的项目', housingBureau: 'zjj', stageDeadlines: {} })
      .expect(201);
    const id = (programme.body as { id: string }).id;
    const imported = await system
      .http()
      .post(`/api/housing/programmes/${id}/imports`)
      .set('Authorization', f.auth.command)
      .attach(
        'file',
        householdCsv([
          ['P-1', 'vA1', 'tA'],
          ['P-2', 'vA1', 'tA', false],
          ['P-3', 'vB1', 'tB'],
        ]),
        'p.csv',
      )
      .expect(202);
    await awaitImport(system, f.auth.command, (imported.body as { id: string }).id);
    const report = await system
      .http()
      .get(`/api/housing/report?programme=${id}&month=2026-11`)
      .set('Authorization', f.auth.command)
      .expect(200);
    expect(report.body).toMatchObject({ registeredPoorShare: 0.6667, belowRegisteredPoorRule: true });
  });

  it('escalates stalled and overdue households on the ladder, and lists them', async () => {
    const programme = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', f.auth.command)
      .send({
        name: '停滞户督办',
        housingBureau: 'zjj',
        stageDeadlines: { appraisal: new Date(Date.now() - 86_400_000).toISOString() },
        stallAfter: 'PT2S',
        timerJitter: 'PT1S',
      })
      .expect(201);
    const id = (programme.body as { id: string }).id;
    const imported = await system
      .http()
      .post(`/api/housing/programmes/${id}/imports`)
      .set('Authorization', f.auth.command)
      .attach('file', householdCsv([['S-1', 'vA1', 'tA']]), 's.csv')
      .expect(202);
    await awaitImport(system, f.auth.command, (imported.body as { id: string }).id);
    let listed: HouseholdBody | undefined;
    for (let i = 0; i < 100 && !(listed && listed.stalled && listed.escalationLevel >= 3); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const list = await system
        .http()
        .get(`/api/housing/households?programme=${id}&stalled=true&overdue=true`)
        .set('Authorization', f.auth.deptA)
        .expect(200);
      listed = (list.body as { items: HouseholdBody[] }).items[0];
    }
    expect(listed).toMatchObject({ householdNo: 'S-1', overdue: true, stalled: true, escalationLevel: 3 });
    const progress = await system
      .http()
      .get(`/api/housing/programmes/${id}/progress`)
      .set('Authorization', f.auth.command)
      .expect(200);
    expect(progress.body).toMatchObject({
      stalled: 1,
      overdueByStage: [{ stage: 'appraisal', households: 1 }],
      escalated: { '3': 1 },
    });
    const notices = await system
      .http()
      .get('/api/notifications')
      .set('Authorization', f.auth.deptA)
      .expect(200);
    expect(JSON.stringify(notices.body)).toContain('户主S-1');
  });
});
