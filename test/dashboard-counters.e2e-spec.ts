import { DataSource } from 'typeorm';
import {
  createHouseholdActivities,
  type HouseholdProjection,
} from '../activities/housing/household.activities';
import {
  seededHouseholdState,
  seedHouseholds,
  seedItems,
  type SeedProgramme,
} from '../bench/dashboards-seed';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { reconcileHouseholdCounters } from '../libs/database/src/housing/household-tally';
import type { QueryRunner } from 'typeorm';
import { DashboardReadModel1763900030000 } from '../libs/database/src/migrations/1763900030000-dashboard-read-model';
import { ShardedHouseholdCounters1763900120000 } from '../libs/database/src/migrations/1763900120000-sharded-household-counters';
import { readLedger } from '../libs/database/src/rectification/publish-bulletin';
import { aggregateBulletinItems, type BulletinItemRow } from '../libs/domain/src/rectification/bulletin';
import type { ItemState } from '../libs/domain/src/rectification/item-process';
import type { HouseholdState } from '../libs/domain/src/housing/household-process';
import { householdParties, type ProgrammeRules } from '../libs/domain/src/housing/programme-rules';
import { householdCsv } from './support/housing-fixture';
import { createOrgFixture, type OrgFixture } from './support/org-fixture';
import { startTestSystem, type TestSystem } from './support/test-system';

const DAY = 86_400_000;
// Seeded households of these numbers cover every stage: appraisal (escalated), approval at each
// level with and without notice, acceptance unsigned / signed by the township / by the bureau,
// payment, move-in, moved in, withdrawn.
const SAMPLES = [7, 11, 12, 14, 21, 40, 57, 58, 59, 66, 72, 80, 97];
// Columns that name the household rather than describe it, or the moment of writing.
const IDENTITY = [
  'id',
  'import_id',
  'household_no',
  'head_name',
  'workflow_id',
  'updated_at',
  'pipeline_started',
];

describe('dashboard counters and the benchmark seed', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  let dataSource: DataSource;
  let programme: SeedProgramme & { noticePeriods: ProgrammeRules['noticePeriods'] };
  const now = Date.parse('2026-06-15T04:00:00Z');
  const village = { code: 'vA1', township: 'tA', path: '' };

  const rowsOf = (ids: string[]) =>
    dataSource.query<Array<{ id: string; row: Record<string, unknown> }>>(
      `SELECT id, to_jsonb(h) - $2::text[] AS row FROM household h WHERE id = ANY($1)`,
      [ids, IDENTITY],
    );
  const tallies = () =>
    dataSource.query<Array<{ kind: string; key: string; village_path: string; households: number }>>(
      `SELECT kind, key, village_path, sum(households)::int AS households FROM household_tally
        WHERE programme_id = $1 GROUP BY 1, 2, 3 HAVING sum(households) <> 0 ORDER BY 1, 2, 3`,
      [programme.id],
    );
  const project = (id: string, no: string, state: HouseholdState) =>
    createHouseholdActivities(dataSource).projectHousehold(projection(id, no, state));
  function projection(id: string, no: string, state: HouseholdState): HouseholdProjection {
    const facts = {
      householdId: id,
      programmeId: programme.id,
      householdNo: no,
      headName: `户主${no}`,
      village: village.code,
      township: village.township,
      villagePath: village.path,
      registeredPoor: Number(no.slice(1)) % 10 !== 0,
      houseRating: 'D' as const,
      plannedSubsidyFen: 1_400_000,
      workflowId: `household:${programme.id}:${no}`,
    };
    return {
      facts,
      rules: {
        ...programme.rules,
        parties: householdParties({ ...programme.rules, noticePeriods: programme.noticePeriods }, facts),
      },
      state,
      event: {
        type: 'seeded',
        at: state.lastProgressAt,
        actor: { id: 'system:test', name: '测试', unit: null, roles: [] },
        summary: '测试投影',
        reason: null,
        data: {},
      },
    };
  }

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
    dataSource = await new DataSource(dataSourceOptions(system.databaseUrl)).initialize();
    [{ path: village.path }] = await dataSource.query<Array<{ path: string }>>(
      `SELECT path FROM unit WHERE code = 'vA1'`,
    );
    const created = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', fixture.auth.command)
      .send({
        name: '基准种子核对',
        housingBureau: 'zjj',
        stageDeadlines: { construction: '2026-09-30', acceptance: '2026-10-31' },
        stallAfter: 'P30D',
      })
      .expect(201);
    const view = created.body as SeedProgramme['rules'] & {
      id: string;
      noticePeriods: ProgrammeRules['noticePeriods'];
    };
    programme = { id: view.id, rules: view, noticePeriods: view.noticePeriods };
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await system?.close();
  });

  it('seeds a household row equal, column by column, to one imported and projected by the real activity', async () => {
    // imported through the API (the import's row), then projected to each sample's state
    await system
      .http()
      .post(`/api/housing/programmes/${programme.id}/imports`)
      .set('Authorization', fixture.auth.command)
      .attach(
        'file',
        householdCsv(SAMPLES.map((i) => [`P${i}`, 'vA1', 'tA', i % 10 !== 0])),
        'households.csv',
      )
      .expect(202);
    const imported = await dataSource.query<Array<{ id: string; household_no: string }>>(
      `SELECT id, household_no FROM household WHERE programme_id = $1`,
      [programme.id],
    );
    expect(imported).toHaveLength(SAMPLES.length);
    const projected = new Map<number, string>();
    for (const i of SAMPLES) {
      const row = imported.find((r) => r.household_no === `P${i}`)!;
      await project(row.id, row.household_no, seededHouseholdState(i, programme, village, now));
      projected.set(i, row.id);
    }
    for (const i of SAMPLES) await seedHouseholds(dataSource, programme, [village], i, 1, now);
    const seeded = await dataSource.query<Array<{ id: string; household_no: string }>>(
      `SELECT id, household_no FROM household WHERE programme_id = $1 AND household_no LIKE 'S%'`,
      [programme.id],
    );
    for (const i of SAMPLES) {
      const seededId = seeded.find((r) => r.household_no === `S${String(i).padStart(7, '0')}`)!.id;
      const rows = await rowsOf([projected.get(i)!, seededId]);
      const byId = new Map(rows.map((r) => [r.id, r.row]));
      expect({ sample: i, ...byId.get(seededId) }).toEqual({ sample: i, ...byId.get(projected.get(i)!) });
    }
    // both kinds of row counted alike: every counter equals its recomputation from the rows
    expect((await reconcileHouseholdCounters(dataSource.manager, programme.id)).drift).toEqual([]);
    const stages = await dataSource.query<Array<{ stage: string; households: number }>>(
      `SELECT key AS stage, sum(households)::int AS households FROM household_tally
        WHERE programme_id = $1 AND kind = 'stage' GROUP BY 1 HAVING sum(households) <> 0 ORDER BY 1`,
      [programme.id],
    );
    expect(stages.reduce((sum, s) => sum + s.households, 0)).toBe(2 * SAMPLES.length);
  }, 120_000);

  it('counts a repeated or stale projection once, and a new version exactly once', async () => {
    const [row] = await dataSource.query<Array<{ id: string; household_no: string; state: HouseholdState }>>(
      `SELECT id, household_no, state FROM household WHERE programme_id = $1 AND household_no = 'P40'`,
      [programme.id],
    );
    expect(row.state.stage).toBe('construction');
    const before = await tallies();
    // the same version again, and an older version (stage construction-start): nothing changes
    await project(row.id, row.household_no, row.state);
    await project(row.id, row.household_no, {
      ...row.state,
      stage: 'construction-start',
      startedAt: null,
      version: row.state.version - 1,
    });
    expect(await tallies()).toEqual(before);

    // the next version: completed, in acceptance, one day later
    const at = new Date(Date.parse(row.state.lastProgressAt) + DAY).toISOString();
    const next: HouseholdState = {
      ...row.state,
      stage: 'acceptance',
      stageEnteredAt: at,
      lastProgressAt: at,
      completedAt: at,
      version: row.state.version + 1,
    };
    await project(row.id, row.household_no, next);
    await project(row.id, row.household_no, next);
    const after = await tallies();
    const count = (list: typeof before, kind: string, key: string) =>
      list.filter((t) => t.kind === kind && t.key === key).reduce((sum, t) => sum + t.households, 0);
    expect(count(after, 'stage', 'construction')).toBe(count(before, 'stage', 'construction') - 1);
    expect(count(after, 'stage', 'acceptance')).toBe(count(before, 'stage', 'acceptance') + 1);
    const month = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 7);
    expect(count(after, 'completed', month)).toBe(count(before, 'completed', month) + 1);
    // now waiting for both acceptance signatures: the township's and the bureau's
    expect(
      count(after, 'waiting-bureau', `acceptance:${0}`) + count(after, 'waiting-bureau', 'acceptance:1'),
    ).toBe(
      count(before, 'waiting-bureau', 'acceptance:0') + count(before, 'waiting-bureau', 'acceptance:1') + 1,
    );
    expect((await reconcileHouseholdCounters(dataSource.manager, programme.id)).drift).toEqual([]);
  }, 60_000);

  it('lets two connections change households of one village at once, each counting into its own slot', async () => {
    const [a, b] = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM household WHERE programme_id = $1 AND village_path = (
         SELECT village_path FROM household WHERE programme_id = $1 GROUP BY 1 HAVING count(*) > 1 LIMIT 1)
        ORDER BY id LIMIT 2`,
      [programme.id],
    );
    // two connections whose counters fall in different slots (the backend's pid modulo 8)
    const runners = [];
    const bySlot = new Map<number, QueryRunner>();
    while (bySlot.size < 2) {
      const runner = dataSource.createQueryRunner();
      runners.push(runner);
      const [{ slot }] = (await runner.query(`SELECT household_counter_slot() AS slot`)) as Array<{
        slot: number;
      }>;
      if (!bySlot.has(slot)) bySlot.set(slot, runner);
    }
    const [first, second] = [...bySlot.values()];
    const step = (runner: QueryRunner, id: string) =>
      runner.query(`UPDATE household SET escalation_level = escalation_level + 1 WHERE id = $1`, [id]);
    try {
      await first.startTransaction();
      await step(first, a.id);
      // before the slots, this waited for the first transaction's village counters until it committed
      await second.startTransaction();
      await second.query(`SET LOCAL lock_timeout = '2s'`);
      await step(second, b.id);
      await second.commitTransaction();
      await first.commitTransaction();
    } finally {
      for (const runner of runners) await runner.release();
    }
    expect((await reconcileHouseholdCounters(dataSource.manager, programme.id)).drift).toEqual([]);
    await dataSource.query(
      `UPDATE household SET escalation_level = escalation_level - 1 WHERE id = ANY($1)`,
      [[a.id, b.id]],
    );
    expect((await reconcileHouseholdCounters(dataSource.manager, programme.id)).drift).toEqual([]);
  });

  it('finds a counter that drifted from the rows', async () => {
    // one more in a slot of its own: the counter is the sum of its slots
    await dataSource.query(
      `INSERT INTO household_tally (programme_id, kind, key, village_path, slot, township, households)
       SELECT programme_id, kind, key, village_path, 99, township, 1 FROM household_tally
        WHERE programme_id = $1 AND kind = 'stage' AND key = 'acceptance' LIMIT 1`,
      [programme.id],
    );
    const { drift } = await reconcileHouseholdCounters(dataSource.manager, programme.id);
    expect(drift).toEqual([
      expect.objectContaining({
        table: 'household_tally',
        counter: expect.stringContaining('stage acceptance'),
      }),
    ]);
    expect(drift[0].stored).toBe(drift[0].recomputed + 1);
    await dataSource.query(`DELETE FROM household_tally WHERE programme_id = $1 AND slot = 99`, [
      programme.id,
    ]);
  });

  it('backfills the signatures column and the counters of households written before the migration', async () => {
    const columns = () =>
      dataSource.query<Array<{ household_no: string; acceptance_signed_units: string[] }>>(
        `SELECT household_no, acceptance_signed_units FROM household WHERE programme_id = $1 ORDER BY 1`,
        [programme.id],
      );
    const [signed, counted] = [await columns(), await tallies()];
    expect(signed.some((h) => h.acceptance_signed_units.length > 0)).toBe(true);
    const runner = dataSource.createQueryRunner();
    try {
      // the counters' slots (a later migration) are summed away first and spread again after
      const [first, sharded] = [
        new DashboardReadModel1763900030000(),
        new ShardedHouseholdCounters1763900120000(),
      ];
      await sharded.down(runner);
      await first.down(runner);
      await first.up(runner);
      await sharded.up(runner);
    } finally {
      await runner.release();
    }
    expect(await columns()).toEqual(signed);
    expect(await tallies()).toEqual(counted);
    expect((await reconcileHouseholdCounters(dataSource.manager)).drift).toEqual([]);
  }, 60_000);

  it('seeds rectification items through the real projection activity', async () => {
    const ledger = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', fixture.auth.command)
      .send({ name: '种子台账', source: '测试' })
      .expect(201);
    const ledgerId = (ledger.body as { id: string }).id;
    await seedItems(
      dataSource,
      ledgerId,
      [{ code: 'tA', path: village.path.replace(/vA1\/?$/, ''), personId: fixture.ids.deptA }],
      fixture.ids.command,
      20,
      now,
    );
    const rows = await dataSource.query<Array<{ status: string; n: number }>>(
      `SELECT status, count(*)::int AS n FROM rectification_item WHERE ledger_id = $1 GROUP BY 1 ORDER BY 1`,
      [ledgerId],
    );
    expect(rows).toEqual([
      { status: 'basic-done', n: 3 },
      { status: 'closed', n: 5 },
      { status: 'rectifying', n: 10 },
      { status: 'submitted', n: 2 },
    ]);
    const list = await system
      .http()
      .get(`/api/rectifications?ledger=${ledgerId}&status=rectifying&pageSize=100`)
      .set('Authorization', fixture.auth.deptA)
      .expect(200);
    expect((list.body as { total: number }).total).toBe(10);

    // The bulletin's GROUP BY in the database says what the item rules say on the same rows.
    // registered on the seed's day (the projection dates the row by the clock)
    await dataSource.query(`UPDATE rectification_item SET created_at = $2 WHERE ledger_id = $1`, [
      ledgerId,
      new Date(now),
    ]);
    const asOf = new Date(now + 2 * DAY);
    const itemRows = await dataSource.query<Array<BulletinItemRow & { state: ItemState }>>(
      `SELECT id, number, problem, responsible_unit AS "responsibleUnit", responsible_person_id AS "responsiblePersonId",
              escalation_level AS "escalationLevel", reopen_count AS "reopenCount", repeat_of AS "repeatOf", state
         FROM rectification_item WHERE ledger_id = $1`,
      [ledgerId],
    );
    const fromRows = aggregateBulletinItems(itemRows, asOf, 2);
    const { aggregates } = await readLedger(dataSource.manager, ledgerId, asOf, 2);
    const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;
    expect(fromRows.units.length).toBeGreaterThan(0);
    expect(aggregates.units).toEqual(fromRows.units);
    expect(aggregates.overdue).toEqual(fromRows.overdue);
    expect(aggregates.overdue.length).toBeGreaterThan(0);
    expect([...aggregates.pastBasic].sort(byNumber)).toEqual([...fromRows.pastBasic].sort(byNumber));
    expect([...aggregates.criticised].sort(byNumber)).toEqual([...fromRows.criticised].sort(byNumber));
    expect(aggregates.criticised.length).toBeGreaterThan(0);
  }, 60_000);

  it("writes a step's timeline and audit entries once even when a later version was projected first", async () => {
    // A step's projection retried through a database outage while the projection of a timer that
    // fired meanwhile was not: the later version commits first.
    await system
      .http()
      .post(`/api/housing/programmes/${programme.id}/imports`)
      .set('Authorization', fixture.auth.command)
      .attach('file', householdCsv([['Q1', 'vA1', 'tA', true]]), 'households.csv')
      .expect(202);
    const [{ id }] = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM household WHERE programme_id = $1 AND household_no = 'Q1'`,
      [programme.id],
    );
    const state = seededHouseholdState(11, programme, village, now);
    await project(id, 'Q1', { ...state, version: 3 });
    await project(id, 'Q1', { ...state, version: 2, stage: 'appraisal' });
    await project(id, 'Q1', { ...state, version: 2, stage: 'appraisal' }); // a retry changes nothing
    const [row] = await dataSource.query<Array<{ version: number; stage: string }>>(
      `SELECT version, stage FROM household WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ version: 3, stage: state.stage });
    const timeline = await dataSource.query<Array<{ version: number }>>(
      `SELECT version FROM household_event WHERE household_id = $1 ORDER BY version`,
      [id],
    );
    expect(timeline.map((e) => e.version)).toEqual([2, 3]);
    const audited = await dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM audit_entry WHERE subject = $1`,
      [`household:${id}`],
    );
    expect(Number(audited[0].count)).toBe(2);
  }, 60_000);
});
