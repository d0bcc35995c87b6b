import { randomUUID } from 'node:crypto';
import { Client as TemporalClient } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createRectificationActivities } from '../activities/rectification/rectification.activities';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import type { Response } from 'supertest';
import {
  createBulletinActivities,
  PublishBulletinActivityResult,
} from '../activities/rectification/bulletin.activities';
import { publishBulletin } from '../libs/database/src/rectification/publish-bulletin';
import { DEFAULT_LADDER } from '../libs/domain/src/escalation/ladder';
import type { BulletinPayload } from '../libs/domain/src/rectification/bulletin';
import {
  decide,
  fireEscalation,
  ItemCommand,
  ItemState,
  newItemState,
} from '../libs/domain/src/rectification/item-process';
import type { Actor } from '../libs/domain/src/process/actor';
import { cstDate } from '../libs/domain/src/time/china-time';
import { TEMPORAL_CLIENT } from '../libs/temporal/src/temporal.tokens';
import { ledgerBulletinWorkflow } from '../workflows/rectification/ledger-bulletin.workflow';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const DAY = 86_400_000;
const SCRIPT = '<script>alert("通报")</script>';
const someone: Actor = { id: 'user:fixture', name: '测试', unit: 'c1', roles: ['command-center'] };

async function withPg<T>(databaseUrl: string, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

async function count(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  return withPg(databaseUrl, async (pg) => Number((await pg.query<{ n: string }>(sql, params)).rows[0].n));
}

/** The CST midnight that starts today, minus `days` days: "before that day" deadlines. */
function cstMidnight(daysFromToday: number): Date {
  const today = cstDate(new Date());
  return new Date(Date.parse(`${today}T00:00:00+08:00`) + daysFromToday * DAY);
}

function apply(state: ItemState, ...steps: Array<[ItemCommand, Date]>): ItemState {
  return steps.reduce((current, [command, at]) => {
    const decision = decide(current, command, someone, at.toISOString());
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    return decision.state;
  }, state);
}

const close = (at: Date): Array<[ItemCommand, Date]> => [
  [{ type: 'submit', note: '已整改' }, at],
  [{ type: 'accept', note: '核查属实' }, at],
];

/** Fires the default ladder's steps 1 … level, as the item workflow would have. */
function escalated(state: ItemState, level: number, at: Date): ItemState {
  return DEFAULT_LADDER.slice(0, level).reduce(
    (current, step) => fireEscalation(current, step, at.toISOString()).state,
    state,
  );
}

interface ItemSpec {
  number: number;
  problem: string;
  unit: 'tA' | 'tB' | 'zjj';
  personId: string;
  full: Date;
  steps?: Array<[ItemCommand, Date]>;
  level?: number;
  repeatOf?: string;
}

const UNIT_PATHS = { tA: '/c1/tA/', tB: '/c1/tB/', zjj: '/c1/zjj/' };

/** Writes one item row as the item workflow's projection would: every column from a consistent state. */
async function insertItem(
  databaseUrl: string,
  ledgerId: string,
  verifierId: string,
  spec: ItemSpec,
): Promise<string> {
  const id = randomUUID();
  const basic = new Date(spec.full.getTime() - 10 * DAY);
  const registeredAt = new Date(Date.now() - 90 * DAY);
  let state = newItemState({
    deadlines: { basic: basic.toISOString(), full: spec.full.toISOString() },
    responsibleUnit: spec.unit,
    responsiblePersonId: spec.personId,
    verifierId,
  });
  state = apply(state, ...(spec.steps ?? []));
  if (spec.level) state = escalated(state, spec.level, new Date(Date.now() - DAY));
  await writeItem(databaseUrl, { id, ledgerId, spec, state, registeredAt });
  return id;
}

/** Writes the item through the projection the item workflow uses (the real activity). */
async function writeItem(
  databaseUrl: string,
  row: { id: string; ledgerId: string; spec: ItemSpec; state: ItemState; registeredAt: Date },
): Promise<void> {
  const { id, ledgerId, spec, state } = row;
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const actor = { id: 'system:test', name: '测试', unit: null, roles: [] };
    await createRectificationActivities(dataSource).projectRectification({
      facts: {
        itemId: id,
        ledgerId,
        number: spec.number,
        problem: spec.problem,
        source: '省审计报告',
        category: '资金管理',
        analysis: '审批环节多',
        measures: ['简化审批'],
        responsibleUnit: spec.unit,
        responsibleUnitPath: UNIT_PATHS[spec.unit],
        verifierId: state.verifierId,
        repeatOf: spec.repeatOf ?? null,
        workflowId: `rectification:${ledgerId}:${id}`,
      },
      state,
      actor,
      event: {
        type: 'fixture',
        at: new Date().toISOString(),
        actor,
        summary: '测试数据',
        reason: null,
        data: {},
      },
    });
  } finally {
    await dataSource.destroy();
  }
}

async function insertLedger(databaseUrl: string, name: string): Promise<string> {
  const id = randomUUID();
  await withPg(databaseUrl, (pg) =>
    pg.query(
      `INSERT INTO ledger (id, name, source, ladder, bulletin_every, bulletin_first_at, created_by)
       VALUES ($1, $2, '省审计报告', $3, 'P1W', now() + interval '7 days', 'user:fixture')`,
      [id, name, JSON.stringify(DEFAULT_LADDER)],
    ),
  );
  return id;
}

function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('bulletins of a rectification ledger (一周一通报)', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  let ledgerId: string;
  let ledgerName: string;
  let itemTwo: { id: string; spec: ItemSpec; state: ItemState };
  let first: { id: string; body: Record<string, unknown> };

  beforeAll(async () => {
    system = await startTestSystem();
    fixture = await createOrgFixture(system);
    ledgerName = '2019年省审计反馈问题整改台账';
    ledgerId = await insertLedger(system.databaseUrl, ledgerName);
    const p = fixture.ids;
    const insert = (spec: ItemSpec) => insertItem(system.databaseUrl, ledgerId, p.inspector, spec);
    // 甲镇: one closed on time, one 10 days overdue and publicly criticised (level 4)
    const one = await insert({
      number: 1,
      problem: '危房改造补助资金未按时拨付',
      unit: 'tA',
      personId: p.deptA,
      full: cstMidnight(-20),
      steps: close(cstMidnight(-25)),
    });
    const twoSpec: ItemSpec = {
      number: 2,
      problem: `村级公示不规范${SCRIPT}`,
      unit: 'tA',
      personId: p.deptA,
      full: cstMidnight(-9),
      level: 4,
    };
    const twoId = await insert(twoSpec);
    const twoState = escalated(
      newItemState({
        deadlines: {
          basic: new Date(twoSpec.full.getTime() - 10 * DAY).toISOString(),
          full: twoSpec.full.toISOString(),
        },
        responsibleUnit: 'tA',
        responsiblePersonId: p.deptA,
        verifierId: p.inspector,
      }),
      4,
      new Date(Date.now() - DAY),
    );
    itemTwo = { id: twoId, spec: twoSpec, state: twoState };
    // 乙镇: one closed late, one closed on time after an approved extension
    await insert({
      number: 3,
      problem: '扶贫项目资产未登记',
      unit: 'tB',
      personId: p.deptB,
      full: cstMidnight(-30),
      steps: close(cstMidnight(-20)),
    });
    await insert({
      number: 4,
      problem: '产业帮扶资金使用效益不高',
      unit: 'tB',
      personId: p.deptB,
      full: cstMidnight(-30),
      steps: [
        [
          {
            type: 'request-extension',
            newBasic: null,
            newFull: cstMidnight(-5).toISOString(),
            reason: '项目未完工',
          },
          cstMidnight(-40),
        ],
        [{ type: 'decide-extension', approve: true, reason: '同意延期' }, cstMidnight(-39)],
        ...close(cstMidnight(-10)),
      ],
    });
    // 住建局: one reopened (回头看) and paused, one 3 days overdue repeating item 1 (level 3)
    await insert({
      number: 5,
      problem: '农村危房鉴定不准确',
      unit: 'zjj',
      personId: p.villageA,
      full: cstMidnight(-30),
      steps: [
        ...close(cstMidnight(-31)),
        [
          {
            type: 'reopen',
            reason: '回头看发现问题反弹',
            newBasic: null,
            newFull: cstMidnight(30).toISOString(),
          },
          cstMidnight(-20),
        ],
        [{ type: 'pause', reason: '等待省厅鉴定标准' }, cstMidnight(-15)],
      ],
    });
    await insert({
      number: 6,
      problem: '危房改造资金拨付再次滞后',
      unit: 'zjj',
      personId: p.villageA,
      full: cstMidnight(-2),
      level: 3,
      repeatOf: one,
    });
  });
  afterAll(async () => {
    await system?.close();
  });

  const publish = (auth: string, id = ledgerId) =>
    system.http().post(`/api/ledgers/${id}/bulletins`).set('Authorization', auth);
  const read = (path: string, auth = fixture.auth.deptB) =>
    system.http().get(path).set('Authorization', auth);

  it('publishes on demand as 第1期, with the right counts, ranking, overdue and criticised items', async () => {
    const published = await publish(fixture.auth.command).expect(201);
    expect(published.body).toMatchObject({
      number: 1,
      trigger: 'on-demand',
      ledgerId,
      created: true,
      location: `/api/bulletins/${published.body.id}`,
    });
    const view = await read(published.body.location).expect(200);
    first = { id: published.body.id, body: view.body };
    const payload = view.body.payload as BulletinPayload;
    expect(view.body).toMatchObject({ id: published.body.id, number: 1, trigger: 'on-demand', ledgerId });
    expect(payload).toMatchObject({
      number: 1,
      title: `${ledgerName}整改进展通报（第1期）`,
      ledger: { id: ledgerId, name: ledgerName, source: '省审计报告' },
      asOf: published.body.asOf,
    });
    expect(payload.totals).toEqual({
      items: 6,
      closed: 3,
      closedOnTime: 2,
      closedOnTimeOriginal: 1,
      overdue: 2,
      pastBasic: 0,
      paused: 1,
      reopened: 1,
      repeatFindings: 1,
      // open items by level; the three closed ones apart
      byLevel: { '0': 1, '1': 0, '2': 0, '3': 1, '4': 1, '5': 0, '6': 0 },
      byLevelClosed: { '0': 3, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
      closeRate: 0.5,
    });
    expect(
      payload.units.map((u) => [u.rank, u.code, u.name, u.items, u.closed, u.closeRate, u.overdue]),
    ).toEqual([
      [1, 'tB', '乙镇', 2, 2, 1, 0],
      [2, 'tA', '甲镇', 2, 1, 0.5, 1],
      [3, 'zjj', '住建局', 2, 0, 0, 1],
    ]);
    expect(payload.units[0]).toMatchObject({ closedOnTime: 1, closedOnTimeOriginal: 0 });
    expect(payload.overdueItems).toEqual([
      {
        number: 2,
        problem: `村级公示不规范${SCRIPT}`,
        unit: { code: 'tA', name: '甲镇' },
        responsiblePerson: { id: fixture.ids.deptA, name: '甲镇干部' },
        fullDeadline: cstMidnight(-9).toISOString(),
        // midnight CST ends the day before: that is the day written
        fullDeadlineDate: cstDate(cstMidnight(-10)),
        effectiveFullDeadline: cstMidnight(-9).toISOString(),
        daysOverdue: 10,
        escalationLevel: 4,
        escalationLabel: '通报批评',
      },
      expect.objectContaining({
        number: 6,
        unit: { code: 'zjj', name: '住建局' },
        responsiblePerson: { id: fixture.ids.villageA, name: '甲村干部' },
        daysOverdue: 3,
        escalationLevel: 3,
        escalationLabel: '红牌预警',
      }),
    ]);
    expect(payload.criticised.map((c) => [c.number, c.escalationLabel, c.statusLabel])).toEqual([
      [2, '通报批评', '整改中'],
    ]);
  });

  it('numbers the next bulletin 第2期, freezes the first, and reflects later changes only in new bulletins', async () => {
    // Item 2 is closed after the first bulletin.
    const closedState = apply(itemTwo.state, ...close(new Date()));
    await writeItem(system.databaseUrl, {
      id: itemTwo.id,
      ledgerId,
      spec: itemTwo.spec,
      state: closedState,
      registeredAt: new Date(Date.now() - 90 * DAY),
    });
    const second = await publish(fixture.auth.inspector).expect(201);
    expect(second.body).toMatchObject({ number: 2, trigger: 'on-demand', created: true });
    const secondPayload = (await read(second.body.location).expect(200)).body.payload as BulletinPayload;
    expect(secondPayload.totals).toMatchObject({ closed: 4, overdue: 1 });
    expect(secondPayload.criticised).toEqual([]);
    // 甲镇 now closed everything too: tied with 乙镇 on rate and overdue, both first (并列), listed by code.
    expect(secondPayload.units.map((u) => [u.rank, u.tied, u.code, u.closeRate])).toEqual([
      [1, true, 'tA', 1],
      [1, true, 'tB', 1],
      [3, false, 'zjj', 0],
    ]);
    // numbered in the office's 通报 sequence of the year: the second bulletin is 第2期
    expect(secondPayload.document).toMatchObject({ kind: '通报', serial: 2 });
    expect(secondPayload.document?.number).toMatch(/^〔\d{4}〕第2期$/);
    const secondHtml = (await read(`/api/bulletins/${second.body.id}/html`).expect(200)).text;
    expect(secondHtml).toMatch(/通报〔\d{4}〕第2期/);
    expect(secondHtml).toContain('1（并列）');

    // The first bulletin is unchanged.
    expect((await read(`/api/bulletins/${first.id}`).expect(200)).body).toEqual(first.body);

    const list = await read(`/api/ledgers/${ledgerId}/bulletins`).expect(200);
    expect(list.body).toEqual([
      { id: second.body.id, number: 2, asOf: second.body.asOf, trigger: 'on-demand' },
      { id: first.id, number: 1, asOf: (first.body.payload as BulletinPayload).asOf, trigger: 'on-demand' },
    ]);

    const audit = await read(`/api/audit?subject=ledger:${ledgerId}`, system.adminAuth).expect(200);
    expect(
      audit.body.items.map((e: { action: string; actorName: string }) => [e.action, e.actorName]),
    ).toEqual([
      ['bulletin.published', '指挥部干部（command）'],
      ['bulletin.published', '督查员（inspector）'],
    ]);
    expect(audit.body.items[0].after).toMatchObject({
      bulletinId: first.id,
      number: 1,
      trigger: 'on-demand',
    });
  });

  it('keeps a published bulletin in the database as it was: UPDATE and DELETE are refused', async () => {
    for (const sql of [`UPDATE bulletin SET payload = '{}'`, `DELETE FROM bulletin`]) {
      await expect(withPg(system.databaseUrl, (pg) => pg.query(sql))).rejects.toThrow(
        'frozen once published',
      );
    }
  });

  it('publishes a bulletin for an instant once, however often or concurrently it is asked, numbering without gaps', async () => {
    const dataSource = system.api.get(DataSource);
    const actor = { id: 'system:test', name: '测试', unit: null, roles: [] };
    const asOf = new Date(Date.now() - 60_000).toISOString();
    const auditBefore = await count(system.databaseUrl, `SELECT count(*) AS n FROM audit_entry`);
    const results = await Promise.all(
      [asOf, asOf, asOf, new Date(Date.now() - 30_000).toISOString(), asOf].map((at) =>
        publishBulletin(dataSource, { ledgerId, asOf: at, trigger: 'schedule', actor }),
      ),
    );
    const sameInstant = results.filter((r) => r.bulletin.asOf.toISOString() === asOf);
    expect(new Set(sameInstant.map((r) => r.bulletin.id)).size).toBe(1);
    expect(sameInstant.filter((r) => r.created)).toHaveLength(1);
    const numbers = [...new Set(results.map((r) => `${r.bulletin.asOf.toISOString()}#${r.bulletin.number}`))];
    expect(numbers).toHaveLength(2);
    expect(
      results
        .map((r) => r.bulletin.number)
        .filter((n, i, all) => all.indexOf(n) === i)
        .sort(),
    ).toEqual([3, 4]);
    expect(await count(system.databaseUrl, `SELECT count(*) AS n FROM audit_entry`)).toBe(auditBefore + 2);
    expect(
      await count(system.databaseUrl, `SELECT count(*) AS n FROM bulletin WHERE ledger_id = $1`, [ledgerId]),
    ).toBe(4);
    const verdict = await read('/api/audit/verify', system.adminAuth).expect(200);
    expect(verdict.body).toMatchObject({ intact: true });
  });

  it('gives the schedule activity the same idempotent publish, and retries an unknown ledger', async () => {
    const activities = createBulletinActivities(system.api.get(DataSource));
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') });
    const input = {
      ledgerId,
      asOf: new Date(Date.now() - 10_000).toISOString(),
      trigger: 'schedule' as const,
    };
    const once: PublishBulletinActivityResult = await env.run(activities.publishBulletin, input);
    const again = await env.run(activities.publishBulletin, input);
    expect(again).toEqual(once);
    expect(once.number).toBe(5);
    const unknown = await env
      .run(activities.publishBulletin, { ...input, ledgerId: randomUUID() })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ApplicationFailure);
    expect(unknown).toMatchObject({ type: 'LedgerNotFound', nonRetryable: false });
  });

  it('exports the bulletin as XLSX with the sheets 汇总, 各单位排名, 逾期问题', async () => {
    const response = await read(`/api/bulletins/${first.id}/xlsx`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('第1期通报'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '各单位排名',
      '逾期问题',
      '通报批评',
      '超基本整改期限',
    ]);
    const values = (sheet: string) =>
      workbook
        .getWorksheet(sheet)!
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1));
    const summary = values('汇总');
    expect(summary).toContainEqual(['台账', ledgerName]);
    expect(summary).toContainEqual(['问题总数', 6]);
    expect(summary).toContainEqual([
      '文号',
      expect.stringMatching(/^通报〔\d{4}〕第1期$/) as unknown as string,
    ]);
    // the open items by level, the closed ones apart
    expect(summary).toContainEqual(['督办等级 0（未督办）已销号', 3]);
    // every table sheet: a title row, then the header row with 序号 first
    const ranking = values('各单位排名');
    expect(ranking[0][0]).toContain('各单位排名');
    expect(ranking[1].slice(0, 4)).toEqual(['序号', '排名', '单位编码', '责任单位']);
    expect(ranking.slice(2).map((row) => row.slice(0, 4))).toEqual([
      [1, 1, 'tB', '乙镇'],
      [2, 2, 'tA', '甲镇'],
      [3, 3, 'zjj', '住建局'],
    ]);
    const overdue = values('逾期问题');
    expect(overdue[1][6]).toBe('全面整改期限');
    expect(overdue[1][9]).toBe('督办级别');
    // the deadline as written (the day before its midnight) as an Excel date, not `… 00:00` of the next day
    expect(overdue[2][6]).toBeInstanceOf(Date);
    expect((overdue[2][6] as Date).toISOString()).toBe(`${cstDate(cstMidnight(-10))}T00:00:00.000Z`);
    expect(overdue.slice(2).map((row) => [row[1], row[2], row[4], row[8]])).toEqual([
      [2, `村级公示不规范${SCRIPT}`, '甲镇', 10],
      [6, '危房改造资金拨付再次滞后', '住建局', 3],
    ]);
    // levels as their labels, not numbers
    expect(overdue.slice(2).every((row) => typeof row[9] === 'string' && row[9] !== '')).toBe(true);
  });

  it('renders a printable HTML page with the ledger name, every text escaped', async () => {
    const response = await read(`/api/bulletins/${first.id}/html`).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const html = response.text;
    expect(html).toContain(`<title>${ledgerName}整改进展通报（第1期）</title>`);
    expect(html).toContain('各单位整改排名');
    // mainland quotation marks, everything escaped
    expect(html).toContain('村级公示不规范&lt;script&gt;alert(“通报”)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    // the office's frame: 发文机关 and 文号 on top, 主送, 落款 with the date in Chinese
    expect(html).toMatch(/<p class="doc-number">通报〔\d{4}〕第1期<\/p>/);
    expect(html).toMatch(/<p class="addressees">[^<]*乙镇[^<]*：<\/p>/);
    expect(html).toMatch(/<div class="signature">\n<p>[^<]+<\/p>\n<p>\d{4}年\d{1,2}月\d{1,2}日<\/p>/);
    // two items are overdue: never "本期无逾期问题"
    expect(html).not.toContain('本期无逾期问题');
  });

  it('lets every role read bulletins, and refuses a department user publishing, writing nothing', async () => {
    for (const person of ['deptA', 'deptB', 'villageA', 'leader', 'inspector', 'command'] as const) {
      await read(`/api/ledgers/${ledgerId}/bulletins`, fixture.auth[person]).expect(200);
      await read(`/api/bulletins/${first.id}`, fixture.auth[person]).expect(200);
    }
    await read(`/api/bulletins/${first.id}/xlsx`, system.adminAuth).expect(200);
    const before = await withPg(system.databaseUrl, async (pg) => ({
      bulletins: (await pg.query('SELECT id, number FROM bulletin ORDER BY number')).rows,
      audit: (await pg.query('SELECT count(*) AS n FROM audit_entry')).rows,
    }));
    for (const person of ['deptA', 'deptB', 'leader'] as const) {
      const refused = await publish(fixture.auth[person]).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    await publish(system.adminAuth).expect(403);
    const after = await withPg(system.databaseUrl, async (pg) => ({
      bulletins: (await pg.query('SELECT id, number FROM bulletin ORDER BY number')).rows,
      audit: (await pg.query('SELECT count(*) AS n FROM audit_entry')).rows,
    }));
    expect(after).toEqual(before);
  });

  it('answers 404 for an unknown ledger or bulletin, and 400 for a malformed id', async () => {
    const unknown = randomUUID();
    const response = await publish(fixture.auth.command, unknown).expect(404);
    expect(response.body).toMatchObject({ code: 'LEDGER_NOT_FOUND' });
    await read(`/api/ledgers/${unknown}/bulletins`).expect(404);
    await read(`/api/bulletins/${unknown}`).expect(404);
    await read(`/api/bulletins/${unknown}/html`).expect(404);
    await read('/api/bulletins/not-a-uuid').expect(400);
  });

  it('publishes on the schedule through the real worker: each due time once, as of that time', async () => {
    const scheduled = await insertLedger(system.databaseUrl, '定期通报演示台账');
    const client = system.api.get<TemporalClient>(TEMPORAL_CLIENT);
    const firstAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    const handle = await client.workflow.start(ledgerBulletinWorkflow, {
      taskQueue: system.taskQueue,
      workflowId: `ledger-bulletins:${scheduled}`,
      args: [{ ledgerId: scheduled, every: 'PT2S', firstAt: firstAt.toISOString() }],
    });
    try {
      let list: Array<{ number: number; asOf: string; trigger: string }> = [];
      for (let attempt = 0; attempt < 100 && list.length < 2; attempt++) {
        await new Promise((r) => setTimeout(r, 200));
        list = (await read(`/api/ledgers/${scheduled}/bulletins`).expect(200)).body;
      }
      expect(list.slice(-2).map(({ number, asOf, trigger }) => ({ number, asOf, trigger }))).toEqual([
        { number: 2, asOf: new Date(firstAt.getTime() + 2000).toISOString(), trigger: 'schedule' },
        { number: 1, asOf: firstAt.toISOString(), trigger: 'schedule' },
      ]);
      const audit = await read(`/api/audit?subject=ledger:${scheduled}`, system.adminAuth).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'bulletin.published',
        actorId: 'system:bulletin-schedule',
      });
    } finally {
      await handle.terminate('test finished');
    }
  });
});
