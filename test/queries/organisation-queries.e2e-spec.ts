import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LeaderQueueQueries } from '../../libs/database/src/organisation/leader-queue.queries';
import { UnitTaskQueries } from '../../libs/database/src/organisation/unit-tasks.queries';
import { UnitQueries } from '../../libs/database/src/organisation/unit.queries';
import { Unit } from '../../libs/database/src/organisation/unit.entity';
import type { UnitKind } from '../../libs/domain/src/organisation/unit-tree';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { addPerson, addUnits } from './identity-fixtures';

const LADDER = [{ level: 5, label: '约谈' }];

async function addLedger(db: EntityManager, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO ledger (id, name, source, ladder, bulletin_every, bulletin_first_at, created_by)
     VALUES ($1, $2, '审计', $3, 'P7D', now(), 'test')`,
    [id, name, JSON.stringify(LADDER)],
  );
  return id;
}

interface ItemSeed {
  ledgerId: string;
  number: number;
  unit: string;
  status: string;
  person: string;
  awaitingLeader?: number[];
}

async function addItem(db: EntityManager, seed: ItemSeed): Promise<string> {
  const id = randomUUID();
  const deadline = '2026-03-31T09:30:00.000Z';
  const state = { status: seed.status, deadlines: { basic: deadline, full: deadline } };
  await db.query(
    `INSERT INTO rectification_item (id, ledger_id, number, problem, source, category, analysis, measures,
       responsible_unit, responsible_unit_path, responsible_person_id, verifier_id, workflow_id, status,
       basic_deadline, full_deadline, original_basic_deadline, original_full_deadline, escalation_level,
       awaiting_leader, state, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, '审计', '资金管理', '分析', '[]', $5, '/x/', $6, $6, $7, $8, $9, $9, $9, $9, 2, $10,
       $11, 1, now(), now())`,
    [
      id,
      seed.ledgerId,
      seed.number,
      `问题${seed.number}`,
      seed.unit,
      seed.person,
      `rectification:${id}`,
      seed.status,
      deadline,
      seed.awaitingLeader ?? [],
      JSON.stringify(state),
    ],
  );
  return id;
}

async function addCampaign(db: EntityManager, name: string, status: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO campaign (id, name, status, plan_version, window_start, window_end, workflow_id, created_by)
     VALUES ($1, $2, $3, 1, '2026-01-01', '2026-06-30', $4, 'test')`,
    [id, name, status, `campaign:${id}`],
  );
  await db.query(
    `INSERT INTO campaign_plan_version (campaign_id, version, document, resolved, created_by)
     VALUES ($1, 1, '{}', $2, 'test')`,
    [id, JSON.stringify({ ladder: LADDER })],
  );
  return id;
}

interface TaskSeed {
  campaignId: string;
  key: string;
  lead: string;
  cooperating?: string[];
  status?: string;
  isGroup?: boolean;
  closed?: boolean;
  awaitingLeader?: number[];
}

async function addTask(db: EntityManager, seed: TaskSeed): Promise<void> {
  await db.query(
    `INSERT INTO campaign_task (campaign_id, key, ord, name, lead_unit, cooperating_units, is_group, measure,
       deadline, original_deadline, status, closed_at, paused_ms, escalation_level, awaiting_leader, state)
     VALUES ($1, $2, 1, $3, $4, $5, $6, '"reported"', '2026-04-30T09:30:00Z', '2026-04-30T09:30:00Z', $7,
       $8, 3600000, 1, $9, '{"paused": null}')`,
    [
      seed.campaignId,
      seed.key,
      `任务${seed.key}`,
      seed.lead,
      seed.cooperating ?? [],
      seed.isGroup ?? false,
      seed.status ?? 'in-progress',
      seed.closed ? new Date() : null,
      seed.awaitingLeader ?? [],
    ],
  );
}

describe('organisation query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let units: UnitQueries;
  let unitTasks: UnitTaskQueries;
  let leaderQueue: LeaderQueueQueries;
  let person: string;

  beforeAll(async () => {
    db = await openQueryDatabase();
    const manager = db.dataSource.manager;
    units = new UnitQueries(manager);
    unitTasks = new UnitTaskQueries(manager);
    leaderQueue = new LeaderQueueQueries(manager);
    await addUnits(manager, [
      ['county', 'county', null],
      ['zjj', 'bureau', 'county'],
      ['town_a', 'township', 'county'],
      ['vil_a1', 'village', 'town_a'],
      ['vil_a2', 'village', 'town_a'],
      ['town_b', 'township', 'county'],
    ]);
    person = await addPerson(manager, 'worker', 'zjj');
  });
  afterAll(() => db.close());

  describe('UnitQueries', () => {
    it('lists the tree in path order, by parent, kind or subtree', async () => {
      const codes = async (filter: Parameters<UnitQueries['list']>[0]) =>
        (await units.list(filter)).map((u) => u.code);
      expect(await codes({})).toEqual(['county', 'town_a', 'vil_a1', 'vil_a2', 'town_b', 'zjj']);
      expect(await codes({ parent: 'town_a' })).toEqual(['vil_a1', 'vil_a2']);
      expect(await codes({ kind: 'township' })).toEqual(['town_a', 'town_b']);
      expect(await codes({ withinPath: '/county/town_a/' })).toEqual(['town_a', 'vil_a1', 'vil_a2']);
      expect(await codes({ withinPath: '/county/town_a/', kind: 'village', parent: 'town_a' })).toEqual([
        'vil_a1',
        'vil_a2',
      ]);
    });

    it('reads a subtree through the path index', async () => {
      const plans = await db.plansOf(() => units.list({ withinPath: '/county/town_a/' }));
      expect(plans).toHaveLength(1);
      expect(sequentialScans(plans[0].nodes)).toEqual([]);
    });

    it('finds a unit by code, and every code with its name', async () => {
      const found = await units.byCode('vil_a1');
      expect(found).toBeInstanceOf(Unit);
      expect(found).toMatchObject({
        name: 'vil_a1单位',
        kind: 'village',
        parentCode: 'town_a',
        path: '/county/town_a/vil_a1/',
      });
      expect(found?.createdAt).toBeInstanceOf(Date);
      expect(await units.byCode('nowhere')).toBeNull();
      await expect(units.byCodeOrFail('nowhere')).rejects.toThrow();
      expect(await units.exists('town_b')).toBe(true);
      expect(await units.exists('nowhere')).toBe(false);
      const named = await units.codesAndNames();
      expect(named).toContainEqual({ code: 'zjj', name: 'zjj单位' });
      expect(named).toHaveLength(6);
      await db.dataSource.transaction(async (manager) => {
        expect((await new UnitQueries(manager).byCodeForUpdate('zjj'))?.kind).toBe('bureau');
      });
    });

    it('moves a subtree: the unit saved, everything below it re-pathed, nothing else', async () => {
      await addUnits(db.dataSource.manager, [
        ['mover', 'township', 'county'],
        ['mover_v', 'village', 'mover'],
        ['mover_vx', 'other', 'mover_v'],
      ]);
      const mover = (await units.byCode('mover'))!;
      await units.repathBelow('mover', mover.path, '/county/town_b/mover/');
      await units.save({ ...mover, parentCode: 'town_b', path: '/county/town_b/mover/' });
      expect((await units.list({ withinPath: '/county/town_b/' })).map((u) => u.path)).toEqual([
        '/county/town_b/',
        '/county/town_b/mover/',
        '/county/town_b/mover/mover_v/',
        '/county/town_b/mover/mover_v/mover_vx/',
      ]);
      expect((await units.byCode('town_a'))?.path).toBe('/county/town_a/');
    });
  });

  describe("UnitTaskQueries (a unit's to-do list)", () => {
    let mainCampaign: string;
    let programme: string;

    beforeAll(async () => {
      const manager = db.dataSource.manager;
      const ledger = await addLedger(manager, '审计整改台账');
      await addItem(manager, { ledgerId: ledger, number: 1, unit: 'zjj', status: 'rectifying', person });
      await addItem(manager, { ledgerId: ledger, number: 2, unit: 'zjj', status: 'submitted', person });
      await addItem(manager, { ledgerId: ledger, number: 3, unit: 'zjj', status: 'closed', person });
      await addItem(manager, { ledgerId: ledger, number: 4, unit: 'town_a', status: 'rectifying', person });

      mainCampaign = await addCampaign(manager, '春季攻坚', 'running');
      await addTask(manager, { campaignId: mainCampaign, key: 'T1', lead: 'zjj' });
      await addTask(manager, { campaignId: mainCampaign, key: 'T2', lead: 'town_a', cooperating: ['zjj'] });
      await addTask(manager, { campaignId: mainCampaign, key: 'T3', lead: 'zjj', status: 'accepted' });
      await addTask(manager, { campaignId: mainCampaign, key: 'G', lead: 'zjj', isGroup: true });
      await addTask(manager, { campaignId: mainCampaign, key: 'T4', lead: 'zjj', closed: true });
      await addTask(manager, { campaignId: mainCampaign, key: 'T5', lead: 'town_b' });
      const closedCampaign = await addCampaign(manager, '已结束', 'closed');
      await addTask(manager, { campaignId: closedCampaign, key: 'T1', lead: 'zjj' });

      programme = randomUUID();
      await manager.query(
        `INSERT INTO housing_programme (id, name, housing_bureau, stage_deadlines, notice_periods, stall_after,
           payment_due_after, timer_jitter, ladder, created_by)
         VALUES ($1, '危房改造', 'zjj', '{"approval-township": "2026-05-01T09:30:00Z"}', '{}', 'P30D', 'P15D',
           'PT0S', '[]', 'test')`,
        [programme],
      );
      const tally = (kind: string, key: string, path: string, township: string, households: number) =>
        manager.query(
          `INSERT INTO household_tally (programme_id, kind, key, village_path, township, households)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [programme, kind, key, path, township, households],
        );
      await tally('waiting-township', 'approval-township:2', '/county/town_a/vil_a1/', 'town_a', 3);
      await tally('waiting-township', 'approval-township:1', '/county/town_a/vil_a2/', 'town_a', 2);
      await tally('waiting-township', 'approval-township:1', '/county/town_b/vil_b1/', 'town_b', 7);
      await tally('waiting-village', 'approval-village:0', '/county/town_a/vil_a1/', 'town_a', 4);
      await tally('waiting-township', 'acceptance:0', '/county/town_a/vil_a2/', 'town_a', 0);
      await tally('waiting-bureau', 'approval-county:1', '/county/town_a/vil_a1/', 'town_a', 5);
      await tally('waiting-bureau', 'approval-county:0', '/county/town_b/vil_b1/', 'town_b', 6);
    });

    it('answers the campaign tasks a unit leads or cooperates on, open, of campaigns not closed', async () => {
      const tasks = await unitTasks.campaignTasksOf('zjj');
      expect(tasks.map((t) => t.key).sort()).toEqual(['T1', 'T2']);
      expect(tasks.find((t) => t.key === 'T2')).toMatchObject({
        campaign_id: mainCampaign,
        campaign_name: '春季攻坚',
        lead_unit: 'town_a',
        paused: null,
        escalation_level: 1,
        ladder: LADDER,
      });
      expect(Number(tasks[0].paused_ms)).toBe(3_600_000);
      // the ladder is sent on one task of the campaign and shared by the others
      expect(tasks.filter((t) => t.campaign_id === mainCampaign).map((t) => t.ladder)).toEqual(
        tasks.filter((t) => t.campaign_id === mainCampaign).map(() => LADDER),
      );
    });

    it('answers the open rectification items a unit is responsible for', async () => {
      const items = await unitTasks.openItemsOf('zjj');
      expect(items.map((i) => i.number).sort()).toEqual([1, 2]);
      expect(items[0]).toMatchObject({ ledger_name: '审计整改台账', ladder: LADDER, escalation_level: 2 });
      // both items of the ledger get its ladder, which the statement sends once
      expect(items.map((i) => i.ladder)).toEqual([LADDER, LADDER]);
    });

    it('counts the households waiting for a township, a village and a housing bureau, per programme and stage', async () => {
      const waiting = (code: string, path: string, kind: UnitKind) =>
        unitTasks.householdsWaitingFor({ code, path, kind });
      // each group with its programme's name, the stage's deadline (if the programme sets one) and ladder
      const group = (stage: string, households: number, level: number, role: string) => [
        {
          programme_id: programme,
          programme_name: '危房改造',
          stage,
          stage_deadline: stage === 'approval-township' ? '2026-05-01T09:30:00Z' : null,
          ladder: [],
          households,
          level,
          role,
        },
      ];
      expect(await waiting('town_a', '/county/town_a/', 'township')).toEqual(
        group('approval-township', 5, 2, 'local'),
      );
      expect(await waiting('vil_a1', '/county/town_a/vil_a1/', 'village')).toEqual(
        group('approval-village', 4, 0, 'local'),
      );
      expect(await waiting('zjj', '/county/zjj/', 'bureau')).toEqual(
        group('approval-county', 11, 1, 'bureau'),
      );
      expect(await waiting('town_b', '/county/town_b/', 'other')).toEqual([]);
    });

    it('reads the to-do list through indexes, not by scanning tasks, items or household tallies', async () => {
      const plans = await db.plansOf(async () => {
        await unitTasks.campaignTasksOf('zjj');
        await unitTasks.openItemsOf('zjj');
        await unitTasks.householdsWaitingFor({ code: 'town_a', path: '/county/town_a/', kind: 'township' });
        await unitTasks.householdsWaitingFor({ code: 'zjj', path: '/county/zjj/', kind: 'bureau' });
      });
      expect(plans).toHaveLength(4);
      for (const plan of plans) expect(sequentialScans(plan.nodes)).toEqual([]);
      // The households waiting for a unit come from the partial index of waiting tallies, not the whole table's key.
      for (const plan of plans.slice(2, 4)) {
        const tallyReads = plan.nodes.filter((n) => n['Relation Name'] === 'household_tally');
        expect(tallyReads.map((n) => n['Index Name'])).toEqual([
          'household_tally_waiting',
          'household_tally_waiting',
        ]);
      }
    });
  });

  describe("LeaderQueueQueries (the leaders' queue)", () => {
    let item: string;
    let campaign: string;

    beforeAll(async () => {
      const manager = db.dataSource.manager;
      const ledger = await addLedger(manager, '巡察整改台账');
      item = await addItem(manager, {
        ledgerId: ledger,
        number: 7,
        unit: 'zjj',
        status: 'rectifying',
        person,
        awaitingLeader: [5],
      });
      await addItem(manager, {
        ledgerId: ledger,
        number: 8,
        unit: 'zjj',
        status: 'closed',
        person,
        awaitingLeader: [5],
      });
      const notice = (arming: number, label: string, issuedAt: string) =>
        manager.query(
          `INSERT INTO escalation_notice (item_id, level, arming, kind, label, notice_kind, year, serial,
             leader_must_act, issued_at)
           VALUES ($1, 5, $2, 'summons', $3, '约谈通知', 2026, $2, true, $4)`,
          [item, arming, label, issuedAt],
        );
      await notice(1, '约谈（第一次）', '2026-03-02T02:00:00Z');
      await notice(2, '约谈（再次）', '2026-03-05T02:00:00Z');

      campaign = await addCampaign(manager, '夏季攻坚', 'running');
      await addTask(manager, { campaignId: campaign, key: 'Q1', lead: 'town_a', awaitingLeader: [4] });
      await addTask(manager, {
        campaignId: campaign,
        key: 'Q2',
        lead: 'town_a',
        awaitingLeader: [4],
        closed: true,
      });
      await manager.query(
        `INSERT INTO campaign_escalation (campaign_id, subject, level, arming, kind, label, notice_kind, unit,
           issued_at)
         VALUES ($1, 'task:Q1', 4, 1, 'accountability', '问责', '问责通知', 'town_a', '2026-03-03T02:00:00Z')`,
        [campaign],
      );
      await addTask(manager, { campaignId: campaign, key: 'Q3', lead: 'town_b', awaitingLeader: [5] });
    });

    it("answers every step awaiting a leader with its latest notice's label and time, oldest first", async () => {
      const rows = await leaderQueue.awaitingDecision();
      expect(rows.map((r) => [r.kind, r.task_key, r.level, r.label])).toEqual([
        ['campaign-task', 'Q1', 4, '问责'],
        ['rectification', '', 5, '约谈（再次）'],
        ['campaign-task', 'Q3', 5, null],
      ]);
      expect(rows[1]).toMatchObject({
        object_id: item,
        title: '第7号 问题7',
        context: '巡察整改台账',
        unit: 'zjj',
        unit_name: 'zjj单位',
        since: new Date('2026-03-05T02:00:00Z'),
      });
      expect(rows[0]).toMatchObject({ object_id: campaign, title: 'Q1 任务Q1', context: '夏季攻坚' });
      expect(rows[2].since).toBeNull();
    });

    it('reads the queue through the awaiting-leader indexes, not by scanning items or tasks', async () => {
      const plans = await db.plansOf(() => leaderQueue.awaitingDecision());
      expect(plans).toHaveLength(1);
      expect(sequentialScans(plans[0].nodes)).toEqual([]);
    });
  });
});
