import { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createCampaignTaskActivities } from '../../activities/campaign/campaign-task.activities';
import {
  campaignTaskWorkflowId,
  CampaignTaskWorkflowInput,
  taskCloseSignal,
  taskCommandUpdate,
  taskPauseSignal,
  taskResumeSignal,
  taskStateQuery,
} from '../../libs/contracts/src/campaign/campaign';
import type { MeasureSpec, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import type { TaskCommand, TaskState } from '../../libs/domain/src/campaign/campaign-task';
import { newTaskState } from '../../libs/domain/src/campaign/task-process';
import type { EscalationStep } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import type { StateChange } from '../../libs/domain/src/process/state-change';
import { formatCst } from '../../libs/domain/src/time/china-time';
import { showDeadlineProse } from '../../libs/domain/src/time/deadline-display';
import { eventually, refusalOf } from '../test/eventually';
import { openWorkflowTestDatabase } from '../test/postgres-child-process';
import { busy } from '../test/workflow-busy';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { campaignTaskWorkflow } from './campaign-task.workflow';

const DAY = 86_400_000;
const TASK_QUEUE = 'campaign-task-test';
const CAMPAIGN_ID = 'c4a10000-0000-4000-8000-000000000004';
const PROGRAMME_ID = '5c7e0000-0000-4000-8000-000000000004';
const LEAD = 'fpb';
const COOPERATING = 'zjj';
const COMMAND_UNIT = 'zhb';
const LEADERS = 'xw';

/** Reminder the day before the deadline, yellow card on it, red card 2 days after, summons 4 days after. */
const LADDER: EscalationStep[] = [
  {
    level: 1,
    kind: 'reminder',
    label: '到期提醒',
    anchor: 'full',
    offset: '-P1D',
    audience: ['responsible-unit'],
    leaderMustAct: false,
    notice: { kind: '催办单', colour: 'blue' },
  },
  {
    level: 2,
    kind: 'yellow-warning',
    label: '黄牌预警',
    anchor: 'full',
    offset: 'PT0S',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'yellow' },
  },
  {
    level: 3,
    kind: 'red-warning',
    label: '红牌预警',
    anchor: 'full',
    offset: 'P2D',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'red' },
  },
  {
    level: 4,
    kind: 'summons',
    label: '约谈',
    anchor: 'full',
    offset: 'P4D',
    audience: ['leadership', 'responsible-unit'],
    leaderMustAct: true,
    notice: { kind: '约谈通知书', colour: 'red' },
  },
];

interface TaskRow {
  status: string;
  deadline: Date;
  quantity_done: string | null;
  percent_done: string | null;
  escalation_level: number;
  behind_pace: boolean;
  submitted_at: Date | null;
  accepted_at: Date | null;
  closed_at: Date | null;
  return_count: number;
  paused_ms: string;
  workflow_id: string | null;
  version: number;
}
interface EventRow {
  version: number;
  type: string;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
}
interface EscalationRow {
  level: number;
  arming: number;
  kind: string;
  unit: string;
  issued_at: Date;
}
interface ChangeRow {
  kind: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

/** What the workflow's history holds as the inputs of its projectCampaignTask activities, in order. */
async function projectionInputs(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .map((event) => event.activityTaskScheduledEventAttributes)
    .filter((scheduled) => scheduled?.activityType?.name === 'projectCampaignTask')
    .map((scheduled) =>
      defaultPayloadConverter.fromPayload<{ state?: TaskState; change?: StateChange<TaskState> }>(
        scheduled!.input!.payloads![0],
      ),
    );
}

describe('campaignTaskWorkflow (time-skipping, real activities on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let closeDatabase: (() => Promise<void>) | undefined;
  let dataSource: DataSource;
  let sequence = 0;
  const delivered: string[][] = [];
  const started: WorkflowHandle[] = [];
  const people = { lead: '', cooperating: '', command: '', leader: '' };
  let leadOfficer: Actor;
  let commandCenter: Actor;

  beforeAll(async () => {
    ({ dataSource, close: closeDatabase } = await openWorkflowTestDatabase('campaign-task', 8));
    await dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
         ($1, '县扶贫办', 'bureau', NULL, '/fpb/'),
         ($2, '县住建局', 'bureau', NULL, '/zjj/'),
         ($3, '县脱贫攻坚指挥部', 'bureau', NULL, '/zhb/'),
         ($4, '县委县政府', 'bureau', NULL, '/xw/')`,
      [LEAD, COOPERATING, COMMAND_UNIT, LEADERS],
    );
    const person = async (username: string, name: string, unit: string, role: string) => {
      const [row] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
        [username, name, unit, [role]],
      );
      return row.id;
    };
    people.lead = await person('fpb-wang', '王扶贫', LEAD, 'department');
    people.cooperating = await person('zjj-zhao', '赵住建', COOPERATING, 'department');
    people.command = await person('zhb-li', '李指挥', COMMAND_UNIT, 'command-center');
    people.leader = await person('xw-chen', '陈书记', LEADERS, 'leadership');
    leadOfficer = { id: people.lead, name: '王扶贫', unit: LEAD, roles: ['department'] };
    commandCenter = { id: people.command, name: '李指挥', unit: COMMAND_UNIT, roles: ['command-center'] };
    await dataSource.query(
      `INSERT INTO campaign (id, name, status, plan_version, window_start, window_end, workflow_id, created_by)
       VALUES ($1, '精准脱贫百日攻坚行动', 'running', 1, now() - interval '30 days', now() + interval '90 days', $2, 'test')`,
      [CAMPAIGN_ID, `campaign:${CAMPAIGN_ID}`],
    );
    await dataSource.query(
      `INSERT INTO housing_programme (id, name, housing_bureau, stage_deadlines, notice_periods, stall_after,
         payment_due_after, timer_jitter, ladder, created_by)
       VALUES ($1, '2018年危房改造', $2, '{}', '{}', 'P30D', 'P30D', 'PT0S', '[]', 'test')`,
      [PROGRAMME_ID, COOPERATING],
    );

    env = await createTimeSkippingEnvironment();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities: {
        ...createCampaignTaskActivities(dataSource),
        deliverNotifications({ notificationIds }: { notificationIds: string[] }) {
          delivered.push(notificationIds);
          return Promise.resolve({ delivered: notificationIds.length });
        },
      },
    });
    running = worker.run();
  }, 180_000);

  // A task a test left running must not fire timers in the next test. It is terminated only once
  // idle: the time-skipping server stops skipping time for the rest of the file when a workflow is
  // terminated while a workflow task of it is in flight.
  afterEach(async () => {
    for (const handle of started.splice(0)) {
      await eventually(
        () => busy(handle),
        (pending) => pending === 0,
        `${handle.workflowId} to be idle`,
      ).catch(() => undefined);
      await handle.terminate('test finished').catch(() => undefined);
    }
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await closeDatabase?.();
  });

  interface TaskOptions {
    deadlineDays: number;
    target?: { quantity: number; unit: string };
    measure?: MeasureSpec;
    /** Days from now to the campaign window's start (negative: it started before). */
    windowStartDays?: number;
    /** A pause (its reason) delivered with the start, so it runs before the workflow's first line. */
    pausedAtStart?: string;
  }

  /** Inserts the task's row as the campaign's launch projection would, and starts its workflow. */
  async function startTask(options: TaskOptions) {
    const startMs = await env.currentTimeMs();
    const key = `T${++sequence}`;
    const measure = options.measure ?? 'reported';
    const task: ResolvedTask = {
      key,
      parentKey: null,
      order: sequence,
      name: `危房改造安居行动${sequence}`,
      lead: LEAD,
      cooperating: [COOPERATING],
      deadline: new Date(startMs + options.deadlineDays * DAY).toISOString(),
      target: options.target ?? null,
      measure,
      pace: null,
      dependsOn: [],
      isGroup: false,
    };
    await dataSource.query(
      `INSERT INTO campaign_task (campaign_id, key, parent_key, ord, name, lead_unit, cooperating_units, is_group,
         measure, linked_programme_id, target_quantity, target_unit, deadline, original_deadline, status)
       VALUES ($1, $2, NULL, $3, $4, $5, $6, false, $7, $8, $9, $10, $11, $11, 'in-progress')`,
      [
        CAMPAIGN_ID,
        key,
        task.order,
        task.name,
        LEAD,
        task.cooperating,
        JSON.stringify(measure),
        typeof measure === 'object' && 'programme' in measure ? measure.programme : null,
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.deadline,
      ],
    );
    const input: CampaignTaskWorkflowInput = {
      campaignId: CAMPAIGN_ID,
      task,
      windowStart: new Date(startMs + (options.windowStartDays ?? -30) * DAY).toISOString(),
      ladder: LADDER,
      paceMargin: 10,
      launchedBy: commandCenter,
    };
    const start = {
      taskQueue: TASK_QUEUE,
      workflowId: campaignTaskWorkflowId(CAMPAIGN_ID, key),
      args: [input] as [CampaignTaskWorkflowInput],
    };
    const handle =
      options.pausedAtStart === undefined
        ? await env.client.workflow.start(campaignTaskWorkflow, start)
        : await env.client.workflow.signalWithStart(campaignTaskWorkflow, {
            ...start,
            signal: taskPauseSignal,
            signalArgs: [{ actor: commandCenter, reason: options.pausedAtStart }],
          });
    started.push(handle);
    const subject = `campaign-task:${CAMPAIGN_ID}:${key}`;
    const day = (instant: Date | string) =>
      Math.round(((new Date(instant).getTime() - startMs) / DAY) * 100) / 100;
    const events = () =>
      dataSource.query<EventRow[]>(
        `SELECT version, type, at, reason, data FROM campaign_task_event
          WHERE campaign_id = $1 AND task_key = $2 ORDER BY version`,
        [CAMPAIGN_ID, key],
      );
    return {
      key,
      task,
      handle,
      startMs,
      subject,
      day,
      act: (actor: Actor, command: TaskCommand) =>
        handle.executeUpdate(taskCommandUpdate, { args: [{ command, actor }] }),
      state: (): Promise<TaskState> => handle.query(taskStateQuery),
      row: async () =>
        (
          await dataSource.query<TaskRow[]>(
            `SELECT status, deadline, quantity_done, percent_done, escalation_level, behind_pace, submitted_at,
                  accepted_at, closed_at, return_count, paused_ms, workflow_id, version
             FROM campaign_task WHERE campaign_id = $1 AND key = $2`,
            [CAMPAIGN_ID, key],
          )
        )[0],
      events,
      /** The timeline once it has `count` entries (projections run in real time beside virtual time). */
      eventsUntil: (count: number) =>
        eventually(events, (rows) => rows.length >= count, `${count} events of ${key}`),
      changes: () =>
        dataSource.query<ChangeRow[]>(
          `SELECT kind, dedupe_key, payload FROM campaign_change WHERE campaign_id = $1 AND task_key = $2 ORDER BY id`,
          [CAMPAIGN_ID, key],
        ),
      escalations: () =>
        dataSource.query<EscalationRow[]>(
          `SELECT level, arming, kind, unit, issued_at FROM campaign_escalation
            WHERE campaign_id = $1 AND subject = $2 ORDER BY issued_at, level`,
          [CAMPAIGN_ID, `task:${key}`],
        ),
      notifications: (recipient: string) =>
        dataSource.query<Array<{ id: string; kind: string; title: string; body: string }>>(
          `SELECT id, kind, title, body FROM notification WHERE recipient_id = $1 AND subject = $2
            ORDER BY created_at, kind`,
          [recipient, subject],
        ),
      audit: async () =>
        (
          await dataSource.query<Array<{ action: string }>>(
            `SELECT action FROM audit_entry WHERE subject = $1 ORDER BY seq`,
            [subject],
          )
        ).map((r) => r.action),
    };
  }

  it('walks report → submit → return with a reason → submit → accept, with sign-off, timeline, feed and notices', async () => {
    const t = await startTask({ deadlineDays: 30 });
    await t.act(leadOfficer, {
      type: 'report-progress',
      percentDone: 60,
      narrative: '已完成入户核查',
      evidenceIds: [],
    });
    await t.act(leadOfficer, { type: 'submit', note: '已全部完成', evidenceIds: ['ev-1'] });
    await t.act(commandCenter, { type: 'return', reason: '佐证材料不全' });
    await env.sleep('2 days');
    await t.act(leadOfficer, { type: 'submit', note: '补充佐证材料', evidenceIds: ['ev-1', 'ev-2'] });
    const result = await t.act(commandCenter, { type: 'accept', note: '核查属实' });
    expect(result).toEqual({ version: 6, status: 'accepted' });

    const state = await t.state();
    expect(state.acceptance).toMatchObject({
      signerId: people.command,
      unit: COMMAND_UNIT,
      roles: ['command-center'],
      evidenceSeen: ['ev-1', 'ev-2'],
      note: '核查属实',
    });
    const row = await t.row();
    expect(row).toMatchObject({
      status: 'accepted',
      return_count: 1,
      version: 6,
      workflow_id: campaignTaskWorkflowId(CAMPAIGN_ID, t.key),
    });
    expect(Number(row.percent_done)).toBe(100);
    expect(row.accepted_at?.toISOString()).toBe(state.acceptedAt);
    expect(t.day(row.accepted_at!)).toBeCloseTo(2, 1);

    const events = await t.eventsUntil(6);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'launch'],
      [2, 'report-progress'],
      [3, 'submit'],
      [4, 'return'],
      [5, 'submit'],
      [6, 'accept'],
    ]);
    expect(events[3].reason).toBe('佐证材料不全');
    // One change per version, each once. The launch's projection and the first step's may commit in
    // either order on a loaded machine; a feed reader refetches on every change, so order is not a promise.
    const changes = await t.changes();
    expect(changes.map((c) => c.dedupe_key).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((v) => `task:${t.key}:v${v}`),
    );
    expect(changes.every((c) => c.kind === 'task')).toBe(true);
    expect(changes.find((c) => c.dedupe_key === `task:${t.key}:v6`)!.payload).toMatchObject({
      key: t.key,
      status: 'accepted',
      eventType: 'accept',
    });
    expect(await t.audit()).toEqual([
      'campaign-task.launch',
      'campaign-task.report-progress',
      'campaign-task.submit',
      'campaign-task.return',
      'campaign-task.submit',
      'campaign-task.accept',
    ]);

    // Past the launch, a projection carries only what its step changed, so the history grows by the change.
    const projections = await projectionInputs(t.handle);
    expect(
      projections.map((p) => (p.change ? `${p.change.from}→${p.change.to}` : `state ${p.state?.version}`)),
    ).toEqual(['state 1', '1→2', '2→3', '3→4', '4→5', '5→6']);
    expect(projections[4].change?.set).toEqual({
      status: 'submitted',
      submittedAt: state.submittedAt,
      submission: expect.objectContaining({ note: '补充佐证材料' }) as unknown,
    });

    // Submissions go to the command center; the return (with its reason) and the acceptance to the lead unit.
    const toCommand = await t.notifications(people.command);
    expect(toCommand.map((n) => n.kind)).toEqual(['campaign.task.submitted', 'campaign.task.submitted']);
    const toLead = await t.notifications(people.lead);
    expect(toLead.map((n) => n.kind).sort()).toEqual(['campaign.task.accepted', 'campaign.task.returned']);
    expect(toLead.find((n) => n.kind === 'campaign.task.returned')?.body).toContain('佐证材料不全');
    expect(await t.notifications(people.cooperating)).toEqual([]);
    const deliveredIds = delivered.flat();
    for (const n of [...toCommand, ...toLead]) expect(deliveredIds).toContain(n.id);
  });

  it('refuses an illegal step with its code before anything is written', async () => {
    const t = await startTask({ deadlineDays: 30 });
    await t.eventsUntil(1);
    const before = { row: await t.row(), changes: await t.changes(), audit: await t.audit() };

    const notSubmitted = await refusalOf(t.act(commandCenter, { type: 'accept', note: '同意' }));
    expect(notSubmitted.type).toBe('NOT_SUBMITTED');
    expect(notSubmitted.message).toBe('该任务尚未申请验收，不能验收');
    const badPercent = await refusalOf(
      t.act(leadOfficer, { type: 'report-progress', percentDone: 150, narrative: '完成', evidenceIds: [] }),
    );
    expect(badPercent.type).toBe('PERCENT_INVALID');

    expect((await t.state()).version).toBe(1);
    expect(await t.events()).toHaveLength(1);
    expect(await t.row()).toEqual(before.row);
    expect(await t.changes()).toEqual(before.changes);
    expect(await t.audit()).toEqual(before.audit);
    expect(await t.notifications(people.command)).toEqual([]);
  });

  it('escalates a late task at the ladder times, to the lead unit and the command center, and stops once accepted', async () => {
    const t = await startTask({ deadlineDays: 3 });
    await env.sleep('5.5 days'); // reminder day 2, yellow day 3, red day 5
    const fired = await eventually(t.escalations, (rows) => rows.length === 3, 'three escalations');
    expect(fired.map((e) => [e.kind, t.day(e.issued_at), e.arming, e.unit])).toEqual([
      ['reminder', 2, 0, LEAD],
      ['yellow-warning', 3, 0, LEAD],
      ['red-warning', 5, 0, LEAD],
    ]);
    const row = await eventually(t.row, (r) => r.escalation_level === 3, 'escalation level 3 in the row');
    expect(row.status).toBe('in-progress');
    const feed = await dataSource.query<ChangeRow[]>(
      `SELECT kind, dedupe_key, payload FROM campaign_change WHERE campaign_id = $1 AND kind = 'escalation' AND task_key = $2 ORDER BY id`,
      [CAMPAIGN_ID, t.key],
    );
    expect(feed.map((c) => c.payload.level)).toEqual([1, 2, 3]);
    // The reminder goes to the lead unit; the cards also to the command center; nobody else.
    expect((await t.notifications(people.lead)).map((n) => n.kind)).toEqual([
      'campaign.escalation.reminder',
      'campaign.escalation.yellow-warning',
      'campaign.escalation.red-warning',
    ]);
    // numbered like a ledger's notices (督办单〔year〕第n号), the step's label said once
    const titles = (await t.notifications(people.command)).map((n) => n.title);
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(new RegExp(`^督办单〔\\d{4}〕第\\d+号：黄牌预警：${t.task.name}（${t.key}）$`));
    expect(titles[1]).toMatch(new RegExp(`^督办单〔\\d{4}〕第\\d+号：红牌预警：${t.task.name}（${t.key}）$`));
    // a new run names the deadline by the display rule (patched 'deadline-shown-as-written')
    expect((await t.notifications(people.command))[0].body).toBe(
      `任务「${t.task.name}」期限 ${showDeadlineProse(t.task.deadline)}，尚未完成验收：黄牌预警。`,
    );
    expect(showDeadlineProse(t.task.deadline)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/);
    expect(await t.notifications(people.cooperating)).toEqual([]);

    await t.act(leadOfficer, { type: 'submit', note: '已完成', evidenceIds: [] });
    await t.act(commandCenter, { type: 'accept', note: '同意验收' });
    await env.sleep('4 days'); // the summons would have fallen due on day 7
    expect((await t.escalations()).map((e) => e.kind)).toEqual(['reminder', 'yellow-warning', 'red-warning']);
    expect(await t.notifications(people.leader)).toEqual([]);
    expect(await t.row()).toMatchObject({ status: 'accepted', escalation_level: 3 });
  });

  it('fires only the highest of the steps already due when it runs late, passing over the ones below', async () => {
    // as after a worker outage: reminder (day −4), yellow (day −3) and red card (day −1) have passed
    const t = await startTask({ deadlineDays: -3 });
    await env.sleep('0.5 days'); // the summons (day 1) is still ahead
    const fired = await eventually(t.escalations, (rows) => rows.length === 1, 'the red card');
    expect(fired.map((e) => [e.kind, t.day(e.issued_at)])).toEqual([['red-warning', 0]]);
    const events = await t.eventsUntil(2);
    expect(events.map((e) => [e.type, e.data.level, e.data.passedOverLevels])).toEqual([
      ['launch', undefined, undefined],
      ['escalate', 3, [1, 2]],
    ]);
    expect(await eventually(t.row, (r) => r.escalation_level === 3, 'level 3 in the row')).toBeTruthy();
    expect((await t.notifications(people.lead)).map((n) => n.kind)).toEqual([
      'campaign.escalation.red-warning',
    ]);
    expect(await t.state()).toMatchObject({ firedLevels: [1, 2, 3] });
    await env.sleep('1 day'); // the summons at its own time
    const later = await eventually(t.escalations, (rows) => rows.length === 2, 'the summons');
    expect(later.map((e) => [e.kind, t.day(e.issued_at)])).toEqual([
      ['red-warning', 0],
      ['summons', 1],
    ]);
  });

  it('waits for a leader on a summons, refuses an illegal decision before writing it, and records a legal one', async () => {
    const t = await startTask({ deadlineDays: 1 });
    await env.sleep('5.5 days'); // reminder day 0, yellow day 1, red day 3, summons day 5
    await eventually(t.escalations, (rows) => rows.length === 4, 'the summons');
    const awaiting = () =>
      dataSource
        .query<Array<{ awaiting_leader: number[]; version: number }>>(
          `SELECT awaiting_leader, version FROM campaign_task WHERE campaign_id = $1 AND key = $2`,
          [CAMPAIGN_ID, t.key],
        )
        .then((rows) => rows[0]);
    const summoned = await eventually(
      awaiting,
      (r) => r.awaiting_leader.length > 0,
      'the row to await a leader',
    );
    expect(summoned.awaiting_leader).toEqual([4]);
    const leader: Actor = { id: people.leader, name: '陈书记', unit: LEADERS, roles: ['leadership'] };
    const before = { version: (await t.state()).version, events: (await t.events()).length };

    const byDepartment = await refusalOf(
      t.act(leadOfficer, { type: 'leader-decision', level: 4, decision: '约谈' }),
    );
    expect(byDepartment.type).toBe('LEADERSHIP_ONLY');
    const notAwaiting = await refusalOf(
      t.act(leader, { type: 'leader-decision', level: 3, decision: '约谈' }),
    );
    expect(notAwaiting.type).toBe('NOTHING_TO_DECIDE');
    const empty = await refusalOf(t.act(leader, { type: 'leader-decision', level: 4, decision: '  ' }));
    expect(empty.type).toBe('DECISION_REQUIRED');
    expect((await t.state()).version).toBe(before.version);
    expect(await t.events()).toHaveLength(before.events);

    await t.act(leader, { type: 'leader-decision', level: 4, decision: '约谈县扶贫办主任，限期一周' });
    const decided = await eventually(
      awaiting,
      (r) => r.awaiting_leader.length === 0,
      'the decision in the row',
    );
    expect(decided.version).toBe(before.version + 1);
    expect((await t.events()).at(-1)).toMatchObject({
      type: 'leader-decision',
      data: { level: 4, decision: '约谈县扶贫办主任，限期一周' },
    });
    const [notice] = await dataSource.query<Array<{ leader_decision: string; decided_by: string }>>(
      `SELECT leader_decision, decided_by FROM campaign_escalation WHERE campaign_id = $1 AND subject = $2 AND level = 4`,
      [CAMPAIGN_ID, `task:${t.key}`],
    );
    expect(notice).toEqual({ leader_decision: '约谈县扶贫办主任，限期一周', decided_by: '陈书记' });
    expect(await t.audit()).toContain('campaign-task.leader-decision');
    const again = await refusalOf(t.act(leader, { type: 'leader-decision', level: 4, decision: '再次约谈' }));
    expect(again.type).toBe('NOTHING_TO_DECIDE');
  });

  it('moves the deadline on an extension and re-arms the ladder from it', async () => {
    const t = await startTask({ deadlineDays: 3 });
    await env.sleep('2.5 days'); // reminder on day 2
    await eventually(t.escalations, (rows) => rows.length === 1, 'the reminder');
    const newDeadline = new Date(t.startMs + 10 * DAY).toISOString();
    await t.act(commandCenter, { type: 'extend', deadline: newDeadline, reason: '资金下达推迟' });
    const extended = await t.row();
    expect(extended.deadline.toISOString()).toBe(newDeadline);
    expect(extended.escalation_level).toBe(0);
    expect((await t.notifications(people.lead)).map((n) => n.kind)).toContain('campaign.task.extended');

    await env.sleep('7 days'); // day 9.5: the old deadline (day 3) passed unnoticed, the new reminder is due on day 9
    const fired = await eventually(t.escalations, (rows) => rows.length === 2, 'the re-armed reminder');
    expect(fired.map((e) => [e.kind, t.day(e.issued_at), e.arming])).toEqual([
      ['reminder', 2, 0],
      ['reminder', 9, 1],
    ]);
    const state = await t.state();
    expect(state).toMatchObject({ deadline: newDeadline, firedLevels: [1] });
    expect(state.originalDeadline).toBe(t.task.deadline);
    expect(state.extensions).toEqual([
      expect.objectContaining({ from: t.task.deadline, to: newDeadline, reason: '资金下达推迟' }),
    ]);
  });

  it('keeps the launch on the timeline when a step arrives with the start', async () => {
    const t = await startTask({ deadlineDays: 30, pausedAtStart: '防汛抢险' });
    const events = await t.eventsUntil(2);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'launch'],
      [2, 'pause'],
    ]);
  });

  it('holds the ladder while paused and shifts it by the paused time', async () => {
    const t = await startTask({ deadlineDays: 2 });
    await env.sleep('0.5 days');
    await t.handle.signal(taskPauseSignal, { actor: commandCenter, reason: '防汛抢险' });
    await env.sleep('3 days'); // day 3.5: reminder (day 1) and yellow card (day 2) held
    expect(await t.escalations()).toEqual([]);
    await t.handle.signal(taskResumeSignal, { actor: commandCenter, reason: '汛情解除' });
    await env.sleep('2 days'); // day 5.5: paused 3 days, so reminder on day 4, yellow card on day 5
    const fired = await eventually(t.escalations, (rows) => rows.length === 2, 'the shifted steps');
    expect(fired.map((e) => [e.kind, t.day(e.issued_at)])).toEqual([
      ['reminder', 4],
      ['yellow-warning', 5],
    ]);
    expect(Math.abs(Number((await t.row()).paused_ms) - 3 * DAY)).toBeLessThan(60_000);
    expect((await t.events()).map((e) => e.type)).toEqual([
      'launch',
      'pause',
      'resume',
      'escalate',
      'escalate',
    ]);
  });

  it('warns a task behind its pace before the deadline, once a week, and not one on pace', async () => {
    // Window started 10 days ago, deadline in 20: about a third of 100 households is expected by now.
    const behind = await startTask({
      deadlineDays: 20,
      windowStartDays: -10,
      target: { quantity: 100, unit: '户' },
    });
    const onPace = await startTask({
      deadlineDays: 20,
      windowStartDays: -10,
      target: { quantity: 100, unit: '户' },
    });
    await onPace.act(leadOfficer, {
      type: 'report-progress',
      quantityDone: 45,
      narrative: '已完工45户',
      evidenceIds: [],
    });
    await env.sleep('3 days'); // three morning checks

    const warned = await eventually(behind.row, (r) => r.behind_pace, 'the behind task flagged');
    expect(warned.status).toBe('in-progress');
    const paceEvents = (await behind.events()).filter((e) => e.type === 'pace-warning');
    expect(paceEvents).toHaveLength(1); // behind on all three mornings, warned once
    expect(formatCst(paceEvents[0].at).slice(11)).toBe('09:00');
    expect(behind.day(paceEvents[0].at)).toBeLessThanOrEqual(1);
    expect(paceEvents[0].data).toMatchObject({ behind: true, warned: true, actualPercent: 0 });
    expect(paceEvents[0].data.gap as number).toBeGreaterThan(30);
    expect((await behind.state()).paceWarnedAt).toBe(paceEvents[0].at.toISOString());
    const notices = await behind.notifications(people.lead);
    expect(notices.map((n) => n.kind)).toEqual(['campaign.task.pace-warning']);
    expect(notices[0].title).toBe(`序时进度预警：${behind.task.name}（${behind.key}）`);
    expect((await behind.changes()).map((c) => c.payload.eventType)).toContain('pace-warning');

    expect((await onPace.row()).behind_pace).toBe(false);
    expect((await onPace.events()).map((e) => e.type)).toEqual(['launch', 'report-progress']);
    expect(await onPace.notifications(people.lead)).toEqual([]);

    // Catching up clears the flag at the next morning's check, without a notice.
    await behind.act(leadOfficer, {
      type: 'report-progress',
      quantityDone: 60,
      narrative: '集中开工',
      evidenceIds: [],
    });
    await env.sleep('1 day');
    await eventually(behind.row, (r) => !r.behind_pace, 'the flag cleared');
    const last = (await behind.events()).at(-1)!;
    expect(last).toMatchObject({ type: 'pace-warning', data: { behind: false, warned: false } });
    expect(await behind.notifications(people.lead)).toHaveLength(1);
  });

  it('reads a programme-linked task’s progress from the household stage counts', async () => {
    await dataSource.query(
      `INSERT INTO household_stage_count (programme_id, township, stage, households) VALUES
         ($1, 'tA', 'moved-in', 2), ($1, 'tA', 'construction', 8), ($1, 'tB', 'withdrawn', 5)`,
      [PROGRAMME_ID],
    );
    // Half the window has passed: 50% expected, 2 of 10 households moved in (withdrawn ones left out).
    const t = await startTask({
      deadlineDays: 20,
      windowStartDays: -20,
      measure: { programme: PROGRAMME_ID },
    });
    await env.sleep('1 day');
    await eventually(t.row, (r) => r.behind_pace, 'the linked task flagged');
    const [warning] = (await t.events()).filter((e) => e.type === 'pace-warning');
    expect(warning.data).toMatchObject({ behind: true, warned: true, actualPercent: 20 });

    await dataSource.query(
      `UPDATE household_stage_count SET households = CASE stage WHEN 'moved-in' THEN 7 ELSE 3 END
        WHERE programme_id = $1 AND township = 'tA'`,
      [PROGRAMME_ID],
    );
    await env.sleep('1 day');
    await eventually(t.row, (r) => !r.behind_pace, 'the linked task back on pace');
    const last = (await t.events()).at(-1)!;
    expect(last).toMatchObject({ type: 'pace-warning', data: { behind: false, actualPercent: 70 } });
  });

  it('completes on the close signal with its final state', async () => {
    const t = await startTask({ deadlineDays: 30 });
    await t.act(leadOfficer, {
      type: 'report-progress',
      percentDone: 80,
      narrative: '基本完成',
      evidenceIds: [],
    });
    await t.handle.signal(taskCloseSignal, { actor: commandCenter });
    const final = await t.handle.result();
    expect(final).toMatchObject({ status: 'in-progress', percentDone: 80, version: 3 });
    expect(final.closedAt).not.toBeNull();
    const row = await eventually(t.row, (r) => r.closed_at !== null, 'the close projected');
    expect(row.closed_at?.toISOString()).toBe(final.closedAt);
    expect((await t.events()).map((e) => e.type)).toEqual(['launch', 'report-progress', 'close']);
  });

  describe('activities', () => {
    it('waits (retryably) for the launch row, and projects a change exactly once', async () => {
      const { projectCampaignTask } = createCampaignTaskActivities(dataSource);
      const now = new Date().toISOString();
      const task: ResolvedTask = {
        key: 'A1',
        parentKey: null,
        order: 100,
        name: '金融扶贫提速行动',
        lead: LEAD,
        cooperating: [],
        deadline: new Date(Date.now() + 30 * DAY).toISOString(),
        target: null,
        measure: 'reported',
        pace: null,
        dependsOn: [],
        isGroup: false,
      };
      const state: TaskState = {
        ...newTaskState(task),
        status: 'submitted',
        submittedAt: now,
        version: 2,
      };
      const input = {
        campaignId: CAMPAIGN_ID,
        state,
        actor: leadOfficer,
        event: {
          type: 'submit' as const,
          at: now,
          actor: leadOfficer,
          summary: '牵头单位申请验收',
          reason: null,
          data: {},
        },
      };
      await expect(projectCampaignTask(input)).rejects.toThrow('is not in the read model yet');

      await dataSource.query(
        `INSERT INTO campaign_task (campaign_id, key, ord, name, lead_unit, is_group, measure, deadline, original_deadline, status)
         VALUES ($1, 'A1', 100, $2, $3, false, '"reported"', $4, $4, 'in-progress')`,
        [CAMPAIGN_ID, task.name, LEAD, task.deadline],
      );
      const first = await projectCampaignTask(input);
      const again = await projectCampaignTask(input);
      expect(first.notificationIds).toHaveLength(1); // the command center's one person
      expect(again).toEqual(first);
      const count = async (sql: string, params: unknown[]) =>
        (await dataSource.query<Array<{ n: number }>>(sql, params))[0].n;
      expect(
        await count(
          `SELECT count(*)::int AS n FROM campaign_task_event WHERE campaign_id = $1 AND task_key = 'A1'`,
          [CAMPAIGN_ID],
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM campaign_change WHERE campaign_id = $1 AND task_key = 'A1'`,
          [CAMPAIGN_ID],
        ),
      ).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM audit_entry WHERE subject = $1`, [
          `campaign-task:${CAMPAIGN_ID}:A1`,
        ]),
      ).toBe(1);
      const [row] = await dataSource.query<Array<{ status: string; version: number }>>(
        `SELECT status, version FROM campaign_task WHERE campaign_id = $1 AND key = 'A1'`,
        [CAMPAIGN_ID],
      );
      expect(row).toEqual({ status: 'submitted', version: 2 });
    });

    it('issues a pledge escalation to the units still missing, once', async () => {
      const { issueCampaignEscalation } = createCampaignTaskActivities(dataSource);
      const input = {
        campaignId: CAMPAIGN_ID,
        subject: 'pledge',
        units: [LEAD, COOPERATING],
        step: LADDER[1],
        arming: 0,
        title: '责任状未签订',
      };
      const first = await issueCampaignEscalation(input);
      const again = await issueCampaignEscalation(input);
      expect(again.notificationIds.sort()).toEqual(first.notificationIds.sort());
      const recipients = await dataSource.query<Array<{ recipient_id: string }>>(
        `SELECT recipient_id FROM notification WHERE id = ANY($1) ORDER BY recipient_id`,
        [first.notificationIds],
      );
      expect(recipients.map((r) => r.recipient_id)).toEqual(
        [people.lead, people.cooperating, people.command].sort(),
      );
      const rows = await dataSource.query<EscalationRow[]>(
        `SELECT level, arming, kind, unit, issued_at FROM campaign_escalation WHERE campaign_id = $1 AND subject = 'pledge'`,
        [CAMPAIGN_ID],
      );
      expect(rows).toEqual([
        expect.objectContaining({ level: 2, arming: 0, kind: 'yellow-warning', unit: 'fpb,zjj' }),
      ]);
      const feed = await dataSource.query<ChangeRow[]>(
        `SELECT kind, dedupe_key, payload FROM campaign_change WHERE campaign_id = $1 AND dedupe_key LIKE 'escalation:pledge:%'`,
        [CAMPAIGN_ID],
      );
      expect(feed).toEqual([
        expect.objectContaining({
          kind: 'escalation',
          payload: expect.objectContaining({ units: [LEAD, COOPERATING] }),
        }),
      ]);
    });
  });
});
