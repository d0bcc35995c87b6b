import { randomUUID } from 'node:crypto';
import { CampaignChangeQueries } from '../../libs/database/src/campaign/campaign-change.queries';
import { CampaignNoticeQueries } from '../../libs/database/src/campaign/campaign-notice.queries';
import { CampaignPlanQueries } from '../../libs/database/src/campaign/campaign-plan.queries';
import { CampaignProgressQueries } from '../../libs/database/src/campaign/campaign-progress.queries';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import { CampaignTaskProjectionQueries } from '../../libs/database/src/campaign/campaign-task-projection.queries';
import { CampaignTaskQueries } from '../../libs/database/src/campaign/campaign-task.queries';
import { CampaignQueries } from '../../libs/database/src/campaign/campaign.queries';
import { WorkingCalendarQueries } from '../../libs/database/src/campaign/working-calendar.queries';
import type { ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import type { CampaignBulletinPayload } from '../../libs/domain/src/campaign/campaign-progress';
import type { TaskEvent } from '../../libs/domain/src/campaign/campaign-task';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { insertDraftCampaign } from './draft-campaign';

const task = (key: string, order: number, lead: string, cooperating: string[] = []): ResolvedTask => ({
  key,
  parentKey: null,
  order,
  name: `任务${key}`,
  lead,
  cooperating,
  deadline: '2026-03-31T09:30:00.000Z',
  target: null,
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
});

const planOf = (name: string, tasks: ResolvedTask[]): ResolvedPlan =>
  ({
    name,
    window: { start: '2026-01-01T00:00:00.000Z', end: '2026-04-10T15:59:59.999Z' },
    goals: [],
    tasks,
    cadence: {},
    ladder: [],
    pledgeWithin: 'P7D',
    paceMargin: 10,
  }) as unknown as ResolvedPlan;

const event = (type: string, version: number): TaskEvent =>
  ({
    type,
    at: `2026-02-0${version}T02:00:00.000Z`,
    actor: { id: 'u1', name: '住建局经办', unit: 'zjj', roles: ['department'] },
    summary: `第 ${version} 步`,
    reason: null,
    data: {},
  }) as unknown as TaskEvent;

describe('campaign query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let campaigns: CampaignQueries;
  let progress: CampaignProgressQueries;
  let tasks: CampaignTaskQueries;
  let changes: CampaignChangeQueries;
  let notices: CampaignNoticeQueries;
  const mine = randomUUID();
  const other = randomUUID();

  async function draft(id: string, plan: ResolvedPlan, createdAt: string): Promise<void> {
    await insertDraftCampaign(db.dataSource.manager, id, plan);
    await db.dataSource.query('UPDATE campaign SET created_at = $2 WHERE id = $1', [id, createdAt]);
  }

  beforeAll(async () => {
    db = await openQueryDatabase();
    const manager = db.dataSource.manager;
    campaigns = new CampaignQueries(manager);
    progress = new CampaignProgressQueries(manager);
    tasks = new CampaignTaskQueries(manager);
    changes = new CampaignChangeQueries(manager);
    notices = new CampaignNoticeQueries(manager);
    await db.dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
         ('county', '示范县', 'county', NULL, 'county'),
         ('zjj', '县住建局', 'department', 'county', 'county.zjj'),
         ('zjj-a', '住建局一股', 'department', 'zjj', 'county.zjj.a'),
         ('mzj', '县民政局', 'department', 'county', 'county.mzj'),
         ('nyj', '县农业局', 'department', 'county', 'county.nyj')`,
    );
    // Many campaigns' tasks around the two under test, so the planner has rows to skip.
    const projection = new CampaignProjectionQueries(manager);
    for (let n = 0; n < 30; n++) {
      const id = randomUUID();
      const plan = planOf(`其他行动${n}`, [task('T1', 1, 'nyj'), task('T2', 2, 'nyj')]);
      await draft(id, plan, `2025-12-${String((n % 28) + 1).padStart(2, '0')}T00:00:00Z`);
      await projection.insertTasks(id, plan.tasks);
    }
    const minePlan = planOf('危房改造攻坚', [task('T1', 1, 'zjj-a'), task('T2', 2, 'mzj', ['zjj'])]);
    await draft(mine, minePlan, '2026-01-02T00:00:00Z');
    await projection.insertTasks(mine, minePlan.tasks);
    await draft(other, planOf('农业攻坚', [task('N1', 1, 'nyj')]), '2026-01-03T00:00:00Z');
    for (const unit of ['zjj-a', 'mzj'])
      await projection.mergePledge(mine, { unit, signedAt: null, signOff: null, escalationLevel: 0 });
    await projection.mergePledge(mine, {
      unit: 'zjj-a',
      signedAt: '2026-01-05T02:00:00.000Z',
      signOff: { signerName: '张三', at: '2026-01-05T02:00:00.000Z' },
      escalationLevel: 1,
    });
    const rows = new CampaignTaskProjectionQueries(manager);
    for (const version of [1, 2, 3])
      await rows.insertEvent(mine, 'T1', version, event('report-progress', version));
    await notices.insertBulletin(mine, 2, '2026-01-19T01:00:00.000Z', {
      overdue: [],
      escalated: [],
      behindPace: [],
    } as unknown as CampaignBulletinPayload);
    await notices.insertBulletin(mine, 1, '2026-01-12T01:00:00.000Z', {
      overdue: [],
      escalated: [],
      behindPace: [],
    } as unknown as CampaignBulletinPayload);
    for (let n = 0; n < 3; n++)
      await changes.append({
        campaignId: mine,
        at: '2026-01-05T02:00:00.000Z',
        kind: 'task',
        taskKey: 'T1',
        dedupeKey: `task:T1:v${n}`,
        payload: { n },
      });
    await db.dataSource.query('ANALYZE');
  });
  afterAll(() => db.close());

  it('lists the campaigns naming a unit at or below a path (lead or cooperating), newest first', async () => {
    expect((await campaigns.campaignsNamingUnitsUnder('county.zjj')).map((c) => c.id)).toEqual([mine]);
    expect((await campaigns.campaignsNamingUnitsUnder('county.zjj.a')).map((c) => c.id)).toEqual([mine]);
    expect(await campaigns.campaignsNamingUnitsUnder('county.nowhere')).toEqual([]);
    const all = await campaigns.allCampaigns();
    expect(all.slice(0, 2).map((c) => c.id)).toEqual([other, mine]);
  });

  it('reads a campaign with its plan, the units it names, its pledges and its tasks in plan order', async () => {
    const found = await progress.campaignWithPlan(mine);
    expect(found).toMatchObject({ name: '危房改造攻坚', status: 'draft', planVersion: 1 });
    expect(found?.plan.tasks.map((t) => t.key)).toEqual(['T1', 'T2']);
    expect(await progress.campaignWithPlan(randomUUID())).toBeNull();
    const units = await progress.units(['zjj-a', 'mzj', 'unknown']);
    expect(units.map((u) => u.path).sort()).toEqual(['county.mzj', 'county.zjj.a']);
    const pledges = await progress.pledges(mine);
    expect(pledges.find((p) => p.unit === 'zjj-a')).toMatchObject({ signedBy: '张三', escalationLevel: 1 });
    expect(pledges.find((p) => p.unit === 'mzj')).toMatchObject({ signedAt: null, signedBy: null });
    expect((await campaigns.tasks(mine)).map((t) => t.key)).toEqual(['T1', 'T2']);
    expect((await progress.progressRows(mine)).map((r) => [r.key, r.lead, r.linked])).toEqual([
      ['T1', 'zjj-a', null],
      ['T2', 'mzj', null],
    ]);
    expect(await campaigns.unitNames(['zjj', 'zjj', 'mzj'])).toEqual(
      new Map([
        ['zjj', '县住建局'],
        ['mzj', '县民政局'],
      ]),
    );
  });

  it('leaves the plan out when the caller holds its stamp, and sends it again for a new version', async () => {
    const first = await progress.campaignWithPlanUnless(mine, null);
    expect(first?.plan?.tasks.map((t) => t.key)).toEqual(['T1', 'T2']);
    const again = await progress.campaignWithPlanUnless(mine, first!.planStamp);
    expect(again).toMatchObject({ planStamp: first!.planStamp, plan: null, name: '危房改造攻坚' });
    const plans = new CampaignPlanQueries(db.dataSource.manager);
    const next = planOf('危房改造攻坚', [task('T1', 1, 'zjj-a'), task('T2', 2, 'mzj'), task('T3', 3, 'zjj')]);
    await plans.insertVersion({
      campaignId: mine,
      version: 2,
      document: {},
      resolved: next,
      reason: '增加任务',
      createdBy: 'u1',
    } as never);
    await plans.setDraftPlan(mine, 2, next);
    const changed = await progress.campaignWithPlanUnless(mine, first!.planStamp);
    expect(changed?.planStamp).not.toBe(first!.planStamp);
    expect(changed?.plan?.tasks.map((t) => t.key)).toEqual(['T1', 'T2', 'T3']);
    await db.dataSource.query(`DELETE FROM campaign_plan_version WHERE campaign_id = $1 AND version = 2`, [
      mine,
    ]);
    await db.dataSource.query(`UPDATE campaign SET plan_version = 1 WHERE id = $1`, [mine]);
    expect((await progress.campaignWithPlanUnless(mine, first!.planStamp))?.plan).toBeNull();
  });

  it('reads the campaign with the units a plan names and the pledges in one statement, as they are read apart', async () => {
    const alone = await progress.campaignWithPlanUnless(mine, null);
    const both = await progress.campaignWithUnitsAndPledges(mine, null, ['zjj-a', 'mzj', 'unknown']);
    expect(both).toMatchObject(alone!);
    expect(both!.units).toEqual(
      expect.arrayContaining(await progress.units(['zjj-a', 'mzj', 'unknown'])) as unknown,
    );
    expect(both!.units).toHaveLength(2);
    const apart = await progress.pledges(mine);
    const byUnit = (rows: typeof apart) => [...rows].sort((a, b) => a.unit.localeCompare(b.unit));
    expect(byUnit(both!.pledges)).toEqual(byUnit(apart));
    expect(await progress.campaignWithUnitsAndPledges(mine, alone!.planStamp, [])).toMatchObject({
      plan: null,
      units: [],
      pledges: both!.pledges,
    });
    expect(await progress.campaignWithUnitsAndPledges(randomUUID(), null, ['zjj-a'])).toBeNull();
  });

  it("reads a task's timeline in version order and its bulletins in number order", async () => {
    expect((await tasks.timeline(mine, 'T1')).map((e) => e.version)).toEqual([1, 2, 3]);
    expect(await tasks.timeline(mine, 'T2')).toEqual([]);
    expect((await campaigns.bulletins(mine)).map((b) => b.number)).toEqual([1, 2]);
    expect((await campaigns.bulletin(mine, 2))?.asOf.toISOString()).toBe('2026-01-19T01:00:00.000Z');
    expect(await campaigns.bulletin(mine, 3)).toBeNull();
  });

  it('delivers the change feed after a cursor, each row once, in the order written', async () => {
    const rows = await changes.rowsAfter(mine, { xid: null, id: '0' }, 200);
    expect(rows.map((r) => r.payload)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(rows.every((r) => r.safe)).toBe(true);
    const after = await changes.after(mine, rows[0].id);
    expect((await changes.rowsAfter(mine, after, 200)).map((r) => r.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await changes.rowsAfter(other, { xid: null, id: '0' }, 200)).toEqual([]);
    expect(
      await changes.append({
        campaignId: mine,
        at: '2026-01-05T02:00:00.000Z',
        kind: 'task',
        taskKey: 'T1',
        dedupeKey: 'task:T1:v0',
        payload: { n: 9 },
      }),
    ).toBe(false);
  });

  it('replaces a year of the working-day calendar and reads it back in date order', async () => {
    const calendar = new WorkingCalendarQueries(db.dataSource.manager);
    await db.dataSource.transaction(async (manager) => {
      const inTransaction = new WorkingCalendarQueries(manager);
      expect(await inTransaction.markYearKnown(2099, 'admin')).toBe(true);
      await inTransaction.replaceDays(
        2099,
        [
          { day: '2099-10-01', kind: 'holiday', name: '国庆节' },
          { day: '2099-01-01', kind: 'holiday', name: '元旦' },
          { day: '2099-10-10', kind: 'workday', name: '调休上班' },
        ],
        'admin',
      );
    });
    expect((await calendar.daysOf(2099)).map((d) => d.day)).toEqual([
      '2099-01-01',
      '2099-10-01',
      '2099-10-10',
    ]);
    expect(await calendar.yearRecord(2099)).toMatchObject({ updatedBy: 'admin' });
    expect(await calendar.yearRecord(2098)).toBeUndefined();
    expect((await calendar.everything()).years).toContain(2099);
  });

  describe('reads the battle map, task lists, pledges, bulletins and the change feed through indexes', () => {
    const large = [
      'campaign_task',
      'campaign_task_event',
      'campaign_change',
      'campaign_pledge',
      'campaign_bulletin',
    ];
    const scansOf = async (work: () => Promise<unknown>) => {
      const plans = await db.plansOf(work);
      expect(plans.length).toBeGreaterThan(0);
      return plans.flatMap((plan) => sequentialScans(plan.nodes)).filter((table) => large.includes(table));
    };

    it('battle map and campaign progress', async () => {
      expect(await scansOf(() => progress.campaignWithPlan(mine))).toEqual([]);
      expect(await scansOf(() => progress.progressRows(mine))).toEqual([]);
      expect(await scansOf(() => progress.pledges(mine))).toEqual([]);
      expect(await scansOf(() => progress.campaignWithUnitsAndPledges(mine, null, ['zjj-a']))).toEqual([]);
    });

    it('task lists and a task timeline', async () => {
      expect(await scansOf(() => campaigns.tasks(mine))).toEqual([]);
      expect(
        await scansOf(() => tasks.matching(mine, {}, { roles: ['command-center'], unitPath: '' } as never)),
      ).toEqual([]);
      expect(await scansOf(() => tasks.timeline(mine, 'T1'))).toEqual([]);
      expect(await scansOf(() => tasks.statuses(mine))).toEqual([]);
    });

    it('bulletins and the change feed', async () => {
      expect(await scansOf(() => campaigns.bulletins(mine))).toEqual([]);
      expect(await scansOf(() => changes.rowsAfter(mine, { xid: null, id: '0' }, 200))).toEqual([]);
    });
  });
});
