import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createCampaignTaskActivities } from '../../activities/campaign/campaign-task.activities';
import { createCampaignActivities } from '../../activities/campaign/campaign.activities';
import {
  CampaignCommand,
  campaignCommandUpdate,
  campaignLaunchedUpdate,
  campaignStateQuery,
  campaignTaskWorkflowId,
  campaignWorkflowId,
  taskCommandUpdate,
  taskStateQuery,
} from '../../libs/contracts/src/campaign/campaign';
import { DEFAULT_CAMPAIGN_LADDER } from '../../libs/domain/src/campaign/campaign-ladder';
import type { ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import type { CampaignBulletinPayload, FinalReport } from '../../libs/domain/src/campaign/campaign-progress';
import { nextMonthly, nextWeekly } from '../../libs/domain/src/campaign/campaign-rules';
import type { TaskCommand } from '../../libs/domain/src/campaign/campaign-task';
import type { Actor } from '../../libs/domain/src/process/actor';
import { cstDate } from '../../libs/domain/src/time/china-time';
import { eventually, refusalOf } from '../test/eventually';
import { openWorkflowTestDatabase } from '../test/postgres-child-process';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import type { campaignTaskWorkflow } from './campaign-task.workflow';
import { campaignWorkflow } from './campaign.workflow';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const TASK_QUEUE = 'campaign-test';
const CAMPAIGN_ID = 'c0000000-0000-4000-8000-000000000004';
const LEDGER_ID = 'c0000000-0000-4000-8000-00000000001e';
const PROGRAMME_ID = 'c0000000-0000-4000-8000-00000000002f';
const HISTORIES = path.join(__dirname, '../test/replay/histories');

/** Units of the county (扶贫办 leads the command center's own tasks). */
const UNITS: Array<[string, string]> = [
  ['fpb', '县扶贫办'],
  ['mzj', '县民政局'],
  ['jrb', '县金融办'],
  ['zjj', '县住建局'],
  ['wjj', '县卫计局'],
  ['jyj', '县教育局'],
];

describe('campaignWorkflow (time-skipping, real activities on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let closeDatabase: (() => Promise<void>) | undefined;
  let dataSource: DataSource;
  const people = new Map<string, string>(); // unit code or role → person id
  const delivered: string[][] = [];

  beforeAll(async () => {
    ({ dataSource, close: closeDatabase } = await openWorkflowTestDatabase('campaign', 8));
    await seedMasterData();
    env = await createTimeSkippingEnvironment();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities: {
        ...createCampaignActivities(dataSource),
        ...createCampaignTaskActivities(dataSource),
        deliverNotifications({ notificationIds }: { notificationIds: string[] }) {
          delivered.push(notificationIds);
          return Promise.resolve({ delivered: notificationIds.length });
        },
      },
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await closeDatabase?.();
  });

  /** Units, one department person per unit, the command center and leadership; a ledger and a programme. */
  async function seedMasterData(): Promise<void> {
    for (const [code, name] of UNITS)
      await dataSource.query(
        `INSERT INTO unit (code, name, kind, parent_code, path) VALUES ($1, $2, 'bureau', NULL, $3)`,
        [code, name, `/${code}/`],
      );
    const person = async (key: string, unit: string, role: string, name: string) => {
      const [row] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
        [key, name, unit, [role]],
      );
      people.set(key, row.id);
    };
    for (const [code, name] of UNITS) await person(code, code, 'department', `${name}联络员`);
    await person('command-center', 'fpb', 'command-center', '攻坚办主任');
    await person('leadership', 'fpb', 'leadership', '领导小组组长');

    await dataSource.query(
      `INSERT INTO ledger (id, name, source, ladder, bulletin_every, bulletin_first_at, created_by)
       VALUES ($1, '金融扶贫问题整改台账', '省审计报告', '[]', 'P1W', now(), 'test')`,
      [LEDGER_ID],
    );
    for (let number = 1; number <= 4; number++) {
      await dataSource.query(
        `INSERT INTO rectification_item (id, ledger_id, number, problem, source, category, analysis, measures,
           responsible_unit, responsible_unit_path, responsible_person_id, verifier_id, workflow_id, status,
           basic_deadline, full_deadline, original_basic_deadline, original_full_deadline, state, version,
           created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, '省审计报告', '金融扶贫', '贷款发放慢', '[]', 'jrb', '/jrb/', $4, $5,
           $6, 'rectifying', now(), now(), now(), now(), '{}', 1, now(), now())`,
        [
          LEDGER_ID,
          number,
          `扶贫小额信贷问题 ${number}`,
          people.get('jrb'),
          people.get('command-center'),
          `rectification:${LEDGER_ID}:${number}`,
        ],
      );
    }
    await dataSource.query(
      `INSERT INTO housing_programme (id, name, housing_bureau, stage_deadlines, notice_periods, stall_after,
         payment_due_after, timer_jitter, ladder, created_by)
       VALUES ($1, '危房改造安居行动', 'zjj', '{}', '{}', 'P30D', 'P15D', 'PT1H', '[]', 'test')`,
      [PROGRAMME_ID],
    );
    await dataSource.query(
      `INSERT INTO household_stage_count (programme_id, township, stage, households) VALUES ($1, 'tA', 'construction', 20)`,
      [PROGRAMME_ID],
    );
  }

  const actorOf = (key: string, roles: string[]): Actor => ({
    id: people.get(key)!,
    name: key,
    unit: key === 'command-center' || key === 'leadership' ? 'fpb' : key,
    roles,
  });
  const department = (unit: string) => actorOf(unit, ['department']);

  const addPlanVersion = (campaignId: string, version: number, resolved: ResolvedPlan) =>
    dataSource.query(
      `INSERT INTO campaign_plan_version (campaign_id, version, document, resolved, reason, created_by)
       VALUES ($1, $2, '{}', $3, $4, 'test')`,
      [campaignId, version, JSON.stringify(resolved), version === 1 ? null : '增加任务、调整期限'],
    );

  /**
   * Skips the test server's clock, which starts at the real time, to the next Thursday 10:00 CST:
   * a campaign started then has its weekly bulletins on the same days of its window on every run,
   * whatever the day the tests run.
   */
  async function thursdayMorning(): Promise<number> {
    const sinceThursday = ((await env.currentTimeMs()) - Date.parse('2026-01-01T02:00:00Z')) % WEEK;
    await env.sleep(WEEK - sinceThursday);
    return env.currentTimeMs();
  }

  /**
   * A draft campaign's row and its plan's first version, as the API writes them before the launch,
   * and its workflow started.
   */
  async function startCampaign(campaignId: string, plan: ResolvedPlan, launchedBy: Actor) {
    await dataSource.query(
      `INSERT INTO campaign (id, name, status, plan_version, window_start, window_end, workflow_id, created_by)
       VALUES ($1, $2, 'draft', 1, $3, $4, $5, 'test')`,
      [campaignId, plan.name, plan.window.start, plan.window.end, campaignWorkflowId(campaignId)],
    );
    await addPlanVersion(campaignId, 1, plan);
    return env.client.workflow.start(campaignWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, planVersion: 1, plan, launchedBy }],
    });
  }

  it('runs a 100-day campaign: launch, pledges, progress, bulletins, escalations, a plan change, pause, close', async () => {
    const commandCenter = actorOf('command-center', ['command-center']);
    const t0 = await thursdayMorning();
    const day = (n: number) => new Date(t0 + n * DAY).toISOString();
    const dayOf = (at: string | Date) => (new Date(at).getTime() - t0) / DAY;
    /** Skips virtual time to `n` days after launch. */
    const at = async (n: number) => {
      const wait = t0 + n * DAY - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
    };

    const task = (
      fields: Partial<ResolvedTask> & Pick<ResolvedTask, 'key' | 'name' | 'lead' | 'deadline'>,
    ) => ({
      parentKey: null,
      order: 0,
      cooperating: [],
      target: null,
      measure: 'reported' as const,
      pace: null,
      dependsOn: [],
      isGroup: false,
      ...fields,
    });
    const plan: ResolvedPlan = {
      name: '精准脱贫百日攻坚行动',
      window: { start: day(0), end: day(100) },
      goals: [
        {
          key: 'G1',
          name: '贫困村销号合格率',
          target: 100,
          unit: '%',
          tasks: ['T2', 'T3'],
          aggregate: 'mean-percent',
        },
        { key: 'G2', name: '贫困人口参合人数', target: 1020, unit: '人', tasks: ['T4'], aggregate: 'sum' },
      ],
      tasks: [
        task({
          key: 'T1',
          name: '脱贫质量"回头看"行动',
          lead: 'fpb',
          cooperating: ['mzj'],
          deadline: day(60),
          isGroup: true,
        }),
        task({
          key: 'T1.1',
          parentKey: 'T1',
          order: 1,
          name: '开展贫困人口精准识别',
          lead: 'fpb',
          deadline: day(30),
        }),
        task({
          key: 'T1.2',
          parentKey: 'T1',
          order: 2,
          name: '规范扶贫档案管理',
          lead: 'mzj',
          deadline: day(60),
          target: { quantity: 43, unit: '个村' },
        }),
        task({
          key: 'T2',
          order: 3,
          name: '金融扶贫提速行动',
          lead: 'jrb',
          deadline: day(50),
          measure: { ledger: LEDGER_ID },
        }),
        task({
          key: 'T3',
          order: 4,
          name: '危房改造安居行动',
          lead: 'zjj',
          cooperating: ['fpb'],
          deadline: day(90),
          target: { quantity: 20, unit: '户' },
          measure: { programme: PROGRAMME_ID },
        }),
        task({
          key: 'T4',
          order: 5,
          name: '健康扶贫"零负担"：贫困人口全部参合',
          lead: 'wjj',
          cooperating: ['fpb'],
          deadline: day(40),
          target: { quantity: 1020, unit: '人' },
        }),
      ],
      cadence: {
        bulletin: { weekday: 1, time: '09:00' },
        dispatchMeeting: { weekday: 3, time: '15:00' },
        monthlyReportDay: 5,
      },
      ladder: DEFAULT_CAMPAIGN_LADDER,
      pledgeWithin: 'P5D',
      paceMargin: 10,
    };

    // ── Launch ──────────────────────────────────────────────────────────────────────────────
    const handle = await startCampaign(CAMPAIGN_ID, plan, commandCenter);
    expect(await handle.executeUpdate(campaignLaunchedUpdate)).toEqual({ version: 1, status: 'running' });
    const [launchedRow] = await dataSource.query(
      `SELECT status, launched_by, pledge_deadline FROM campaign WHERE id = $1`,
      [CAMPAIGN_ID],
    );
    expect(launchedRow.status).toBe('running');
    expect(launchedRow.launched_by).toBe('command-center');
    expect(dayOf(launchedRow.pledge_deadline)).toBeCloseTo(5, 3);
    expect(
      await dataSource.query(
        `SELECT key, is_group, status, workflow_id FROM campaign_task WHERE campaign_id = $1 ORDER BY ord`,
        [CAMPAIGN_ID],
      ),
    ).toEqual([
      { key: 'T1', is_group: true, status: 'in-progress', workflow_id: null },
      ...['T1.1', 'T1.2', 'T2', 'T3', 'T4'].map((key) => ({
        key,
        is_group: false,
        status: 'in-progress',
        workflow_id: campaignTaskWorkflowId(CAMPAIGN_ID, key),
      })),
    ]);
    const [{ applied_at: appliedAt }] = await dataSource.query(
      `SELECT applied_at FROM campaign_plan_version WHERE campaign_id = $1 AND version = 1`,
      [CAMPAIGN_ID],
    );
    expect(appliedAt).not.toBeNull();

    const campaignCommand = (actor: Actor, command: CampaignCommand) =>
      handle.executeUpdate(campaignCommandUpdate, { args: [{ command, actor }] });
    const taskHandle = (key: string) =>
      env.client.workflow.getHandle<typeof campaignTaskWorkflow>(campaignTaskWorkflowId(CAMPAIGN_ID, key));
    const taskCommand = (key: string, actor: Actor, command: TaskCommand) =>
      taskHandle(key).executeUpdate(taskCommandUpdate, { args: [{ command, actor }] });
    const pledge = (unit: string) =>
      campaignCommand(department(unit), { type: 'pledge', unit, note: '签订目标责任状', evidenceIds: [] });
    const report = (key: string, unit: string, progress: { quantityDone?: number; percentDone?: number }) =>
      taskCommand(key, department(unit), {
        type: 'report-progress',
        ...progress,
        narrative: '按计划推进',
        evidenceIds: [],
      });
    const submit = (key: string, unit: string) =>
      taskCommand(key, department(unit), { type: 'submit', note: '已完成，报请验收', evidenceIds: [] });
    const accept = (key: string) => taskCommand(key, commandCenter, { type: 'accept', note: '验收合格' });

    // ── Pledges: every unit but 民政局 signs on day 1 ────────────────────────────────────────────
    await at(1);
    for (const unit of ['fpb', 'jrb', 'zjj', 'wjj']) await pledge(unit);
    expect((await refusalOf(pledge('fpb'))).type).toBe('ALREADY_PLEDGED');
    expect((await refusalOf(pledge('jyj'))).type).toBe('NOT_PLEDGING_UNIT');

    await at(10);
    const pledgeEscalations = await dataSource.query(
      `SELECT level, kind, unit, issued_at FROM campaign_escalation WHERE campaign_id = $1 AND subject = 'pledge' ORDER BY level`,
      [CAMPAIGN_ID],
    );
    // Reminder 3 days before the pledge deadline (day 5), yellow card on it, red card 3 days after.
    expect(
      pledgeEscalations.map((e: { level: number; kind: string; unit: string; issued_at: Date }) => [
        e.level,
        e.kind,
        e.unit,
        Math.round(dayOf(e.issued_at)),
      ]),
    ).toEqual([
      [1, 'reminder', 'mzj', 2],
      [2, 'yellow-warning', 'mzj', 5],
      [3, 'red-warning', 'mzj', 8],
    ]);
    await pledge('mzj');
    await report('T1.1', 'fpb', { percentDone: 60 });
    await report('T4', 'wjj', { quantityDone: 300 });

    await at(15);
    await report('T1.2', 'mzj', { quantityDone: 20 });

    // ── Linked progress: two of the ledger's four items are closed ────────────────────────────
    await at(20);
    await submit('T1.1', 'fpb');
    await dataSource.query(
      `UPDATE rectification_item SET status = 'closed', closed_at = now() WHERE ledger_id = $1 AND number IN (1, 2)`,
      [LEDGER_ID],
    );
    await at(22);
    await accept('T1.1');

    // ── Linked progress: half the programme's households moved in ─────────────────────────────
    await at(27);
    await dataSource.query(
      `UPDATE household_stage_count SET households = 10 WHERE programme_id = $1 AND stage = 'construction'`,
      [PROGRAMME_ID],
    );
    await dataSource.query(
      `INSERT INTO household_stage_count (programme_id, township, stage, households) VALUES ($1, 'tA', 'moved-in', 10)`,
      [PROGRAMME_ID],
    );

    // ── A plan change after launch: a task added, a deadline moved ────────────────────────────
    await at(30);
    const publishedByDay30 = await dataSource.query(
      `SELECT number, as_of, payload FROM campaign_bulletin WHERE campaign_id = $1 ORDER BY number`,
      [CAMPAIGN_ID],
    );
    expect(publishedByDay30.length).toBeGreaterThanOrEqual(4);
    const planV2: ResolvedPlan = {
      ...plan,
      tasks: [
        ...plan.tasks.map((t) => (t.key === 'T2' ? { ...t, deadline: day(75) } : t)),
        task({ key: 'T5', order: 6, name: '教育扶贫"控辍保学"行动', lead: 'jyj', deadline: day(80) }),
      ],
    };
    await addPlanVersion(CAMPAIGN_ID, 2, planV2);
    expect(
      await campaignCommand(commandCenter, {
        type: 'apply-plan',
        planVersion: 2,
        plan: planV2,
        reason: '增加控辍保学任务，金融扶贫期限顺延',
      }),
    ).toMatchObject({ status: 'running' });
    expect(
      (
        await refusalOf(
          campaignCommand(commandCenter, {
            type: 'apply-plan',
            planVersion: 2,
            plan: planV2,
            reason: '重复提交',
          }),
        )
      ).type,
    ).toBe('PLAN_VERSION_STALE');
    expect((await taskHandle('T5').query(taskStateQuery)).status).toBe('in-progress');
    const movedT2 = await eventually(
      () =>
        dataSource.query(
          `SELECT deadline, original_deadline FROM campaign_task WHERE campaign_id = $1 AND key = 'T2'`,
          [CAMPAIGN_ID],
        ),
      (rows: Array<{ deadline: Date; original_deadline: Date }>) =>
        rows[0].deadline.toISOString() === day(75),
      'the moved deadline in the read model',
    );
    expect(movedT2[0].original_deadline.toISOString()).toBe(day(50));
    const [{ applied_at: v2Applied }] = await dataSource.query(
      `SELECT applied_at FROM campaign_plan_version WHERE campaign_id = $1 AND version = 2`,
      [CAMPAIGN_ID],
    );
    expect(v2Applied).not.toBeNull();
    expect((await handle.query(campaignStateQuery)).pledges.map((p) => p.unit)).toContain('jyj');

    await at(31);
    await pledge('jyj');
    await at(40);
    await report('T5', 'jyj', { percentDone: 50 });

    // ── A late task climbs the ladder; an extension asked after its deadline is refused ───────
    await at(48);
    const lateExtension = await refusalOf(
      taskCommand('T4', commandCenter, {
        type: 'extend',
        deadline: day(70),
        reason: '参合未缴费人员逐户核实工作量大，延期至新期限',
      }),
    );
    expect(lateExtension.type).toBe('DEADLINE_PASSED');
    await at(50);
    await report('T1.2', 'mzj', { quantityDone: 43 });
    await at(52);
    await submit('T1.2', 'mzj');
    await at(55);
    await accept('T1.2');
    await at(58);
    await report('T5', 'jyj', { percentDone: 100 });
    await at(60);
    await submit('T5', 'jyj');
    await at(61);
    await accept('T5');
    await at(70);
    await dataSource.query(
      `UPDATE rectification_item SET status = 'closed', closed_at = now() WHERE ledger_id = $1 AND number IN (3, 4)`,
      [LEDGER_ID],
    );
    await at(71);
    await report('T4', 'wjj', { quantityDone: 1020 });
    await submit('T4', 'wjj');
    await at(72);
    await accept('T4');
    await at(73);
    await submit('T2', 'jrb');
    await at(74);
    await accept('T2');

    // ── Pause and resume: nothing is published while paused ───────────────────────────────────
    await at(80);
    expect(
      await campaignCommand(commandCenter, { type: 'pause', reason: '迎接省级脱贫攻坚第三方评估' }),
    ).toMatchObject({
      status: 'paused',
    });
    await eventually(
      () => taskHandle('T3').query(taskStateQuery),
      (s) => s.paused !== null,
      'the pause reaching the tasks',
    );
    expect((await refusalOf(report('T3', 'zjj', { quantityDone: 12 }))).type).toBe('CAMPAIGN_PAUSED');
    await at(87);
    expect(
      await campaignCommand(commandCenter, { type: 'resume', reason: '评估结束，恢复攻坚' }),
    ).toMatchObject({
      status: 'running',
    });

    // ── Close and the final report ────────────────────────────────────────────────────────────
    await at(99.5);
    expect((await refusalOf(campaignCommand(commandCenter, { type: 'resume', reason: '' }))).type).toBe(
      'NOT_PAUSED',
    );
    await campaignCommand(commandCenter, { type: 'close', note: '百日攻坚行动圆满结束' });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'closed', planVersion: 2, pausedMs: expect.any(Number) });
    expect(dayOf(final.closedAt!)).toBeCloseTo(99.5, 2);
    expect(final.pausedMs / DAY).toBeCloseTo(7, 2);
    for (const key of ['T1.1', 'T1.2', 'T2', 'T3', 'T4', 'T5']) {
      const closedTask = await taskHandle(key).result();
      expect(dayOf(closedTask.closedAt!)).toBeCloseTo(99.5, 2);
    }

    const [closedRow] = await dataSource.query<
      Array<{ status: string; closed_at: Date; final_report: FinalReport }>
    >(`SELECT status, closed_at, final_report FROM campaign WHERE id = $1`, [CAMPAIGN_ID]);
    expect(closedRow.status).toBe('closed');
    expect(closedRow.closed_at.toISOString()).toBe(final.closedAt);
    const reportDoc = closedRow.final_report;
    // on time against the deadline in force: 4; against the original one (paused time added): 3 —
    // T2's deadline was moved by the plan change from day 50 to day 75 and it was accepted on day 74
    expect(reportDoc.totals).toEqual({
      tasks: 6,
      onTime: 4,
      late: 1,
      unfinished: 1,
      onTimeOriginal: 3,
      extended: 1,
    });
    expect(reportDoc.tasks.find((t) => t.key === 'T2')).toMatchObject({
      outcome: 'on-time',
      onTimeOriginal: false,
      extended: true,
    });
    expect(Object.fromEntries(reportDoc.tasks.map((t) => [t.key, t.outcome]))).toEqual({
      'T1.1': 'on-time',
      'T1.2': 'on-time',
      T2: 'on-time',
      T3: 'unfinished',
      T4: 'late',
      T5: 'on-time',
    });
    expect(reportDoc.byUnit).toEqual(
      expect.arrayContaining([
        { unit: 'fpb', onTime: 1, late: 0, unfinished: 0, onTimeOriginal: 1 },
        { unit: 'mzj', onTime: 1, late: 0, unfinished: 0, onTimeOriginal: 1 },
        { unit: 'jrb', onTime: 1, late: 0, unfinished: 0, onTimeOriginal: 0 },
        { unit: 'zjj', onTime: 0, late: 0, unfinished: 1, onTimeOriginal: 0 },
        { unit: 'wjj', onTime: 0, late: 1, unfinished: 0, onTimeOriginal: 0 },
        { unit: 'jyj', onTime: 1, late: 0, unfinished: 0, onTimeOriginal: 1 },
      ]),
    );
    expect(reportDoc.byUnit).toHaveLength(6);
    // Goals: 销号 = mean of T2 (accepted, 100%) and T3 (10 of 20 households, 50%); 参合 = 1020 people.
    expect(reportDoc.goals.map((g) => [g.key, g.actual])).toEqual([
      ['G1', 75],
      ['G2', 1020],
    ]);

    // ── Bulletins: weekly across the window, none while paused, each frozen ───────────────────
    const bulletins = await dataSource.query<
      Array<{ number: number; as_of: Date; payload: CampaignBulletinPayload }>
    >(`SELECT number, as_of, payload FROM campaign_bulletin WHERE campaign_id = $1 ORDER BY number`, [
      CAMPAIGN_ID,
    ]);
    const expectedBulletins: string[] = [];
    for (let due = nextWeekly(plan.cadence.bulletin, new Date(t0)); due.getTime() < t0 + 99.5 * DAY;) {
      if (due.getTime() < t0 + 80 * DAY || due.getTime() > t0 + 87 * DAY)
        expectedBulletins.push(due.toISOString());
      due = nextWeekly(plan.cadence.bulletin, due);
    }
    expect(bulletins.map((b) => b.as_of.toISOString())).toEqual(expectedBulletins);
    expect(bulletins.map((b) => b.number)).toEqual(expectedBulletins.map((_, i) => i + 1));
    expect(bulletins.length).toBeGreaterThanOrEqual(13);
    expect(bulletins.length).toBeLessThanOrEqual(14);
    expect(bulletins.filter((b) => dayOf(b.as_of) > 80 && dayOf(b.as_of) < 87)).toEqual([]);

    const inWeek = (from: number) =>
      bulletins.find((b) => dayOf(b.as_of) > from && dayOf(b.as_of) <= from + 7)!;
    const standing = (b: { payload: CampaignBulletinPayload }, unit: string) =>
      b.payload.ranking.find((r) => r.unit === unit)!;
    // Before the ledger moved; after two of four items closed; after half the households moved in.
    expect(standing(inWeek(13), 'jrb').meanPercentage).toBe(0);
    expect(standing(inWeek(20), 'jrb').meanPercentage).toBe(50);
    expect(standing(inWeek(20), 'zjj').meanPercentage).toBe(0);
    expect(inWeek(20).payload.goals.find((g) => g.key === 'G1')!.actual).toBe(25);
    expect(standing(inWeek(27), 'zjj').meanPercentage).toBe(50);
    expect(inWeek(27).payload.goals.find((g) => g.key === 'G1')!.actual).toBe(50);
    // T4 (300 of 1020 people) falls behind its pace before its deadline, and is named for it.
    expect(inWeek(20).payload.behindPace.map((t) => t.key)).toContain('T4');
    // Past its deadline, overdue and escalated; accepted later, it leaves the lists.
    expect(inWeek(41).payload.overdue.map((t) => t.key)).toContain('T4');
    expect(inWeek(41).payload.escalated.find((t) => t.key === 'T4')?.escalationLevel).toBeGreaterThanOrEqual(
      2,
    );
    // The first bulletin after T4's acceptance (day 72) falls in (73, 80], before the pause, on
    // whichever weekday the run starts.
    expect(inWeek(73).payload.overdue.map((t) => t.key)).not.toContain('T4');

    // Frozen: the bulletins still say what they said when published, though T2 has since been
    // accepted (100%) and more households moved in; the database refuses to change them.
    const week20 = inWeek(20);
    expect(bulletins.slice(0, publishedByDay30.length)).toEqual(publishedByDay30);
    expect(standing(week20, 'jrb').meanPercentage).toBe(50);
    await expect(
      dataSource.query(`UPDATE campaign_bulletin SET payload = '{}' WHERE campaign_id = $1 AND number = $2`, [
        CAMPAIGN_ID,
        week20.number,
      ]),
    ).rejects.toThrow(/frozen/);

    // ── Escalations of tasks ──────────────────────────────────────────────────────────────────
    const escalations = await dataSource.query<
      Array<{ subject: string; level: number; arming: number; kind: string; issued_at: Date }>
    >(
      `SELECT subject, level, arming, kind, issued_at FROM campaign_escalation
        WHERE campaign_id = $1 AND subject LIKE 'task:%' ORDER BY issued_at, level`,
      [CAMPAIGN_ID],
    );
    const ladderOf = (subject: string) =>
      escalations
        .filter((e) => e.subject === subject)
        .map((e) => [e.level, e.arming, Math.round(dayOf(e.issued_at) * 10) / 10]);
    // T4: deadline day 40 → reminder 37, yellow 40, red 43, criticism 47; the extension asked on
    // day 48 was refused, so it climbs on: summons 54, accountability 70; accepted on day 72.
    expect(ladderOf('task:T4')).toEqual([
      [1, 0, 37],
      [2, 0, 40],
      [3, 0, 43],
      [4, 0, 47],
      [5, 0, 54],
      [6, 0, 70],
    ]);
    // T2: its deadline moved from day 50 to day 75 → no reminder on day 47, one on day 72.
    expect(ladderOf('task:T2')).toEqual([[1, 0, 72]]);
    // T3: deadline day 90, pushed 7 days by the pause → reminder 94, yellow 97 (red 100 after the close).
    expect(ladderOf('task:T3')).toEqual([
      [1, 0, 94],
      [2, 0, 97],
    ]);
    expect(ladderOf('task:T1.1')).toEqual([]);
    expect(ladderOf('task:T5')).toEqual([]);

    // ── Reminders: dispatch meetings to the command center, monthly reports to lead units ─────
    const notifications = await dataSource.query<
      Array<{ id: string; recipient_id: string; kind: string; dedupe_key: string }>
    >(`SELECT id, recipient_id, kind, dedupe_key FROM notification WHERE subject = $1`, [
      `campaign:${CAMPAIGN_ID}`,
    ]);
    const paused = (due: Date) => due.getTime() > t0 + 80 * DAY && due.getTime() < t0 + 87 * DAY;
    const dues = (next: (after: Date) => Date) => {
      const all: Date[] = [];
      for (let due = next(new Date(t0)); due.getTime() < t0 + 99.5 * DAY; due = next(due))
        if (!paused(due)) all.push(due);
      return all;
    };
    const dispatch = dues((after) => nextWeekly(plan.cadence.dispatchMeeting!, after));
    expect(
      notifications.filter(
        (n) => n.kind === 'campaign.dispatch-meeting' && n.recipient_id === people.get('command-center'),
      ),
    ).toHaveLength(dispatch.length);
    const monthly = dues((after) => nextMonthly(5, after));
    const monthlyTo = (unit: string) =>
      notifications
        .filter((n) => n.kind === 'campaign.monthly-report' && n.recipient_id === people.get(unit))
        .map((n) => n.dedupe_key.split(':').at(-1))
        .sort();
    // 住建局 never finished: reminded every month; 扶贫办 only while T1.1 was open (to day 22).
    expect(monthlyTo('zjj')).toEqual(monthly.map((d) => cstDate(d).slice(0, 7)));
    expect(monthlyTo('fpb')).toEqual(
      monthly.filter((d) => d.getTime() < t0 + 22 * DAY).map((d) => cstDate(d).slice(0, 7)),
    );
    const bulletinNotices = notifications.filter((n) => n.kind === 'campaign.bulletin');
    expect(bulletinNotices.filter((n) => n.recipient_id === people.get('leadership'))).toHaveLength(
      bulletins.length,
    );
    expect(bulletinNotices).toHaveLength(2 * bulletins.length); // the command center and leadership
    expect(delivered.flat()).toEqual(expect.arrayContaining(bulletinNotices.map((n) => n.id)));

    // ── Pledges, change feed and audit trail ─────────────────────────────────────────────────
    const pledges = await dataSource.query<
      Array<{ unit: string; signed_at: Date | null; escalation_level: number }>
    >(`SELECT unit, signed_at, escalation_level FROM campaign_pledge WHERE campaign_id = $1 ORDER BY unit`, [
      CAMPAIGN_ID,
    ]);
    expect(
      pledges.map((p) => [p.unit, p.signed_at && Math.floor(dayOf(p.signed_at)), p.escalation_level]),
    ).toEqual([
      ['fpb', 1, 0],
      ['jrb', 1, 0],
      ['jyj', 31, 0],
      ['mzj', 10, 3],
      ['wjj', 1, 0],
      ['zjj', 1, 0],
    ]);
    const changes = await dataSource.query<Array<{ kind: string; payload: { event?: string } }>>(
      `SELECT kind, payload FROM campaign_change WHERE campaign_id = $1 AND kind IN ('campaign', 'final-report') ORDER BY id`,
      [CAMPAIGN_ID],
    );
    expect(changes.map((c) => c.payload.event ?? c.kind)).toEqual([
      'launch',
      'pledge',
      'pledge',
      'pledge',
      'pledge',
      'pledge-escalate',
      'pledge-escalate',
      'pledge-escalate',
      'pledge',
      'apply-plan',
      'pledge',
      'pause',
      'resume',
      'close',
      'final-report',
    ]);
    const [{ bulletins: bulletinChanges }] = await dataSource.query(
      `SELECT count(*)::int AS bulletins FROM campaign_change WHERE campaign_id = $1 AND kind = 'bulletin'`,
      [CAMPAIGN_ID],
    );
    expect(bulletinChanges).toBe(bulletins.length);
    const audit = await dataSource.query<Array<{ action: string; actor_name: string }>>(
      `SELECT action, actor_name FROM audit_entry WHERE subject = $1 ORDER BY seq`,
      [`campaign:${CAMPAIGN_ID}`],
    );
    expect(audit.filter((a) => a.action === 'campaign.launch')).toEqual([
      { action: 'campaign.launch', actor_name: 'command-center' },
    ]);
    expect(audit.filter((a) => a.action === 'campaign.final-report')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'campaign.bulletin')).toHaveLength(bulletins.length);

    // ── Replay: the histories of this run replay on today's code (and are recorded on request) ─
    const histories = [
      { handle: handle as WorkflowHandle, file: 'campaign.v1.json' },
      { handle: taskHandle('T4'), file: 'campaign-task.v1.json' },
    ];
    for (const { handle: recorded, file } of histories) {
      const history = await recorded.fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: await testWorkflowBundle() },
        history,
        recorded.workflowId,
      );
      if (process.env.RECORD_REPLAY_HISTORIES === '1')
        fs.writeFileSync(
          path.join(HISTORIES, file),
          `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`,
        );
    }
  }, 600_000);

  it('fires only the highest of the pledge-ladder steps due together, passing over the ones below', async () => {
    const campaignId = 'c0000000-0000-4000-8000-000000000005';
    const commandCenter = actorOf('command-center', ['command-center']);
    const t0 = await thursdayMorning();
    const day = (n: number) => new Date(t0 + n * DAY).toISOString();
    // a plan whose ladder puts the reminder and the yellow card both on the pledge deadline
    const [reminder, yellow] = DEFAULT_CAMPAIGN_LADDER;
    const plan: ResolvedPlan = {
      name: '农村人居环境整治百日攻坚行动',
      window: { start: day(0), end: day(100) },
      goals: [],
      tasks: [
        {
          key: 'T1',
          parentKey: null,
          order: 1,
          name: '农村危房清零',
          lead: 'mzj',
          cooperating: [],
          deadline: day(60),
          target: null,
          measure: 'reported',
          pace: null,
          dependsOn: [],
          isGroup: false,
        },
      ],
      cadence: {
        bulletin: { weekday: 1, time: '09:00' },
        dispatchMeeting: { weekday: 3, time: '15:00' },
        monthlyReportDay: 5,
      },
      ladder: [
        { ...reminder, offset: 'PT0S' },
        { ...yellow, offset: 'PT0S' },
      ],
      pledgeWithin: 'P5D',
      paceMargin: 10,
    };
    const handle = await startCampaign(campaignId, plan, commandCenter);
    await handle.executeUpdate(campaignLaunchedUpdate);
    await env.sleep(6 * DAY);
    const escalations = await eventually(
      () =>
        dataSource.query<Array<{ level: number; kind: string; unit: string }>>(
          `SELECT level, kind, unit FROM campaign_escalation WHERE campaign_id = $1 AND subject = 'pledge'`,
          [campaignId],
        ),
      (rows) => rows.length > 0,
      'the pledge escalation',
    );
    expect(escalations).toEqual([{ level: 2, kind: 'yellow-warning', unit: 'mzj' }]);
    const state = await handle.query(campaignStateQuery);
    expect(state.pledgeFiredLevels).toEqual([1, 2]);
    await handle.terminate('test finished');
    await env.client.workflow.getHandle(campaignTaskWorkflowId(campaignId, 'T1')).terminate('test finished');
  });
});
