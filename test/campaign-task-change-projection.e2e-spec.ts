/**
 * A campaign task's step projection carries what the step changed, not the task's whole state: on
 * the real Postgres the read model applies each change to the state of the version before, so the
 * row, its timeline, audit entries, change feed and notifications end equal to a task projected
 * from whole states; a change that arrives early waits (is retried) for the version it applies to,
 * and a late or repeated one changes nothing and doubles nothing.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import {
  createCampaignTaskActivities,
  type CampaignTaskChangeProjection,
} from '../activities/campaign/campaign-task.activities';
import { CampaignProjectionQueries } from '../libs/database/src/campaign/campaign-projection.queries';
import type { ResolvedPlan, ResolvedTask } from '../libs/domain/src/campaign/campaign-plan';
import type { TaskCommand, TaskEvent, TaskState } from '../libs/domain/src/campaign/campaign-task';
import { decideTask, newTaskState, pauseTask, resumeTask } from '../libs/domain/src/campaign/task-process';
import type { Actor } from '../libs/domain/src/process/actor';
import { stateChange } from '../libs/domain/src/process/state-change';
import { insertDraftCampaign } from './queries/draft-campaign';
import { openQueryDatabase, type QueryDatabase } from './support/query-database';

const TASK: ResolvedTask = {
  key: 'T1',
  parentKey: null,
  order: 1,
  name: '危房改造竣工验收',
  lead: 'zjj',
  cooperating: [],
  deadline: '2099-03-31T15:59:59.999Z',
  target: { quantity: 120, unit: '户' },
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
};
const officer: Actor = { id: 'user:zjj1', name: '住建局经办', unit: 'zjj', roles: ['department'] };
const commander: Actor = { id: 'user:c1', name: '指挥部老陈', unit: 'county', roles: ['command-center'] };

/** The task's states and events through a report, a pause, a resume, a submission, a return and an extension. */
function steps(): { states: TaskState[]; events: TaskEvent[]; actors: Actor[] } {
  const states = [newTaskState(TASK)];
  const events: TaskEvent[] = [];
  const actors: Actor[] = [];
  const at = (i: number) => `2099-01-${String(i + 10)}T02:00:00.000Z`;
  const decided = (command: TaskCommand, actor: Actor, i: number) => {
    const decision = decideTask(states.at(-1)!, command, actor, at(i));
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    return decision;
  };
  const plan: Array<(i: number) => { state: TaskState; event: TaskEvent; actor: Actor }> = [
    (i) => ({
      ...decided(
        { type: 'report-progress', quantityDone: 40, narrative: '已竣工 40 户', evidenceIds: [] },
        officer,
        i,
      ),
      actor: officer,
    }),
    (i) => ({ ...pauseTask(states.at(-1)!, commander, '汛期停工', at(i)), actor: commander }),
    (i) => ({ ...resumeTask(states.at(-1)!, commander, '汛期结束', at(i)), actor: commander }),
    (i) => ({
      ...decided({ type: 'submit', note: '已全部竣工', evidenceIds: [] }, officer, i),
      actor: officer,
    }),
    (i) => ({ ...decided({ type: 'return', reason: '验收资料不全' }, commander, i), actor: commander }),
    (i) => ({
      ...decided({ type: 'extend', deadline: '2099-04-30T15:59:59.999Z', reason: '补齐资料' }, commander, i),
      actor: commander,
    }),
  ];
  plan.forEach((step, i) => {
    const next = step(i);
    states.push(next.state);
    events.push(next.event);
    actors.push(next.actor);
  });
  return { states, events, actors };
}

describe('campaign task projection of changes (real Postgres)', () => {
  let db: QueryDatabase;
  let activities: ReturnType<typeof createCampaignTaskActivities>;
  const { states, events, actors } = steps();

  beforeAll(async () => {
    db = await openQueryDatabase();
    await db.dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
         ('county', '示范县', 'county', NULL, 'county'),
         ('zjj', '县住建局', 'department', 'county', 'county.zjj')`,
    );
    await db.dataSource.query(
      `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES
         ('zjj1', '住建局经办', 'zjj', '{department}'), ('c1', '指挥部老陈', 'county', '{command-center}')`,
    );
    activities = createCampaignTaskActivities(db.dataSource);
  });
  afterAll(() => db.close());

  /** A launched campaign whose read model holds T1 at version 0, as the campaign workflow inserts it. */
  const campaign = async (): Promise<string> => {
    const id = randomUUID();
    const plan = {
      name: '农村危房改造百日攻坚',
      window: { start: '2099-01-01T00:00:00.000Z', end: '2099-04-10T15:59:59.999Z' },
      goals: [],
      tasks: [TASK],
      cadence: {},
      ladder: [],
      pledgeWithin: 'P7D',
      paceMargin: 10,
    } as unknown as ResolvedPlan;
    await insertDraftCampaign(db.dataSource.manager, id, plan);
    await new CampaignProjectionQueries(db.dataSource.manager).insertTasks(id, [TASK]);
    return id;
  };
  const launch = (campaignId: string) =>
    activities.projectCampaignTask({
      campaignId,
      state: states[0],
      actor: commander,
      event: {
        type: 'launch',
        at: '2099-01-02T00:00:00.000Z',
        actor: commander,
        summary: `下达任务：${TASK.name}`,
        reason: null,
        data: {},
      },
    });
  const changeOf = (campaignId: string, i: number): CampaignTaskChangeProjection => ({
    campaignId,
    taskKey: TASK.key,
    change: stateChange(states[i], states[i + 1]),
    event: events[i],
    actor: actors[i],
  });
  const rows = async (sql: string, campaignId: string) => {
    const found = await db.dataSource.query<Array<Record<string, unknown>>>(sql, [campaignId]);
    // what differs between two campaigns of the same plan and history: their ids and times
    for (const row of found)
      for (const column of [
        'id',
        'campaign_id',
        'workflow_id',
        'subject',
        'dedupe_key',
        'created_at',
        'updated_at',
      ])
        delete row[column];
    return found;
  };
  const taskRow = (campaignId: string) =>
    rows(`SELECT * FROM campaign_task WHERE campaign_id = $1`, campaignId);
  const timeline = (campaignId: string) =>
    rows(`SELECT * FROM campaign_task_event WHERE campaign_id = $1 ORDER BY version`, campaignId);
  const count = async (sql: string, campaignId: string) =>
    Number((await db.dataSource.query<Array<{ n: string }>>(sql, [campaignId]))[0].n);
  const audits = (campaignId: string) =>
    count(
      `SELECT count(*) AS n FROM audit_entry WHERE subject = 'campaign-task:' || $1 || ':T1'`,
      campaignId,
    );
  const notifications = (campaignId: string) =>
    count(
      `SELECT count(*) AS n FROM notification WHERE subject = 'campaign-task:' || $1 || ':T1'`,
      campaignId,
    );

  it('ends equal to a task projected from whole states: row, timeline, audit and notifications', async () => {
    const byChange = await campaign();
    const byState = await campaign();
    await launch(byChange);
    await launch(byState);
    for (let i = 0; i < events.length; i++) {
      await activities.projectCampaignTask(changeOf(byChange, i));
      await activities.projectCampaignTask({
        campaignId: byState,
        state: states[i + 1],
        event: events[i],
        actor: actors[i],
      });
    }
    const [row] = await taskRow(byChange);
    expect(row).toMatchObject({
      version: states.length,
      status: 'in-progress',
      quantity_done: '40',
      return_count: 1,
      deadline: new Date('2099-04-30T15:59:59.999Z'),
    });
    expect(Number(row.paused_ms)).toBe(states.at(-1)!.pausedMs);
    expect(row.state).toEqual(states.at(-1));
    expect(await taskRow(byChange)).toEqual(await taskRow(byState));
    expect(await timeline(byChange)).toEqual(await timeline(byState));
    expect(await audits(byChange)).toBe(states.length);
    expect(await notifications(byChange)).toBe(await notifications(byState));
    expect(await notifications(byChange)).toBeGreaterThan(0);
  });

  it('retries a change that arrives before the version it applies to, and skips one that comes late', async () => {
    const campaignId = await campaign();
    const early = activities.projectCampaignTask(changeOf(campaignId, 0));
    await expect(early).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(early).rejects.toMatchObject({ type: 'ProjectionAhead', nonRetryable: false });
    await launch(campaignId);
    await expect(activities.projectCampaignTask(changeOf(campaignId, 1))).rejects.toMatchObject({
      type: 'ProjectionAhead',
    });
    expect((await taskRow(campaignId))[0]).toMatchObject({ version: 1, quantity_done: null });

    await activities.projectCampaignTask(changeOf(campaignId, 0));
    await activities.projectCampaignTask(changeOf(campaignId, 1));
    expect((await taskRow(campaignId))[0]).toMatchObject({ version: 3, quantity_done: '40' });
    expect((await taskRow(campaignId))[0].state).toEqual(states[2]);

    // the report's projection retried after the pause was stored: nothing changes, nothing doubles
    await activities.projectCampaignTask(changeOf(campaignId, 0));
    expect((await taskRow(campaignId))[0].state).toEqual(states[2]);
    expect(await timeline(campaignId)).toHaveLength(3);
    expect(await audits(campaignId)).toBe(3);
  });

  it('hands a retried step the notifications still to deliver, without notifying twice', async () => {
    const campaignId = await campaign();
    await launch(campaignId);
    for (let i = 0; i < 4; i++) await activities.projectCampaignTask(changeOf(campaignId, i));
    // the submission (step 4) tells the command center
    const submitted = await notifications(campaignId);
    expect(submitted).toBe(1);
    const again = await activities.projectCampaignTask(changeOf(campaignId, 3));
    expect(again.notificationIds).toHaveLength(1);
    expect(await notifications(campaignId)).toBe(submitted);
  });
});
