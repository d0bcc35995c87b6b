import { fixturePlan } from './support/campaign-fixture';
import { eventually } from './support/eventually';
import { addOverdueItem, addSummonedCampaign, addSummonedItem } from './support/leader-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

interface QueueEntry {
  kind: string;
  kindLabel: string;
  subject: string;
  objectId: string;
  taskKey: string;
  title: string;
  context: string;
  unit: string;
  unitName: string;
  level: number;
  levelLabel: string;
  since: string;
  decisionPath: string;
}

describe('the leader’s queue and a leader’s decision on a campaign task, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let campaign: string;
  let item: string;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    campaign = await addSummonedCampaign(system, f, fixturePlan());
    ({ item } = await addSummonedItem(system, f));
  });
  afterAll(async () => {
    await system?.close();
  });

  const queue = async () =>
    (await system.http().get('/api/leader-queue').set('Authorization', f.auth.leader).expect(200))
      .body as QueueEntry[];
  const decide = (person: keyof OrgFixture['auth'], key: string, body: object) =>
    system
      .http()
      .post(`/api/campaigns/${campaign}/tasks/${key}/leader-decision`)
      .set('Authorization', f.auth[person])
      .send(body);

  it('lists every item and task awaiting a leader: kind, object, unit, level, since when, where to decide', async () => {
    const entries = await queue();
    expect(entries).toHaveLength(3);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'campaign-task',
          kindLabel: '攻坚任务',
          subject: `campaign-task:${campaign}:TA`,
          objectId: campaign,
          taskKey: 'TA',
          title: 'TA 甲镇危房改造',
          context: '示范县百日攻坚行动',
          unit: 'tA',
          level: 5,
          levelLabel: '约谈',
          decisionPath: `/api/campaigns/${campaign}/tasks/TA/leader-decision`,
        }),
        expect.objectContaining({ kind: 'campaign-task', taskKey: 'TB', unit: 'tB', levelLabel: '约谈' }),
        expect.objectContaining({
          kind: 'rectification',
          kindLabel: '整改问题',
          subject: `rectification:${item}`,
          title: '第1号 危房改造补助资金未按时拨付',
          context: '约谈演示台账',
          unit: 'tA',
          level: 5,
          levelLabel: '约谈',
          decisionPath: `/api/rectifications/${item}/leader-decision`,
        }),
      ]),
    );
    for (const entry of entries) expect(Number.isNaN(Date.parse(entry.since))).toBe(false);
    // oldest first
    expect(entries.map((e) => e.since)).toEqual([...entries.map((e) => e.since)].sort());
  });

  it('is for leadership only', async () => {
    for (const person of ['deptA', 'command', 'inspector'] as const)
      await system.http().get('/api/leader-queue').set('Authorization', f.auth[person]).expect(403);
  });

  it('refuses a department’s decision, a level that awaits nothing and an empty decision, changing nothing', async () => {
    await decide('deptA', 'TA', { level: 5, decision: '约谈甲镇镇长' }).expect(403);
    await decide('command', 'TA', { level: 5, decision: '约谈甲镇镇长' }).expect(403);
    const nothing = await decide('leader', 'TA', { level: 4, decision: '约谈甲镇镇长' }).expect(409);
    expect(nothing.body).toMatchObject({
      code: 'NOTHING_TO_DECIDE',
      message: '该级督办无需或已记录领导决定',
    });
    const empty = await decide('leader', 'TA', { level: 5, decision: '' }).expect(400);
    expect(empty.body.details).toEqual([expect.objectContaining({ field: 'decision' })]);
    const task = await system
      .http()
      .get(`/api/campaigns/${campaign}/tasks/TA`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    expect(task.body.awaitingLeader).toEqual([5]);
    expect((await queue()).map((e) => e.subject)).toContain(`campaign-task:${campaign}:TA`);
  });

  it('records a leader’s decision on the task’s timeline and notice, and takes it off the queue', async () => {
    const decided = await decide('leader', 'TA', { level: 5, decision: '约谈甲镇镇长，限期两周完成' }).expect(
      200,
    );
    expect(decided.body.awaitingLeader).toEqual([]);
    expect(decided.body.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'leader-decision',
          actorName: '县领导（leader）',
          summary: '记录领导决定：约谈甲镇镇长，限期两周完成',
        }),
      ]),
    );
    expect(decided.body.escalations).toEqual([
      expect.objectContaining({
        level: 5,
        label: '约谈',
        leaderDecision: '约谈甲镇镇长，限期两周完成',
        decidedBy: '县领导（leader）',
      }),
    ]);
    const subjects = (await queue()).map((e) => e.subject);
    expect(subjects).not.toContain(`campaign-task:${campaign}:TA`);
    expect(subjects).toContain(`campaign-task:${campaign}:TB`);
    // decided once: a second decision on the same level is refused
    const again = await decide('leader', 'TA', { level: 5, decision: '再次约谈' }).expect(409);
    expect(again.body.code).toBe('NOTHING_TO_DECIDE');
  });

  it('takes an item off the queue once a leader decides it', async () => {
    await system
      .http()
      .post(`/api/rectifications/${item}/leader-decision`)
      .set('Authorization', f.auth.leader)
      .send({ level: 5, decision: '约谈责任人' })
      .expect(200);
    expect((await queue()).map((e) => e.subject)).toEqual([`campaign-task:${campaign}:TB`]);
  });
});

describe('a ledger’s overview', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let ledger: string;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    ({ ledger } = await addSummonedItem(system, f));
  });
  afterAll(async () => {
    await system?.close();
  });

  it('counts the items by status, unit and level for leadership, and lists none overdue when none is', async () => {
    const overview = await system
      .http()
      .get(`/api/ledgers/${ledger}/overview`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    expect(overview.body).toMatchObject({
      ledgerId: ledger,
      name: '约谈演示台账',
      total: 1,
      closed: 0,
      overdue: 0,
      byStatus: [{ key: 'rectifying', label: '整改中', total: 1, overdue: 0 }],
      byUnit: [{ key: 'tA', total: 1, overdue: 0 }],
      byLevel: [{ key: '5', label: '约谈', total: 1, overdue: 0 }],
      overdueItems: [],
    });
  });

  it('lists an overdue item with its deadline as written, days overdue, unit, person and level', async () => {
    const item = await addOverdueItem(system, f, ledger);
    const overview = await eventually(
      async () =>
        (await system.http().get(`/api/ledgers/${ledger}/overview`).set('Authorization', f.auth.leader))
          .body as { overdue: number; overdueItems: Array<Record<string, unknown>> },
      // overdue after a second; summoned at once (its ladder's step falls due before registration)
      (body) => body.overdue === 1 && body.overdueItems[0]?.escalationLevel === 5,
      'the item to fall overdue, summoned',
    );
    expect(overview.overdueItems).toEqual([
      expect.objectContaining({
        id: item.id,
        number: 2,
        problem: '饮水安全工程未完工',
        statusLabel: '整改中',
        fullDeadline: item.fullDeadline,
        fullDeadlineDate: null,
        daysOverdue: 1,
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        escalationLevel: 5,
        escalationLabel: '约谈',
      }),
    ]);
    expect(overview.overdueItems[0]).toMatchObject({
      responsiblePersonName: '甲镇干部',
      responsibleUnitName: '甲镇',
    });
  });

  it('shows a department of another unit none of the items, and answers 404 for a ledger that does not exist', async () => {
    const other = await system
      .http()
      .get(`/api/ledgers/${ledger}/overview`)
      .set('Authorization', f.auth.deptB)
      .expect(200);
    expect(other.body).toMatchObject({ total: 0, overdue: 0, byStatus: [], byUnit: [], overdueItems: [] });
    await system
      .http()
      .get('/api/ledgers/00000000-0000-4000-8000-000000000000/overview')
      .set('Authorization', f.auth.leader)
      .expect(404);
  });
});
