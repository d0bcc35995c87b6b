import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import type { CampaignPlanDocument, DeadlineSpec, TaskSpec } from '../libs/domain/src/campaign/campaign-plan';
import {
  calendarFromRows,
  isWorkingDay,
  subtractWorkingDays,
} from '../libs/domain/src/campaign/working-calendar';
import { eventually } from './support/eventually';
import { addHousingFixture, HousingFixture } from './support/housing-fixture';
import {
  addRectificationFixture,
  createOrgFixture,
  FIXTURE_PASSWORD,
  OrgFixture,
} from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * The battle map, the responsibility lists, a unit's to-do list and the change feed over HTTP on the
 * real servers, with the seed-004 example plan (examples/campaigns/bairi-2018.yaml) moved to run from
 * today to the end of the year, its units imported from examples/campaigns/units.csv.
 */
const EXAMPLES = join(__dirname, '../examples/campaigns');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

const cstToday = () => new Date(Date.now() + CST).toISOString().slice(0, 10);
/** The instant a CST date ends (what "6月底前" means). */
const endOfCstDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY).toISOString();
/** `2026-12-15 18:05`: an instant's CST wall clock, to the minute. */
const cstWall = (iso: string) => {
  const wall = new Date(Date.parse(iso) + CST).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

const binary = (res: import('superagent').Response, done: (err: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * A cell as a person reads it in Excel: a date cell (an Excel date has no zone: the wall clock
 * written) by its format, `2026-12-15` or `2026-12-15 18:00`; anything else its text.
 */
function cellText(cell: ExcelJS.Cell): string {
  if (!(cell.value instanceof Date)) return cell.text;
  const iso = cell.value.toISOString();
  return cell.numFmt === 'yyyy-mm-dd' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

async function sheet(content: Buffer, name: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const worksheet = workbook.getWorksheet(name);
  if (!worksheet) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  worksheet.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= worksheet.columnCount; i++) cells.push(cellText(row.getCell(i)));
    rows.push(cells);
  });
  return rows;
}

/** A server-sent events reader on a raw HTTP connection. */
class EventStream {
  readonly events: Array<{ id: string; type: string; data: Record<string, unknown> }> = [];
  readonly comments: string[] = [];
  private readonly request: http.ClientRequest;
  private buffer = '';
  private waiters: Array<() => void> = [];
  status = 0;

  constructor(url: string, headers: Record<string, string>) {
    this.request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      this.status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => this.receive(chunk));
    });
    this.request.on('error', () => undefined);
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        const match = /^(id|event|data): ?(.*)$/.exec(line);
        if (match) fields[match[1]] = fields[match[1]] ? `${fields[match[1]]}\n${match[2]}` : match[2];
      }
      if (fields.data !== undefined)
        this.events.push({
          id: fields.id,
          type: fields.event,
          data: JSON.parse(fields.data) as Record<string, unknown>,
        });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits until `done` holds of what has arrived. */
  async until<T>(done: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = done();
      if (result) return result;
      if (Date.now() > deadline)
        throw new Error(
          `no ${what} after ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.id))}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  close(): void {
    this.request.destroy();
  }
}

interface ProgressBody {
  campaign: {
    status: string;
    daysLeft: number;
    percentage: number;
    window: { start: string; end: string; endDate: string };
  };
  goals: Array<{ key: string; actual: number; percentage: number }>;
  tasks: Array<{
    key: string;
    name: string;
    status: string;
    statusLabel: string;
    percentage: number;
    quantity: number | null;
    target: { quantity: number; unit: string } | null;
    measure: string;
    linked: { kind: string; done: number; total: number } | null;
    deadline: string;
    daysLeft: number | null;
    daysOverdue: number | null;
    overdue: boolean;
    escalationLevel: number;
    escalationLabel: string | null;
    lead: { code: string; name: string };
    cooperating: Array<{ code: string; name: string }>;
  }>;
  pledges: Array<{ unit: { code: string }; signed: boolean; signedBy: string | null }>;
  counts: {
    tasks: number;
    accepted: number;
    overdue: number;
    escalated: number;
    pledgesSigned: number;
    pledgesOverdue: number;
  };
  ranking: Array<{
    rank: number;
    unit: { code: string; name: string };
    tasks: number;
    meanPercentage: number;
  }>;
}

interface UnitTasksBody {
  counts: { campaignTasks: number; rectificationItems: number; households: number };
  items: Array<{
    kind: string;
    reference: string;
    role: string;
    sourceId: string;
    sourceName: string;
    title: string;
    deadline: string | null;
    households: number | null;
    escalationLevel: number;
    link: string;
  }>;
}

describe('campaign progress, responsibility lists and change feed over HTTP, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;
  let base: string;
  let campaignId: string;
  let wjj: string;
  let jrb: string;
  const streams: EventStream[] = [];
  /** The window's last day: the end of this year (of the next one from December on). */
  const year = Number(cstToday().slice(0, 4)) + (cstToday().slice(5, 7) === '12' ? 1 : 0);
  const lastDay = `${year}-12-31`;
  /** Where the seed's "6月底前" lands in the moved window. */
  const earlyDay = `${year}-12-15`;
  /** T3 falls due moments after launch, so that the test sees it overdue and escalated. */
  let t3Deadline: string;

  /** Reads until `done` holds (a projection may land a moment after the step that caused it). */
  const until = <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> =>
    eventually(read, done, 'the battle map', { timeoutMs, intervalMs: 200 });
  const get = (path: string, auth: string) => system.http().get(path).set('Authorization', auth);
  const progress = async (auth = f.auth.command) =>
    (await get(`/api/campaigns/${campaignId}/progress`, auth).expect(200)).body as ProgressBody;
  const task = (body: ProgressBody, key: string) => body.tasks.find((t) => t.key === key)!;
  const person = async (username: string, unitCode: string) => {
    await system
      .http()
      .post('/api/users')
      .set('Authorization', system.adminAuth)
      .send({
        username,
        displayName: `${unitCode}干部`,
        unitCode,
        roles: ['department'],
        password: FIXTURE_PASSWORD,
      })
      .expect(201);
    return system.login(username, FIXTURE_PASSWORD);
  };

  /** The example plan with its dates moved into the window and its townships replaced by the fixture's. */
  function movedPlan(): CampaignPlanDocument {
    const document = parse(readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8')) as CampaignPlanDocument;
    const moved = (spec: DeadlineSpec): DeadlineSpec =>
      spec === '2018-06-30' ? earlyDay : spec === '2018-09-30' ? lastDay : spec;
    const units = (codes: string[] | undefined) =>
      codes?.map((code) => ({ cgz: 'tA', xhz: 'tB' })[code] ?? code);
    const visit = (spec: TaskSpec) => {
      if (spec.deadline !== undefined) spec.deadline = moved(spec.deadline);
      if (spec.cooperating) spec.cooperating = units(spec.cooperating);
      spec.subtasks?.forEach(visit);
    };
    document.tasks.forEach(visit);
    document.window = { start: cstToday(), end: lastDay };
    const byKey = (key: string) =>
      document.tasks.flatMap((t) => [t, ...(t.subtasks ?? [])]).find((t) => t.key === key)!;
    byKey('T3').deadline = t3Deadline;
    // Two tasks measured by the fixture's ledger and programme instead of reported numbers.
    byKey('T1.1').measure = { ledger: f.objects.ledger };
    byKey('T4').measure = { programme: h.programme };
    return document;
  }

  beforeAll(async () => {
    system = await startTestSystem();
    await system.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(system.api.getHttpServer().address() as AddressInfo).port}`;
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
    h = await addHousingFixture(system, f);

    // The example's units, as the README imports them (住建局 zjj is the fixture's already).
    const csv = readFileSync(join(EXAMPLES, 'units.csv'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('zjj,'))
      .join('\n');
    await system
      .http()
      .post('/api/units/import')
      .set('Authorization', system.adminAuth)
      .attach('file', Buffer.from(csv, 'utf8'), 'units.csv')
      .expect(201);
    wjj = await person('wjj1', 'wjj');
    jrb = await person('jrb1', 'jrb');
    const known = await get(`/api/calendar/${year}`, system.adminAuth).expect(200);
    if (!(known.body as { known: boolean }).known)
      await system
        .http()
        .put(`/api/calendar/${year}`)
        .set('Authorization', system.adminAuth)
        .send({ holidays: [], workdays: [] })
        .expect(200);

    t3Deadline = new Date(Date.now() + 25_000).toISOString();
    const created = await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', f.auth.command)
      .send(movedPlan())
      .expect(201);
    campaignId = (created.body as { id: string }).id;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await system?.close();
  });

  it('shows the plan of a draft, then the launched battle map with every task, days left and no progress', async () => {
    const draft = await progress();
    expect(draft.campaign.status).toBe('draft');
    expect(draft.tasks).toHaveLength(21);

    await system
      .http()
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('Authorization', f.auth.command)
      .expect(200);
    const body = await progress();
    expect(body.campaign.status).toBe('running');
    expect(body.campaign.daysLeft).toBe(daysBetween(cstToday(), lastDay));
    expect(body.campaign.window.end).toBe(endOfCstDay(lastDay));
    expect(body.campaign.window.endDate).toBe(lastDay);
    expect(body.tasks.map((t) => t.key).slice(0, 5)).toEqual(['T1', 'T1.1', 'T1.2', 'T1.3', 'T2']);
    expect(body.counts).toMatchObject({ tasks: 17, accepted: 0 });
    expect(body.campaign.percentage).toBe(0);
    // nobody signed yet, and the pledge deadline is still ahead
    expect(body.counts).toMatchObject({ pledgesSigned: 0, pledgesOverdue: 0 });
    expect(body.goals.map((g) => g.key)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);

    const t51 = task(body, 'T5.1');
    expect(t51).toMatchObject({
      status: 'in-progress',
      statusLabel: '推进中',
      percentage: 0,
      target: { quantity: 1020, unit: '人' },
      deadline: endOfCstDay(earlyDay),
      deadlineDate: earlyDay,
      daysLeft: daysBetween(cstToday(), earlyDay),
      daysOverdue: null,
      overdue: false,
      lead: { code: 'wjj', name: '县卫计局' },
      cooperating: [
        { code: 'tA', name: '甲镇' },
        { code: 'tB', name: '乙镇' },
      ],
    });
    // 倒排工期 and working days, resolved in the moved window
    expect(task(body, 'T1.3').deadline).toBe(endOfCstDay(`${year}-12-21`));
    // 5 working days before the last day, on the calendar the system holds for that year (any year)
    const held = (await get(`/api/calendar/${year}`, system.adminAuth).expect(200)).body as {
      holidays: Array<{ date: string }>;
      workdays: Array<{ date: string }>;
    };
    const calendar = calendarFromRows(
      [year],
      [
        ...held.holidays.map(({ date }) => ({ day: date, kind: 'holiday' as const })),
        ...held.workdays.map(({ date }) => ({ day: date, kind: 'workday' as const })),
      ],
    );
    const t12Day = subtractWorkingDays(calendar, lastDay, 5);
    expect(isWorkingDay(calendar, t12Day) && t12Day <= `${year}-12-24`).toBe(true);
    expect(task(body, 'T1.2').deadline).toBe(endOfCstDay(t12Day));
    // linked measures count the ledger's items and the programme's households
    expect(task(body, 'T1.1')).toMatchObject({
      measure: 'ledger',
      linked: { kind: 'ledger', done: 0, total: 1 },
    });
    expect(task(body, 'T4')).toMatchObject({
      measure: 'programme',
      linked: { kind: 'programme', done: 0, total: 2 },
      lead: { code: 'zjj', name: '住建局' },
    });
  });

  it('follows a progress report: percentages of the task, its group and its goal; a signed pledge', async () => {
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/tasks/T5.1/progress`)
      .set('Authorization', wjj)
      .send({ quantityDone: 510, narrative: '已核实参合未缴费贫困人口510人' })
      .expect(200);
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/pledges`)
      .set('Authorization', wjj)
      .send({ note: '签订责任状' })
      .expect(200);
    const body = await until(
      progress,
      (b) => task(b, 'T5.1').quantity === 510 && b.counts.pledgesSigned === 1,
    );
    expect(task(body, 'T5.1')).toMatchObject({ percentage: 50, quantityDone: 510, quantity: 510 });
    // the group: the mean of T5.1 (50), T5.2 (0), T5.3 (0)
    expect(task(body, 'T5').percentage).toBe(16.7);
    // 贫困人口脱贫合格率: the mean of its seven tasks, of which T5.1 is half done
    expect(body.goals.find((g) => g.key === 'G5')).toMatchObject({ actual: 7.1, percentage: 7.1 });
    expect(body.pledges.find((p) => p.unit.code === 'wjj')).toMatchObject({ signed: true });
    expect(body.counts.pledgesSigned).toBe(1);
    // overall: the mean of the 17 leaf tasks (50 / 17); 卫计局 leads T5.1–T5.3 and ranks first
    expect(body.campaign.percentage).toBe(2.9);
    expect(body.ranking[0]).toMatchObject({
      rank: 1,
      unit: { code: 'wjj', name: '县卫计局' },
      tasks: 3,
      meanPercentage: 16.7,
    });
  });

  it('shows a task past its deadline as overdue by a day, escalated on the plan’s ladder', async () => {
    const wait = Date.parse(t3Deadline) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 500));
    const body = await until(progress, (b) => task(b, 'T3').escalationLevel >= 2);
    expect(task(body, 'T3')).toMatchObject({
      overdue: true,
      daysOverdue: 1,
      daysLeft: null,
      escalationLevel: 2,
      escalationLabel: '黄牌预警',
    });
    expect(body.counts.overdue).toBe(1);
    expect(body.counts.escalated).toBeGreaterThanOrEqual(1);
    // the lead unit sees it at the top of its to-do list
    const todo = (await get('/api/units/jrb/tasks', jrb).expect(200)).body as UnitTasksBody;
    expect(todo.items[0]).toMatchObject({
      kind: 'campaign-task',
      reference: 'T3',
      role: 'lead',
      escalationLevel: 2,
    });
  });

  it('lets a department see the battle map of a campaign naming its unit, and no other', async () => {
    expect((await progress(f.auth.deptA)).tasks).toHaveLength(21);
    // as GET /api/campaigns/:id: a campaign that does not name the unit is not there for it
    const refused = await get(`/api/campaigns/${campaignId}/progress`, f.auth.villageA).expect(404);
    expect(refused.body).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
    await get(`/api/campaigns/${campaignId}/responsibilities`, f.auth.villageA).expect(404);
    await get(`/api/campaigns/00000000-0000-4000-8000-000000000000/progress`, f.auth.command).expect(404);
  });

  it('lists responsibilities: task → units with pledge status; a department gets its own rows', async () => {
    const all = await get(`/api/campaigns/${campaignId}/responsibilities`, f.auth.leader).expect(200);
    const rows = (all.body as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toHaveLength(21);
    expect(rows.find((r) => r.key === 'T5.1')).toMatchObject({
      lead: { code: 'wjj', name: '县卫计局', pledge: 'signed', pledgeLabel: '已签订' },
      cooperating: [
        { code: 'tA', pledge: 'pending' },
        { code: 'tB', pledge: 'pending' },
      ],
      status: 'in-progress',
      percentage: 50,
      // the plan wrote T5.1's deadline as a date: the instant is the end of that CST day, and the
      // day as written rides beside it
      deadline: endOfCstDay(earlyDay),
      deadlineDate: earlyDay,
    });
    // T3's deadline is an instant (moments after launch): no day as written
    expect(rows.find((r) => r.key === 'T3')).toMatchObject({ deadline: t3Deadline, deadlineDate: null });

    const own = await get(`/api/campaigns/${campaignId}/responsibilities`, f.auth.deptA).expect(200);
    expect((own.body as { rows: Array<{ key: string }> }).rows.map((r) => r.key)).toEqual([
      'T1',
      'T1.1',
      'T1.2',
      'T1.3',
      'T5.1',
    ]);
  });

  it('downloads the responsibility list as XLSX, by ?format=xlsx or by the Accept header', async () => {
    const download = await get(`/api/campaigns/${campaignId}/responsibilities?format=xlsx`, f.auth.command)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(download.headers['content-type']).toContain(XLSX);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('责任清单'));
    // a title row, then the header row with 序号 first: the rows below read without them
    const [title, ...numbered] = await sheet(download.body as Buffer, '责任清单');
    expect(title[0]).toContain('责任清单');
    expect(numbered[0][0]).toBe('序号');
    expect(numbered.slice(1).map((r) => r[0])).toEqual(numbered.slice(1).map((_, i) => String(i + 1)));
    const rows = numbered.map((r) => r.slice(1));
    expect(rows[0].slice(0, 6)).toEqual([
      '任务编号',
      '任务名称',
      '所属任务',
      '牵头单位',
      '牵头单位责任状',
      '配合单位及责任状',
    ]);
    expect(rows).toHaveLength(22);
    const t51 = rows.find((r) => r[0] === 'T5.1')!;
    expect(t51.slice(1, 8)).toEqual([
      '确保贫困人口全部参合',
      'T5',
      '县卫计局',
      '已签订',
      '甲镇（待签订）、乙镇（待签订）',
      '推进中',
      '50%',
    ]);
    // 完成期限: the day the plan wrote (12月15日前 → 2026-12-15), not the next day's 00:00
    expect(rows[0][8]).toBe('完成期限');
    expect(t51[8]).toBe(earlyDay);
    expect(rows.find((r) => r[0] === 'T1.3')?.[8]).toBe(`${year}-12-21`);
    const t3 = rows.find((r) => r[0] === 'T3')!;
    // an instant deadline keeps its CST time
    expect(t3[8]).toBe(cstWall(t3Deadline));
    // the level as its label (黄牌预警), not its number
    expect(t3.slice(9)).toEqual(['逾期 1 天', '黄牌预警']);
    const pledges = (await sheet(download.body as Buffer, '责任状签订情况')).map((r) => r.slice(1));
    expect(pledges.find((r) => r[0] === 'wjj')?.slice(1, 3)).toEqual(['县卫计局', '已签订']);

    const own = await get(`/api/campaigns/${campaignId}/responsibilities`, f.auth.deptA)
      .set('Accept', XLSX)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await sheet(own.body as Buffer, '责任清单')).slice(1).map((r) => r[1])).toEqual([
      '任务编号',
      'T1',
      'T1.1',
      'T1.2',
      'T1.3',
      'T5.1',
    ]);
  });

  it("merges a unit's campaign tasks, rectification item and waiting households into one list by deadline", async () => {
    const body = (await get('/api/units/tA/tasks', f.auth.deptA).expect(200)).body as UnitTasksBody;
    expect(body.counts).toEqual({ campaignTasks: 4, rectificationItems: 1, households: 1, overdue: 0 });
    expect(body.items.map((i) => `${i.kind}:${i.reference}`).sort()).toEqual([
      'campaign-task:T1.1',
      'campaign-task:T1.2',
      'campaign-task:T1.3',
      'campaign-task:T5.1',
      'housing:appraisal',
      `rectification:1`,
    ]);
    expect(body.items.find((i) => i.reference === 'T5.1')).toMatchObject({
      deadlineDate: earlyDay,
      role: 'cooperating',
      link: `/api/campaigns/${campaignId}/tasks/T5.1`,
    });
    expect(body.items.find((i) => i.kind === 'housing')).toMatchObject({
      households: 1,
      role: 'local',
      sourceName: '农村危房改造',
      sourceId: h.programme,
    });
    const deadlines = body.items.map((i) => (i.deadline === null ? Infinity : Date.parse(i.deadline)));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    // a village below the township, for the township; the bureau's own list for the command center
    const village = (await get('/api/units/vA1/tasks', f.auth.deptA).expect(200)).body as UnitTasksBody;
    expect(village.items.map((i) => `${i.kind}:${i.reference}`)).toEqual(['housing:appraisal']);
    const bureau = (await get('/api/units/zjj/tasks', f.auth.command).expect(200)).body as UnitTasksBody;
    expect(bureau.items.map((i) => `${i.kind}:${i.reference}:${i.role}`)).toEqual(['campaign-task:T4:lead']);

    const workbook = await get('/api/units/tA/tasks?format=xlsx', f.auth.deptA)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = (await sheet(workbook.body as Buffer, '待办事项')).slice(1).map((r) => r.slice(1));
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[2] === 'T5.1')?.slice(0, 5)).toEqual([
      '攻坚任务',
      '精准脱贫“百日攻坚行动”',
      'T5.1',
      '确保贫困人口全部参合',
      '配合单位',
    ]);
    // 期限: the day the plan wrote, as an Excel date
    expect(rows[0][7]).toBe('期限');
    expect(rows.find((r) => r[2] === 'T5.1')?.[7]).toBe(earlyDay);
  });

  it("refuses another unit's to-do list to a department, and an unknown unit", async () => {
    const refused = await get('/api/units/tB/tasks', f.auth.deptA).expect(403);
    expect(refused.body).toMatchObject({ code: 'OTHER_UNIT' });
    await get('/api/units/zjj/tasks?format=xlsx', f.auth.deptA).expect(403);
    await get('/api/units/nowhere/tasks', f.auth.command).expect(404);
  });

  it('streams a task change as it is committed, and resumes after a Last-Event-ID without loss', async () => {
    const auth = { authorization: f.auth.command };
    const live = new EventStream(`${base}/api/campaigns/${campaignId}/events`, auth);
    streams.push(live);
    await live.until(() => live.comments.includes('connected'), 'connected comment');
    expect(live.status).toBe(200);

    await system
      .http()
      .post(`/api/campaigns/${campaignId}/tasks/T5.1/progress`)
      .set('Authorization', wjj)
      .send({ quantityDone: 700, narrative: '再核实190人' })
      .expect(200);
    const reported = await live.until(
      () =>
        live.events.find((e) => e.type === 'task' && e.data.key === 'T5.1' && e.data.quantityDone === 700),
      'task event of the progress report',
    );
    expect(reported.data).toMatchObject({ status: 'in-progress', eventType: 'report-progress' });
    // only what happened after the stream opened
    expect(live.events.every((e) => e.data.quantityDone !== 510)).toBe(true);

    // the whole history from the start: launch, the first report, the escalations, this report
    const history = new EventStream(`${base}/api/campaigns/${campaignId}/events?after=0`, auth);
    streams.push(history);
    await history.until(() => history.events.some((e) => e.id === reported.id), 'the report in the history');
    expect(new Set(history.events.map((e) => e.id)).size).toBe(history.events.length);
    expect(history.events.some((e) => e.type === 'escalation')).toBe(true);
    const at = history.events.findIndex((e) => e.id === reported.id);
    expect(at).toBeGreaterThan(0);
    history.close();

    // resuming after the event before it delivers it first, and then what comes next
    const resumed = new EventStream(`${base}/api/campaigns/${campaignId}/events`, {
      ...auth,
      'last-event-id': history.events[at - 1].id,
    });
    streams.push(resumed);
    await resumed.until(() => resumed.events.length > 0, 'the resumed event');
    expect(resumed.events[0].id).toBe(reported.id);
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/tasks/T5.1/progress`)
      .set('Authorization', wjj)
      .send({ quantityDone: 800, narrative: '再核实100人' })
      .expect(200);
    await resumed.until(() => resumed.events.some((e) => e.data.quantityDone === 800), 'the next report');
    await live.until(() => live.events.some((e) => e.data.quantityDone === 800), 'the next report, live');
    live.close();
    resumed.close();
  });

  it('takes the example as the README posts it: YAML, the literal 11月底 refused, the window moved by text', async () => {
    const yaml = readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8');
    const post = (text: string) =>
      system
        .http()
        .post('/api/campaigns')
        .set('Authorization', f.auth.command)
        .set('Content-Type', 'application/yaml')
        .send(text);
    // sed '/11月底前）/s/2018-09-30/2018-11-30/'
    const literal = yaml
      .split('\n')
      .map((line) => (line.includes('11月底前）') ? line.replace('2018-09-30', '2018-11-30') : line))
      .join('\n');
    const refused = await post(literal).expect(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_INVALID' });
    expect((refused.body as { details: Array<{ path: string }> }).details.map((d) => d.path)).toEqual([
      'tasks[3].deadline',
    ]);
    // sed -e "s/'2018-06-20'/'$TODAY'/" -e "s/2018-06-30/$YEAR-12-15/g" -e "s/2018-09-30/$YEAR-12-31/g"
    const moved = yaml
      .replace(`'2018-06-20'`, `'${cstToday()}'`)
      .replaceAll('2018-06-30', earlyDay)
      .replaceAll('2018-09-30', lastDay);
    const created = await post(moved).expect(201);
    const id = (created.body as { id: string }).id;
    await system.http().post(`/api/campaigns/${id}/launch`).set('Authorization', f.auth.command).expect(200);
    const body = (await get(`/api/campaigns/${id}/progress`, f.auth.command).expect(200))
      .body as ProgressBody;
    expect(body.campaign.status).toBe('running');
    expect(body.tasks).toHaveLength(21);
    expect(task(body, 'T5.1')).toMatchObject({
      deadline: endOfCstDay(earlyDay),
      cooperating: [
        { code: 'cgz', name: '城关镇' },
        { code: 'xhz', name: '新华镇' },
      ],
    });
  });

  it('refuses the stream to a department the campaign does not name, before any event is sent', async () => {
    const refused = await get(`/api/campaigns/${campaignId}/events`, f.auth.villageA).expect(404);
    expect(refused.body).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
    await get(`/api/campaigns/${campaignId}/events`, f.auth.command).set('Last-Event-ID', 'abc').expect(400);
  });
});
