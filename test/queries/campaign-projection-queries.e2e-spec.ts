import { randomUUID } from 'node:crypto';
import { CampaignEvidence } from '../../libs/database/src/campaign/campaign-evidence.entity';
import { CampaignNoticeQueries } from '../../libs/database/src/campaign/campaign-notice.queries';
import { CampaignPlanQueries } from '../../libs/database/src/campaign/campaign-plan.queries';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import { CampaignTaskProjectionQueries } from '../../libs/database/src/campaign/campaign-task-projection.queries';
import { CampaignTaskQueries } from '../../libs/database/src/campaign/campaign-task.queries';
import { CampaignTaskPausedSince1763900130000 } from '../../libs/database/src/migrations/1763900130000-campaign-task-paused-since';
import { CampaignQueries } from '../../libs/database/src/campaign/campaign.queries';
import type { ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import type { CampaignState } from '../../libs/domain/src/campaign/campaign-process';
import type { FinalReport } from '../../libs/domain/src/campaign/campaign-progress';
import type { TaskEvent, TaskState } from '../../libs/domain/src/campaign/campaign-task';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { insertDraftCampaign } from './draft-campaign';

const task = (key: string, order: number, extra: Partial<ResolvedTask> = {}): ResolvedTask => ({
  key,
  parentKey: null,
  order,
  name: `任务${key}`,
  lead: 'zjj',
  cooperating: [],
  deadline: '2026-03-31T09:30:00.000Z',
  target: null,
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
  ...extra,
});

const plan = (name: string, tasks: ResolvedTask[]): ResolvedPlan =>
  ({
    name,
    window: { start: '2026-01-01T00:00:00.000Z', end: '2026-04-10T15:59:59.999Z' },
    goals: [{ key: 'G1', name: '目标', target: 100, unit: '%', tasks: ['T1'], aggregate: 'mean-percent' }],
    tasks,
    cadence: {},
    ladder: [],
    pledgeWithin: 'P7D',
    paceMargin: 10,
  }) as unknown as ResolvedPlan;

/**
 * The writes of plans and of the campaign and task workflows' projections, and the reads their
 * activities make, on the real Postgres: each on rows it wrote, as the workflows write them.
 */
describe('campaign plan and projection query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let plans: CampaignPlanQueries;
  let projection: CampaignProjectionQueries;
  let taskRows: CampaignTaskProjectionQueries;
  let notices: CampaignNoticeQueries;
  let tasks: CampaignTaskQueries;
  let campaigns: CampaignQueries;
  const id = randomUUID();
  const first = plan('危房改造攻坚', [task('T1', 1), task('T2', 2, { lead: 'mzj', dependsOn: ['T1'] })]);
  let person: string;

  beforeAll(async () => {
    db = await openQueryDatabase();
    const manager = db.dataSource.manager;
    plans = new CampaignPlanQueries(manager);
    projection = new CampaignProjectionQueries(manager);
    taskRows = new CampaignTaskProjectionQueries(manager);
    notices = new CampaignNoticeQueries(manager);
    tasks = new CampaignTaskQueries(manager);
    campaigns = new CampaignQueries(manager);
    await db.dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
         ('county', '示范县', 'county', NULL, 'county'),
         ('zjj', '县住建局', 'department', 'county', 'county.zjj'),
         ('mzj', '县民政局', 'department', 'county', 'county.mzj')`,
    );
    [{ id: person }] = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES ('zjj-1', '住建局经办', 'zjj', '{department}')
       RETURNING id`,
    );
    await insertDraftCampaign(manager, id, first);
  });
  afterAll(() => db.close());

  it('reads what a plan may name: unit codes, ledgers and programmes, and the unit tree in path order', async () => {
    const references = await plans.references();
    expect(references.unitCodes.sort()).toEqual(['county', 'mzj', 'zjj']);
    expect(references.ledgerIds).toEqual([]);
    expect((await plans.unitTree()).map((u) => [u.code, u.parentCode])).toEqual([
      ['county', null],
      ['mzj', 'county'],
      ['zjj', 'county'],
    ]);
  });

  it("numbers a draft's plan versions, keeps its row in step, and removes a version never applied", async () => {
    const second = plan('危房改造攻坚（修订）', first.tasks);
    await db.dataSource.transaction(async (manager) => {
      const inTransaction = new CampaignPlanQueries(manager);
      const locked = await inTransaction.lockCampaign(id);
      expect(locked).toEqual({ status: 'draft', planVersion: 1 });
      await inTransaction.insertVersion({
        campaignId: id,
        version: 2,
        document: {} as never,
        resolved: second,
        reason: '修订',
        createdBy: '指挥部',
      });
      await inTransaction.setDraftPlan(id, 2, second);
    });
    expect(await plans.lastVersion(id)).toBe(2);
    expect((await campaigns.campaign(id))?.name).toBe('危房改造攻坚（修订）');
    expect((await campaigns.planVersions(id)).map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '修订'],
    ]);
    await plans.insertVersion({
      campaignId: id,
      version: 3,
      document: {} as never,
      resolved: second,
      reason: '被拒',
      createdBy: '指挥部',
    });
    await plans.deleteUnappliedVersion(id, 3);
    expect(await plans.lastVersion(id)).toBe(2);
    expect(await projection.runningPlan(id)).toEqual({ name: '危房改造攻坚（修订）', goals: second.goals });
  });

  it('projects the launch once, merges pledges monotonically and applies a newer campaign state only', async () => {
    const state = {
      status: 'running',
      planVersion: 2,
      plan: first,
      launchedAt: '2026-01-02T01:00:00.000Z',
      pledgeDeadline: '2026-01-09T01:00:00.000Z',
      paused: null,
      closedAt: null,
      version: 1,
    } as unknown as CampaignState;
    await projection.assertCampaignExists(id);
    await expect(projection.assertCampaignExists(randomUUID())).rejects.toThrow('not in the read model');
    await projection.recordLaunch(id, { planVersion: 2, plan: first, state, launchedBy: '指挥部' });
    await projection.recordLaunch(id, { planVersion: 2, plan: first, state, launchedBy: '别人' });
    await projection.markPlanApplied(id, 2, state.launchedAt);
    await plans.insertVersion({
      campaignId: id,
      version: 3,
      document: {} as never,
      resolved: first,
      reason: 'x',
      createdBy: 'x',
    });
    await plans.deleteUnappliedVersion(id, 2);
    expect(await plans.lastVersion(id)).toBe(3);
    const launched = await campaigns.campaign(id);
    expect(launched).toMatchObject({ status: 'running', launchedBy: '指挥部', planVersion: 2 });

    await projection.mergePledge(id, { unit: 'zjj', signedAt: null, signOff: null, escalationLevel: 2 });
    await projection.mergePledge(id, {
      unit: 'zjj',
      signedAt: '2026-01-03T01:00:00.000Z',
      signOff: { signerName: '张三' },
      escalationLevel: 0,
    });
    await projection.mergePledge(id, { unit: 'zjj', signedAt: null, signOff: null, escalationLevel: 1 });
    const [pledge] = await campaigns.pledges(id);
    expect(pledge).toMatchObject({ unit: 'zjj', escalationLevel: 2, signOff: { signerName: '张三' } });
    expect(pledge.signedAt?.toISOString()).toBe('2026-01-03T01:00:00.000Z');

    expect(await projection.updateCampaign(id, { ...state, status: 'paused', version: 2 })).toBe(true);
    // a late projection of an older (or the same) version leaves the row as it is, and says so
    expect(await projection.updateCampaign(id, { ...state, status: 'running', version: 2 })).toBe(false);
    expect(await campaigns.campaign(id)).toMatchObject({ status: 'paused', version: 2 });
  });

  it("inserts the plan's task rows once, revises what the plan says, and lists each lead unit's open tasks", async () => {
    await projection.insertTasks(id, first.tasks);
    await projection.insertTasks(id, [task('T1', 1, { name: '不应覆盖' })]);
    await projection.reviseTasks(id, [
      task('T2', 5, { name: '救助对象核查', lead: 'mzj', deadline: '2026-05-01T09:30:00.000Z' }),
    ]);
    const rows = await campaigns.tasks(id);
    expect(rows.map((t) => [t.key, t.name, t.ord])).toEqual([
      ['T1', '任务T1', 1],
      ['T2', '救助对象核查', 5],
    ]);
    // a task's deadline is its workflow's: the plan revision leaves it
    expect(rows[1].deadline.toISOString()).toBe('2026-03-31T09:30:00.000Z');
    expect(rows[0].workflowId).toBe(`campaign-task:${id}:T1`);
    expect(await tasks.statuses(id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'T2', status: 'in-progress', isGroup: false })]),
    );
    expect(await projection.openTasksByLeadUnit(id)).toEqual([
      { unit: 'mzj', names: ['救助对象核查'] },
      { unit: 'zjj', names: ['任务T1'] },
    ]);
    const { campaign, task: found } = await tasks.campaignAndTask(id, 'T1');
    expect([campaign.id, found.key]).toEqual([id, 'T1']);
    await expect(tasks.campaignAndTask(id, 'T9')).rejects.toThrow();
  });

  it("writes a task's newer state, its timeline once, and a leader's decision on the latest notice", async () => {
    expect(await taskRows.lockTaskState(id, 'T1')).toEqual({ version: 0, state: null });
    expect(await taskRows.lockTaskState(id, 'T9')).toBeUndefined();
    const state = {
      task: task('T1', 1),
      status: 'submitted',
      deadline: '2026-03-31T09:30:00.000Z',
      originalDeadline: '2026-03-31T09:30:00.000Z',
      quantityDone: null,
      percentDone: 80,
      submittedAt: '2026-02-01T01:00:00.000Z',
      acceptedAt: null,
      closedAt: null,
      returnCount: 0,
      pausedMs: 0,
      behindPace: false,
      version: 3,
    } as unknown as TaskState;
    await taskRows.updateTask(id, state, { escalationLevel: 1, awaitingLeader: [3] });
    await taskRows.updateTask(
      id,
      { ...state, status: 'in-progress', version: 2 },
      { escalationLevel: 0, awaitingLeader: [] },
    );
    const row = await tasks.task(id, 'T1');
    expect(row).toMatchObject({ status: 'submitted', version: 3, escalationLevel: 1, awaitingLeader: [3] });
    const event = {
      type: 'submit',
      at: '2026-02-01T01:00:00.000Z',
      actor: { id: 'u1', name: '住建局经办' },
      summary: '报请验收',
      reason: null,
      data: {},
    } as unknown as TaskEvent;
    expect(await taskRows.insertEvent(id, 'T1', 3, event)).toBe(true);
    expect(await taskRows.insertEvent(id, 'T1', 3, event)).toBe(false);

    for (const arming of [0, 1])
      await notices.insertEscalation({
        campaignId: id,
        subject: 'task:T1',
        level: 3,
        arming,
        kind: 'summons',
        label: '约谈',
        noticeKind: 'summons',
        colour: null,
        units: 'zjj',
        issuedAt: new Date(`2026-02-0${arming + 2}T01:00:00.000Z`),
        issuingUnit: '',
        year: 2026,
        serial: arming + 1,
      });
    await taskRows.recordLeaderDecision(id, 'T1', {
      level: 3,
      decision: '约谈住建局',
      decidedBy: '县长',
      at: '2026-02-05T01:00:00.000Z',
    });
    const issued = await tasks.escalations(id, 'T1');
    expect(issued.map((n) => [n.arming, n.leaderDecision])).toEqual([
      [0, null],
      [1, '约谈住建局'],
    ]);
    expect((await tasks.escalation(id, 'T1', issued[1].id))?.serial).toBe(2);
    expect(await tasks.escalation(id, 'T2', issued[1].id)).toBeNull();
  });

  it("keeps a running pause's start in paused_since, and migration 1763900130000 fills it from the state", async () => {
    const state = (await taskRows.lockTaskState(id, 'T1'))!.state!;
    const paused = { ...state, paused: { since: '2026-02-10T02:00:00.000Z' }, version: 4 };
    await taskRows.updateTask(id, paused, { escalationLevel: 1, awaitingLeader: [] });
    const pausedSince = async () =>
      (
        await db.dataSource.query<Array<{ paused_since: Date | null }>>(
          `SELECT paused_since FROM campaign_task WHERE campaign_id = $1 AND key = 'T1'`,
          [id],
        )
      )[0].paused_since;
    expect(await pausedSince()).toEqual(new Date('2026-02-10T02:00:00.000Z'));

    // the rows there before the column existed get it from their state
    const migration = new CampaignTaskPausedSince1763900130000();
    const runner = db.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await pausedSince()).toEqual(new Date('2026-02-10T02:00:00.000Z'));

    await taskRows.updateTask(
      id,
      { ...paused, paused: null, pausedMs: 3_600_000, version: 5 },
      {
        escalationLevel: 1,
        awaitingLeader: [],
      },
    );
    expect(await pausedSince()).toBeNull();
  });

  it('issues a notice and a bulletin once each, and notifies a person once per dedupe key', async () => {
    const notice = {
      campaignId: id,
      subject: 'pledge',
      level: 1,
      arming: 0,
      kind: 'reminder',
      label: '提醒',
      noticeKind: 'reminder',
      colour: 'yellow',
      units: 'mzj',
      issuedAt: new Date('2026-01-10T01:00:00.000Z'),
      issuingUnit: '',
      year: 2026,
      serial: 7,
    };
    expect(await notices.escalationId(id, 'pledge', 1, 0)).toBeUndefined();
    expect(await notices.insertEscalation(notice)).toBe(true);
    expect(await notices.insertEscalation({ ...notice, serial: 8 })).toBe(false);
    expect(await notices.escalationId(id, 'pledge', 1, 0)).toEqual(expect.any(String));

    const payload = { overdue: [], escalated: [], behindPace: [], ranking: [] } as never;
    expect(await notices.insertBulletin(id, 1, '2026-01-12T01:00:00.000Z', payload)).toBe(true);
    expect(await notices.insertBulletin(id, 1, '2026-01-19T01:00:00.000Z', payload)).toBe(false);
    expect(await notices.bulletin(id, 1)).toMatchObject({ payload });
    expect(await notices.bulletin(id, 2)).toBeUndefined();

    const message = {
      recipientId: person,
      dedupeKey: 'k1',
      kind: 'campaign.x',
      title: '标题',
      body: '内容',
      subject: 's',
    };
    await notices.notifyOnce(message);
    await notices.notifyOnce({ ...message, title: '另一个标题' });
    const [undelivered] = await notices.undelivered('k1');
    expect(await notices.undelivered('k1')).toHaveLength(1);
    await db.dataSource.query('UPDATE notification SET delivered_at = now() WHERE id = $1', [undelivered]);
    expect(await notices.undelivered('k1')).toEqual([]);
  });

  it("keeps a task's evidence, lists it without content and returns its content by id", async () => {
    const file = Object.assign(new CampaignEvidence(), {
      id: randomUUID(),
      campaignId: id,
      taskKey: 'T1',
      fileName: '照片.png',
      mediaType: 'image/png',
      sizeBytes: 3,
      sha256: 'abc',
      content: Buffer.from([1, 2, 3]),
      uploadedBy: '住建局经办',
      uploadedAt: new Date('2026-02-01T02:00:00.000Z'),
    });
    await tasks.insertEvidence(file);
    const [listed] = await tasks.evidence(id, 'T1');
    expect(listed).toMatchObject({ id: file.id, fileName: '照片.png' });
    expect(listed.content).toBeUndefined();
    expect((await tasks.evidenceWithContent(id, 'T1', file.id))?.content).toEqual(Buffer.from([1, 2, 3]));
    expect(await tasks.evidenceWithContent(id, 'T2', file.id)).toBeNull();
    expect(await campaigns.evidenceAmong(id, 'T1', [file.id, randomUUID()])).toEqual(new Set([file.id]));
    expect(await campaigns.evidenceAmong(id, null, [file.id])).toEqual(new Set([file.id]));
    expect(await campaigns.evidenceAmong(id, 'T2', [file.id])).toEqual(new Set());
  });

  it('closes the campaign with its final report once, and reads the report back under a lock', async () => {
    expect(await projection.lockFinalReport(id)).toBeNull();
    expect(await projection.lockFinalReport(randomUUID())).toBeUndefined();
    const report = { totals: { tasks: 2, onTime: 1, late: 0, unfinished: 1 } } as unknown as FinalReport;
    await projection.close(id, report, '2026-04-10T08:00:00.000Z');
    expect(await projection.lockFinalReport(id)).toEqual(report);
    expect(await campaigns.campaign(id)).toMatchObject({ status: 'closed', pausedSince: null });
  });

  it("reads a task's evidence, escalations and the activities' task reads through indexes", async () => {
    const plansOf = await Promise.all([
      db.plansOf(() => tasks.evidence(id, 'T1')),
      db.plansOf(() => tasks.escalations(id, 'T1')),
      db.plansOf(() => tasks.task(id, 'T1')),
      db.plansOf(() => projection.openTasksByLeadUnit(id)),
      db.plansOf(() => notices.undelivered('k1')),
    ]);
    const scanned = plansOf.flat().flatMap((p) => sequentialScans(p.nodes));
    expect(
      scanned.filter((t) =>
        ['campaign_task', 'campaign_evidence', 'campaign_escalation', 'notification'].includes(t),
      ),
    ).toEqual([]);
  });
});
