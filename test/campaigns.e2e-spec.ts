import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createCampaign, cstDaysFromNow, fixturePlan } from './support/campaign-fixture';
import { eventually } from './support/eventually';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const EXAMPLES = join(__dirname, '../examples/campaigns');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface TaskBody {
  key: string;
  lead: string;
  cooperating: string[];
  status: string;
  deadline: string;
  originalDeadline: string;
  percentDone: number | null;
  returnCount: number;
  lastReturnReason: string | null;
  extensions: Array<{ to: string; reason: string }>;
  timeline: Array<{ type: string; actorName: string; reason: string | null }>;
  evidence: Array<{ id: string; sha256: string }>;
}

interface CampaignBody {
  id: string;
  name: string;
  status: string;
  planVersion: number;
  window: { start: string; end: string };
  pausedSince: string | null;
  plan: { tasks: Array<{ key: string; parentKey: string | null; lead: string; deadline: string }> };
  document: { tasks: Array<Record<string, unknown>> } & Record<string, unknown>;
  pledges: Array<{ unit: string; signed: boolean; signedBy: string | null }>;
  tasks: Array<{ key: string; lead: string; status: string; deadline: string; isGroup: boolean }>;
}

async function count(databaseUrl: string, table: string): Promise<number> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  } finally {
    await pg.end();
  }
}

/** The end of a CST date as an ISO instant (what a plan's date means). */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

describe('campaigns over HTTP, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let campaignId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  const get = (auth: string, path: string) => system.http().get(path).set('Authorization', auth);
  const post = (auth: string, path: string, body: object = {}) =>
    system.http().post(path).set('Authorization', auth).send(body);
  const campaign = async (auth = f.auth.command): Promise<CampaignBody> =>
    (await get(auth, `/api/campaigns/${campaignId}`).expect(200)).body as CampaignBody;
  const task = async (key: string, auth = f.auth.command): Promise<TaskBody> =>
    (await get(auth, `/api/campaigns/${campaignId}/tasks/${key}`).expect(200)).body as TaskBody;
  const step = (auth: string, key: string, action: string, body: object) =>
    post(auth, `/api/campaigns/${campaignId}/tasks/${key}/${action}`, body);
  const until = <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> =>
    eventually(read, done, 'the state', {
      timeoutMs: 30_000,
      failure: (last) => `did not get there: ${JSON.stringify(last)}`,
    });

  it('answers every problem of a plan at once with its path, and writes nothing', async () => {
    const before = await count(system.databaseUrl, 'campaign');
    const response = await post(
      f.auth.command,
      '/api/campaigns',
      fixturePlan({
        tasks: [
          { key: 'TA', name: '甲', lead: 'nowhere', deadline: cstDaysFromNow(30), dependsOn: ['TB'] },
          {
            key: 'TB',
            name: '乙',
            lead: 'tB',
            cooperating: ['tB'],
            deadline: cstDaysFromNow(200),
            dependsOn: ['TA'],
          },
        ],
      }),
    ).expect(422);
    expect(response.body).toMatchObject({ code: 'PLAN_INVALID' });
    expect(response.body.message).toMatch(/计划有误/);
    const paths = (response.body.details as Array<{ path: string; problem: string }>).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'tasks[0].lead', // unknown unit
        'tasks[1].cooperating[0]', // cooperating unit = lead
        'tasks[1].deadline', // after the window
        'tasks[0].dependsOn[0]', // TA → TB → TA
      ]),
    );
    expect(paths).toHaveLength(4);
    expect(await count(system.databaseUrl, 'campaign')).toBe(before);
    expect(await count(system.databaseUrl, 'campaign_plan_version')).toBe(0);
  });

  it('takes the seed-004 example plan as YAML, keeps it as version 1, and refuses to launch it after its window', async () => {
    // The example's units (住建局 zjj is already in the fixture).
    const units = readFileSync(join(EXAMPLES, 'units.csv'), 'utf8')
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('zjj,'))
      .join('\n');
    await system
      .http()
      .post('/api/units/import')
      .set('Authorization', system.adminAuth)
      .attach('file', Buffer.from(units), 'units.csv')
      .expect(201);
    const yaml = readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8');
    const created = await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', f.auth.command)
      .set('Content-Type', 'application/yaml')
      .send(yaml)
      .expect(201);
    const body = created.body as CampaignBody;
    expect(body).toMatchObject({
      name: '精准脱贫“百日攻坚行动”',
      status: 'draft',
      planVersion: 1,
      window: { start: '2018-06-19T16:00:00.000Z', end: endOf('2018-09-30') },
    });
    expect(body.plan.tasks.filter((t) => t.parentKey === null).map((t) => t.key)).toEqual([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
      'T6',
      'T7',
      'T8',
      'T9',
      'T10',
    ]);
    expect(body.plan.tasks.find((t) => t.key === 'T4')).toMatchObject({
      lead: 'zjj',
      deadline: endOf('2018-09-30'),
    });
    // 5 working days before 30 September 2018, counting the make-up days (调休) and 中秋节.
    expect(body.plan.tasks.find((t) => t.key === 'T1.2')?.deadline).toBe(endOf('2018-09-25'));
    const stored = await get(f.auth.command, `/api/campaigns/${body.id}`).expect(200);
    expect((stored.body as CampaignBody).document).toMatchObject({
      window: { start: '2018-06-20', end: '2018-09-30' },
    });
    const versions = await get(f.auth.leader, `/api/campaigns/${body.id}/plan-versions`).expect(200);
    expect(versions.body).toEqual([
      expect.objectContaining({ version: 1, tasks: body.plan.tasks.length, current: true, appliedAt: null }),
    ]);

    const late = await post(f.auth.command, `/api/campaigns/${body.id}/launch`).expect(409);
    expect(late.body).toMatchObject({ code: 'WINDOW_ENDED' });
    expect((await get(f.auth.command, `/api/campaigns/${body.id}`).expect(200)).body.status).toBe('draft');
  });

  const postYaml = (path: string, type: string, text: string) =>
    system.http().post(path).set('Authorization', f.auth.command).set('Content-Type', type).send(text);

  it('names the line and column of a YAML syntax error', async () => {
    const response = await postYaml(
      '/api/campaigns',
      'text/yaml',
      'name: 错误\nwindow:\n  start: "2026-01-01\n  end: x\n',
    ).expect(422);
    expect(response.body).toMatchObject({ code: 'YAML_INVALID' });
    expect(response.body.message).toMatch(/第 \d+ 行第 \d+ 列/);
  });

  it('refuses a YAML plan over 1 MiB with 413 PLAN_TOO_LARGE, and YAML on a route that takes none with 415', async () => {
    const tooLarge = await postYaml(
      '/api/campaigns',
      'application/yaml',
      `name: 过大\nnote: ${'x'.repeat(1024 * 1024)}\n`,
    ).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'PLAN_TOO_LARGE' });
    const elsewhere = await postYaml('/api/ledgers', 'application/yaml', 'name: 台账\n').expect(415);
    expect(elsewhere.body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: { contentType: 'application/yaml' },
    });
  });

  it('launches: every task listed with its lead unit, pledges open; a department signs its pledge', async () => {
    campaignId = await createCampaign(
      system,
      f.auth.command,
      fixturePlan({
        tasks: [
          ...(fixturePlan().tasks as object[]),
          { key: 'TC', name: '甲镇档案整理', lead: 'tA', deadline: cstDaysFromNow(70), dependsOn: ['TA'] },
          {
            key: 'TG',
            name: '乙镇基础设施',
            lead: 'tB',
            deadline: cstDaysFromNow(80),
            subtasks: [
              { key: 'TG.1', name: '饮水' },
              { key: 'TG.2', name: '道路', deadline: cstDaysFromNow(50) },
            ],
          },
        ],
      }),
    );
    const launched = await post(f.auth.command, `/api/campaigns/${campaignId}/launch`).expect(200);
    const body = launched.body as CampaignBody;
    expect(body.status).toBe('running');
    expect(body.tasks.map((t) => [t.key, t.lead, t.status])).toEqual([
      ['TA', 'tA', 'in-progress'],
      ['TB', 'tB', 'in-progress'],
      ['TC', 'tA', 'in-progress'],
      ['TG', 'tB', 'in-progress'],
      ['TG.1', 'tB', 'in-progress'],
      ['TG.2', 'tB', 'in-progress'],
    ]);
    expect(body.tasks.find((t) => t.key === 'TA')?.deadline).toBe(endOf(cstDaysFromNow(60)));
    expect(body.pledges.map((p) => [p.unit, p.signed]).sort()).toEqual([
      ['tA', false],
      ['tB', false],
      ['vA1', false],
    ]);
    const again = await post(f.auth.command, `/api/campaigns/${campaignId}/launch`).expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_LAUNCHED' });

    const signed = await post(f.auth.deptA, `/api/campaigns/${campaignId}/pledges`, {
      note: '甲镇党委书记签订责任状',
    }).expect(200);
    expect((signed.body as CampaignBody).pledges.find((p) => p.unit === 'tA')).toMatchObject({
      signed: true,
      signedBy: expect.stringContaining('甲镇干部') as unknown,
    });
    const twice = await post(f.auth.deptA, `/api/campaigns/${campaignId}/pledges`, { note: '再签' }).expect(
      409,
    );
    expect(twice.body).toMatchObject({ code: 'ALREADY_PLEDGED' });

    // A department sees the campaigns naming its unit, and only those.
    const list = await get(f.auth.deptB, '/api/campaigns').expect(200);
    expect((list.body as Array<{ id: string }>).map((c) => c.id)).toContain(campaignId);
  });

  it('refuses a pledge from a unit the plan does not name', async () => {
    // 甲镇 sees a campaign naming its village 甲村, but 甲镇 itself has nothing to pledge.
    const ofVillage = await createCampaign(
      system,
      f.auth.command,
      fixturePlan({
        name: '甲村人居环境整治',
        goals: [],
        tasks: [{ key: 'V1', name: '村庄清洁', lead: 'vA1', deadline: cstDaysFromNow(20) }],
      }),
    );
    await get(f.auth.deptA, `/api/campaigns/${ofVillage}`).expect(200);
    const refused = await post(f.auth.deptA, `/api/campaigns/${ofVillage}/pledges`, {
      note: '越级签订',
    }).expect(403);
    expect(refused.body).toMatchObject({ code: 'NOT_PLEDGING_UNIT' });
    await get(f.auth.deptB, `/api/campaigns/${ofVillage}`).expect(404);
    expect(
      (await get(f.auth.deptB, '/api/campaigns').expect(200)).body.map((c: { id: string }) => c.id),
    ).not.toContain(ofVillage);
  });

  it('takes a task through report, submit, return, submit and accept; refuses illegal steps and other units', async () => {
    // 乙镇 may neither read nor work on 甲镇's task
    expect((await get(f.auth.deptB, `/api/campaigns/${campaignId}/tasks/TA`).expect(403)).body).toMatchObject(
      {
        code: 'NOT_YOUR_TASK',
      },
    );
    expect(
      (await step(f.auth.deptB, 'TA', 'progress', { percentDone: 10, narrative: '越权' }).expect(403)).body,
    ).toMatchObject({ code: 'NOT_YOUR_TASK' });

    // the cooperating village reports; only the lead unit may submit
    const reported = await step(f.auth.villageA, 'TA', 'progress', {
      percentDone: 40,
      narrative: '甲村已完成 40%',
    }).expect(200);
    expect(reported.body).toMatchObject({ percentDone: 40, status: 'in-progress' });
    expect(
      (await step(f.auth.villageA, 'TA', 'submit', { note: '村里报验收' }).expect(403)).body,
    ).toMatchObject({
      code: 'NOT_LEAD_UNIT',
    });
    expect((await step(f.auth.command, 'TA', 'accept', { note: '提前验收' }).expect(409)).body).toMatchObject(
      {
        code: 'NOT_SUBMITTED',
      },
    );
    const badPercent = await step(f.auth.deptA, 'TA', 'progress', {
      percentDone: 140,
      narrative: '超了',
    }).expect(400);
    expect(badPercent.body).toMatchObject({ code: 'VALIDATION_FAILED' });

    // TC depends on TA: it cannot be submitted before TA is accepted
    const blocked = await step(f.auth.deptA, 'TC', 'submit', { note: '档案整理完毕' }).expect(409);
    expect(blocked.body).toMatchObject({ code: 'DEPENDENCIES_OPEN', details: { dependsOn: ['TA'] } });
    // a group is worked through its sub-tasks
    expect(
      (await step(f.auth.deptB, 'TG', 'progress', { percentDone: 5, narrative: '汇总' }).expect(409)).body,
    ).toMatchObject({ code: 'GROUP_TASK' });

    const photo = await system
      .http()
      .post(`/api/campaigns/${campaignId}/tasks/TA/evidence`)
      .set('Authorization', f.auth.deptA)
      .attach('file', PNG, '竣工照片.png')
      .expect(201);
    const evidenceId = (photo.body as { id: string; fileName: string }).id;
    expect(photo.body).toMatchObject({ fileName: '竣工照片.png', taskKey: 'TA' });
    // evidence of another task cannot be named
    const wrong = await step(f.auth.deptB, 'TB', 'progress', {
      percentDone: 10,
      narrative: '引用别的任务的材料',
      evidenceIds: [evidenceId],
    }).expect(400);
    expect(wrong.body).toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });

    await step(f.auth.deptA, 'TA', 'submit', { note: '已全部完成', evidenceIds: [evidenceId] }).expect(200);
    expect((await step(f.auth.deptA, 'TA', 'submit', { note: '再报一次' }).expect(409)).body).toMatchObject({
      code: 'NOT_IN_PROGRESS',
    });
    const returned = await step(f.auth.command, 'TA', 'return', { reason: '缺少验收单' }).expect(200);
    expect(returned.body).toMatchObject({
      status: 'in-progress',
      returnCount: 1,
      lastReturnReason: '缺少验收单',
    });
    await step(f.auth.deptA, 'TA', 'submit', { note: '补充验收单', evidenceIds: [evidenceId] }).expect(200);
    const accepted = await step(f.auth.command, 'TA', 'accept', { note: '验收合格' }).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    expect((await step(f.auth.command, 'TA', 'accept', { note: '再验' }).expect(409)).body).toMatchObject({
      code: 'ALREADY_ACCEPTED',
    });

    const detail = await task('TA', f.auth.deptA);
    expect(detail.timeline.map((e) => e.type)).toEqual([
      'launch',
      'report-progress',
      'submit',
      'return',
      'submit',
      'accept',
    ]);
    expect(detail.timeline.find((e) => e.type === 'return')?.reason).toBe('缺少验收单');
    expect(detail.evidence.map((e) => e.id)).toEqual([evidenceId]);
    const file = await get(
      f.auth.villageA,
      `/api/campaigns/${campaignId}/tasks/TA/evidence/${evidenceId}`,
    ).expect(200);
    expect(file.headers['x-content-sha256']).toBe(detail.evidence[0].sha256);

    // now TC may be submitted
    await step(f.auth.deptA, 'TC', 'submit', { note: '档案整理完毕' }).expect(200);
  });

  it('extends a deadline with its reason, and only to a later one', async () => {
    const to = cstDaysFromNow(75);
    const extended = await step(f.auth.command, 'TB', 'extend', {
      deadline: to,
      reason: '汛期施工受阻',
    }).expect(200);
    const body = extended.body as TaskBody;
    expect(body.deadline).toBe(endOf(to));
    expect(body.originalDeadline).toBe(endOf(cstDaysFromNow(60)));
    expect(body.extensions).toEqual([expect.objectContaining({ to: endOf(to), reason: '汛期施工受阻' })]);
    const earlier = await step(f.auth.command, 'TB', 'extend', {
      deadline: cstDaysFromNow(10),
      reason: '提前',
    }).expect(409);
    expect(earlier.body).toMatchObject({ code: 'DEADLINE_NOT_LATER' });
    const noReason = await step(f.auth.command, 'TB', 'extend', { deadline: cstDaysFromNow(90) }).expect(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('pauses and resumes the campaign; tasks take no step while it is paused', async () => {
    const paused = await post(f.auth.command, `/api/campaigns/${campaignId}/pause`, {
      reason: '防汛抢险',
    }).expect(200);
    expect(paused.body).toMatchObject({ status: 'paused', pausedSince: expect.any(String) as unknown });
    expect(
      (await post(f.auth.command, `/api/campaigns/${campaignId}/pause`, { reason: '再停' }).expect(409)).body,
    ).toMatchObject({ code: 'ALREADY_PAUSED' });
    await until(
      () => task('TB'),
      (t) => t.timeline.some((e) => e.type === 'pause'),
    );
    const refused = await step(f.auth.deptB, 'TB', 'progress', {
      percentDone: 30,
      narrative: '暂停期间',
    }).expect(409);
    expect(refused.body).toMatchObject({ code: 'CAMPAIGN_PAUSED' });
    const resumed = await post(f.auth.command, `/api/campaigns/${campaignId}/resume`, {
      reason: '汛情解除',
    }).expect(200);
    expect(resumed.body).toMatchObject({ status: 'running', pausedSince: null });
    await until(
      () => task('TB'),
      (t) => t.timeline.some((e) => e.type === 'resume'),
    );
    await step(f.auth.deptB, 'TB', 'progress', { percentDone: 30, narrative: '恢复推进' }).expect(200);
  });

  it('adds a task after launch: a new plan version, its row listed and its workflow running', async () => {
    // the battle map read once, so this API process holds plan version 1 and the units it names
    await get(f.auth.leader, `/api/campaigns/${campaignId}/progress`).expect(200);
    const added = await post(f.auth.command, `/api/campaigns/${campaignId}/tasks`, {
      task: {
        key: 'TD',
        name: '乙镇技能培训',
        lead: 'tB',
        cooperating: ['vB1'],
        deadline: cstDaysFromNow(90),
      },
      reason: '县里新增培训任务',
    }).expect(201);
    const body = added.body as CampaignBody;
    expect(body.planVersion).toBe(2);
    expect(body.tasks.find((t) => t.key === 'TD')).toMatchObject({ lead: 'tB', status: 'in-progress' });
    await step(f.auth.deptB, 'TD', 'progress', { percentDone: 20, narrative: '已开班' }).expect(200);
    const versions = await get(f.auth.command, `/api/campaigns/${campaignId}/plan-versions`).expect(200);
    expect(versions.body).toEqual([
      expect.objectContaining({ version: 1, current: false }),
      expect.objectContaining({ version: 2, current: true, reason: '县里新增培训任务' }),
    ]);
    expect((versions.body as Array<{ appliedAt: string | null }>)[1].appliedAt).not.toBeNull();
    const v2 = await get(f.auth.command, `/api/campaigns/${campaignId}/plan-versions/2`).expect(200);
    expect((v2.body.document as CampaignBody['document']).tasks.map((t) => t.key)).toContain('TD');
    // the battle map names the unit version 2 added, by name
    const map = await get(f.auth.leader, `/api/campaigns/${campaignId}/progress`).expect(200);
    const td = (map.body as { tasks: Array<{ key: string; cooperating: unknown }> }).tasks.find(
      (t) => t.key === 'TD',
    );
    expect(td?.cooperating).toEqual([{ code: 'vB1', name: '乙村' }]);
  });

  it('moves a deadline by a plan change, keeping progress; refuses a change that would lose a task', async () => {
    const current = await campaign();
    const moved = cstDaysFromNow(95);
    const document = {
      ...current.document,
      tasks: current.document.tasks.map((t) => (t.key === 'TD' ? { ...t, deadline: moved } : t)),
    };
    const noReason = await post(f.auth.command, `/api/campaigns/${campaignId}/plan`, { document }).expect(
      400,
    );
    expect(noReason.body).toMatchObject({ code: 'REASON_REQUIRED' });
    await post(f.auth.command, `/api/campaigns/${campaignId}/plan`, {
      document,
      reason: '培训场地推迟交付',
    }).expect(201);
    const td = await until(
      () => task('TD'),
      (t) => t.deadline === endOf(moved),
    );
    expect(td.percentDone).toBe(20);
    expect(td.timeline.map((e) => e.type)).toContain('revise');

    const without = { ...document, tasks: document.tasks.filter((t) => t.key !== 'TC') };
    const refused = await post(f.auth.command, `/api/campaigns/${campaignId}/plan`, {
      document: without,
      reason: '删去任务',
    }).expect(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_CHANGE_REFUSED' });
    expect((refused.body.details as Array<{ path: string }>).length).toBeGreaterThan(0);
    expect((await campaign()).planVersion).toBe(3);
    expect(await count(system.databaseUrl, `campaign_plan_version WHERE campaign_id = '${campaignId}'`)).toBe(
      3,
    );
  });

  it('closes the campaign with a final report; nothing moves after', async () => {
    const early = await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report`).expect(409);
    expect(early.body).toMatchObject({ code: 'NOT_CLOSED' });
    await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report/html`).expect(409);
    const closed = await post(f.auth.command, `/api/campaigns/${campaignId}/close`, {
      note: '百日攻坚行动结束',
    }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const report = await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report`).expect(200);
    expect(report.body.report.totals).toMatchObject({ onTime: 1 });
    const outcomes = Object.fromEntries(
      (report.body.report.tasks as Array<{ key: string; outcome: string }>).map((t) => [t.key, t.outcome]),
    );
    expect(outcomes).toMatchObject({ TA: 'on-time', TB: 'unfinished', TD: 'unfinished' });
    // on time against the deadline in force, and apart against the original one
    expect(report.body.report.totals).toMatchObject({ onTime: 1, onTimeOriginal: 1 });
    // the final report as a document in the office's frame, and as a workbook
    const page = (await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report/html`).expect(200))
      .text;
    expect(page).toMatch(/<h1>[^<]*总结报告<\/h1>/);
    expect(page).toContain('按期完成1项（其中按原定期限完成1项');
    expect(page).toMatch(/<div class="signature">\n<p>[^<]+<\/p>\n<p>\d{4}年\d{1,2}月\d{1,2}日<\/p>/);
    const workbook = await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report/xlsx`).expect(200);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    expect(workbook.headers['content-disposition']).toContain(encodeURIComponent('总结报告.xlsx'));
    expect(
      (await step(f.auth.deptB, 'TB', 'progress', { percentDone: 90, narrative: '结束后' }).expect(409)).body,
    ).toMatchObject({ code: 'CAMPAIGN_CLOSED' });
    expect(
      (await post(f.auth.command, `/api/campaigns/${campaignId}/close`, { note: '再关' }).expect(409)).body,
    ).toMatchObject({ code: 'CAMPAIGN_CLOSED' });
    const plan = await post(f.auth.command, `/api/campaigns/${campaignId}/plan`, {
      document: (await campaign()).document,
      reason: '结束后修改',
    }).expect(409);
    expect(plan.body).toMatchObject({ code: 'CAMPAIGN_CLOSED' });
    expect((await get(f.auth.command, `/api/campaigns/${campaignId}/bulletins`).expect(200)).body).toEqual(
      [],
    );
    await get(f.auth.command, `/api/campaigns/${campaignId}/bulletins/1`).expect(404);
  });
});
