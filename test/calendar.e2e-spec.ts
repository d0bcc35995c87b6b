import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

interface YearBody {
  year: number;
  known: boolean;
  holidays: Array<{ date: string; name: string }>;
  workdays: Array<{ date: string; name: string }>;
}

/** The end of a CST date as an ISO instant (what a plan's date means). */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

const days = (from: number, to: number, month = '10') =>
  Array.from({ length: to - from + 1 }, (_, i) => `2027-${month}-${String(from + i).padStart(2, '0')}`);

/** A plan whose only deadline is two working days before its end (Monday 11 October 2027). */
const workingDayPlan = {
  name: '2027年国庆前后攻坚',
  window: { start: '2027-09-01', end: '2027-10-11' },
  tasks: [{ key: 'W1', name: '节前安全检查', lead: 'tA', deadline: { workingDaysBeforeEnd: 2 } }],
};

describe('the working-day calendar over HTTP', () => {
  let system: TestSystem;
  let f: OrgFixture;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    f = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  const year = async (y: number, auth = f.auth.deptB): Promise<YearBody> =>
    (await system.http().get(`/api/calendar/${y}`).set('Authorization', auth).expect(200)).body as YearBody;
  const put = (y: number, body: object, auth = system.adminAuth) =>
    system.http().put(`/api/calendar/${y}`).set('Authorization', auth).send(body);
  const plan = (document: object) =>
    system.http().post('/api/campaigns').set('Authorization', f.auth.command).send(document);

  it('shows a seeded year to every role, and an unknown year as unknown', async () => {
    const seeded = await year(2026);
    expect(seeded.known).toBe(true);
    expect(seeded.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(seeded.holidays).toHaveLength(33);
    expect(seeded.workdays.map((w) => w.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(await year(2027)).toEqual(
      expect.objectContaining({ year: 2027, known: false, holidays: [], workdays: [] }),
    );
    await system.http().get('/api/calendar/1850').set('Authorization', f.auth.deptB).expect(400);
  });

  it('refuses working days in a year the calendar does not know', async () => {
    const refused = await plan(workingDayPlan).expect(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_INVALID' });
    expect((refused.body.details as Array<{ path: string }>).map((p) => p.path)).toContain(
      'tasks[0].deadline',
    );
  });

  it('names every problem of a year at once and changes nothing', async () => {
    await put(2027, { holidays: [], workdays: [] }, f.auth.command).expect(403);
    const response = await put(2027, {
      holidays: [
        { date: '2026-12-31', name: '元旦' }, // another year
        { date: '2027-02-30', name: '春节' }, // no such day
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-01', name: '元旦' }, // twice
      ],
      workdays: [
        { date: '2027-01-01' }, // a holiday as well
        { date: '2027-02-20', name: '春节调休' },
      ],
    }).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((response.body.details as Array<{ field: string }>).map((d) => d.field)).toEqual([
      'holidays[0].date',
      'holidays[1].date',
      'holidays[3].date',
      'workdays[0].date',
    ]);
    const shape = await put(2027, { holidays: [{ date: 20270101 }], workdays: 'none' }).expect(400);
    expect((shape.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
      'holidays.0.date',
      'holidays.0.name',
      'workdays',
    ]);
    expect((await year(2027)).known).toBe(false);
  });

  it('replaces a year, audited with before and after, and plans count working days against it', async () => {
    // 国庆 1–7 October, Saturday 9 October worked instead: two working days before Monday 11 October
    // are Saturday 9 and Friday 8 October.
    const set = await put(2027, {
      holidays: days(1, 7).map((date) => ({ date, name: '国庆节' })),
      workdays: [{ date: '2027-10-09', name: '国庆节调休' }],
    }).expect(200);
    expect(set.body).toMatchObject({
      year: 2027,
      known: true,
      workdays: [{ date: '2027-10-09', name: '国庆节调休' }],
    });
    expect((await year(2027)).holidays).toHaveLength(7);
    const first = await plan(workingDayPlan).expect(201);
    expect(first.body.plan.tasks[0].deadline).toBe(endOf('2027-10-08'));

    // Edited: 国庆 through 8 October and no make-up day; now they are Thursday 30 and Wednesday 29 September.
    await put(2027, {
      holidays: days(1, 8).map((date) => ({ date, name: '国庆节' })),
      workdays: [],
    }).expect(200);
    const edited = await year(2027);
    expect(edited.workdays).toEqual([]);
    expect(edited.holidays.map((h) => h.date)).toEqual(days(1, 8));
    const second = await plan(workingDayPlan).expect(201);
    expect(second.body.plan.tasks[0].deadline).toBe(endOf('2027-09-29'));
    // the first plan keeps what it resolved to when it was stored
    const stored = await system
      .http()
      .get(`/api/campaigns/${first.body.id}`)
      .set('Authorization', f.auth.command)
      .expect(200);
    expect(stored.body.plan.tasks[0].deadline).toBe(endOf('2027-10-08'));

    const audit = await system
      .http()
      .get('/api/audit?subject=working-calendar:2027')
      .set('Authorization', system.adminAuth)
      .expect(200);
    const entries = audit.body.items as Array<{
      action: string;
      before: { known: boolean; holidays: unknown[]; workdays: unknown[] };
      after: { known: boolean; holidays: unknown[]; workdays: unknown[] };
    }>;
    expect(entries.map((e) => e.action)).toEqual(['calendar.year.replace', 'calendar.year.replace']);
    expect(entries[0].before).toEqual({ known: false, holidays: [], workdays: [] });
    expect(entries[0].after.holidays).toHaveLength(7);
    expect(entries[1].before).toMatchObject({
      known: true,
      workdays: [{ date: '2027-10-09', name: '国庆节调休' }],
    });
    expect(entries[1].after).toMatchObject({ known: true, workdays: [] });
  });
});
