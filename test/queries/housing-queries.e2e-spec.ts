import { randomUUID } from 'node:crypto';
import { seedHouseholds, type SeedProgramme } from '../../bench/dashboards-seed';
import type { Household } from '../../libs/database/src/housing/household.entity';
import { HouseholdQueries } from '../../libs/database/src/housing/households.queries';
import { HousingPlaceQueries } from '../../libs/database/src/housing/housing-places.queries';
import { HousingReportQueries } from '../../libs/database/src/housing/housing-report.queries';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import { UnitTaskQueries } from '../../libs/database/src/organisation/unit-tasks.queries';
import { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import type { HouseholdActor } from '../../libs/domain/src/housing/household-access';
import { cstDate, cstDayStart } from '../../libs/domain/src/time/china-time';
import {
  HOUSING_VILLAGES,
  insertHousingPlaces,
  insertProgramme,
  PROGRAMME_RULES,
} from '../support/housing-query-fixture';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';

const DAY = 86_400_000;
/** The moment the rows are seeded as of, and the queries asked at: never today's date. */
const NOW = new Date('2026-06-15T04:00:00Z');
const HOUSEHOLDS = 400;
/** The tables a dashboard must not read whole. */
const LARGE = ['household', 'household_event', 'household_tally'];

const bureau: HouseholdActor = { unitCode: 'zjj', unitPath: '/c/zjj/', roles: ['department'] };
const townshipA: HouseholdActor = { unitCode: 'tA', unitPath: '/c/tA/', roles: ['department'] };

/** The large tables a call's statements still read by a sequential scan. */
async function largeTablesScanned(db: QueryDatabase, work: () => Promise<unknown>): Promise<string[]> {
  const plans = await db.plansOf(work);
  expect(plans.length).toBeGreaterThan(0);
  return plans.flatMap((plan) => sequentialScans(plan.nodes)).filter((table) => LARGE.includes(table));
}

describe('housing query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let programme: HousingProgramme;
  let households: HouseholdQueries;
  let reports: HousingReportQueries;

  const count = async (sql: string, parameters: unknown[]) =>
    (
      await db.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM (${sql}) q`, parameters)
    )[0].n;

  beforeAll(async () => {
    db = await openQueryDatabase();
    households = new HouseholdQueries(db.dataSource.manager);
    reports = new HousingReportQueries(db.dataSource.manager);
    await insertHousingPlaces(db.dataSource);
    programme = await insertProgramme(db.dataSource, '查询测试项目');
    const seed: SeedProgramme = { id: programme.id, rules: PROGRAMME_RULES };
    await seedHouseholds(db.dataSource, seed, HOUSING_VILLAGES, 1, HOUSEHOLDS, NOW.getTime());
    await db.dataSource.query('ANALYZE');
  }, 120_000);
  afterAll(() => db?.close());

  describe('ProgrammeQueries', () => {
    it('finds a programme by id, lists the newest first, and fails on an unknown id when asked to', async () => {
      const programmes = new ProgrammeQueries(db.dataSource.manager);
      const second = randomUUID();
      const rules: Partial<HousingProgramme> = { ...programme };
      delete rules.createdAt; // written by the database: the second one is newer
      await programmes.insert({ ...(rules as HousingProgramme), id: second, name: '第二个项目' });
      const all = await programmes.all();
      expect(all.map((p) => p.id)).toEqual([second, programme.id]);
      // Read by plain SQL, the programme is the entity TypeORM reads: every column, typed alike.
      const byId = await programmes.byId(programme.id);
      expect(byId).toBeInstanceOf(HousingProgramme);
      expect(byId).toEqual(
        await db.dataSource.getRepository(HousingProgramme).findOneBy({ id: programme.id }),
      );
      expect(byId?.createdAt).toBeInstanceOf(Date);
      expect(byId?.stageDeadlines).toEqual(programme.stageDeadlines);
      expect(await programmes.byId(randomUUID())).toBeNull();
      await expect(programmes.byIdOrFail(randomUUID())).rejects.toThrow();
    });
  });

  describe('HousingPlaceQueries', () => {
    it('answers a unit, the townships and villages, and names by code', async () => {
      const places = new HousingPlaceQueries(db.dataSource.manager);
      expect((await places.unit('zjj'))?.kind).toBe('bureau');
      expect(await places.unit('nope')).toBeNull();
      expect((await places.townshipsAndVillages()).map((u) => u.code).sort()).toEqual([
        'tA',
        'tB',
        'vA1',
        'vA2',
        'vB1',
      ]);
      expect(await places.namesOf(['tA', 'vB1', 'nope'])).toEqual(
        new Map([
          ['tA', '甲镇'],
          ['vB1', '乙一村'],
        ]),
      );
    });
  });

  describe('HouseholdQueries.page (the household list)', () => {
    const page = (filter: object, actor = bureau, extra: object = {}) =>
      households.page(programme, { page: 1, pageSize: 1000, ...filter, ...extra }, actor, NOW);

    it('narrows to the filter and to what the actor reads, with the total of the filter', async () => {
      const all = await page({});
      expect(all.total).toBe(HOUSEHOLDS);
      const own = await page({}, townshipA);
      expect(own.total).toBe(
        await count(`SELECT 1 FROM household WHERE programme_id = $1 AND township = 'tA'`, [programme.id]),
      );
      expect(own.rows.every((h) => h.township === 'tA')).toBe(true);
      // a township's filter never reaches another's households
      expect((await page({ township: 'tB' }, townshipA)).total).toBe(0);

      const construction = await page({ stage: 'construction', village: 'vA2' });
      expect(construction.total).toBeGreaterThan(0);
      expect(construction.rows.every((h) => h.stage === 'construction' && h.village === 'vA2')).toBe(true);

      // the appraisal deadline has passed at NOW, the construction one has not
      const overdue = await page({ overdue: true });
      expect(new Set(overdue.rows.map((h) => h.stage))).toEqual(new Set(['appraisal']));
      expect((await page({ overdue: false })).total).toBe(HOUSEHOLDS - overdue.total);

      const threshold = new Date(NOW.getTime() - 30 * DAY);
      const stalled = await page({ stalled: true });
      expect(stalled.total).toBe(
        await count(
          `SELECT 1 FROM household WHERE programme_id = $1 AND stage NOT IN ('moved-in', 'withdrawn')
             AND last_progress_at < $2`,
          [programme.id, threshold],
        ),
      );
      expect(stalled.rows.every((h) => h.lastProgressAt < threshold)).toBe(true);
    });

    it('orders by the sort asked for, ties by household number, and pages without overlap', async () => {
      const byProgress = await page({ sort: '-lastProgressAt' });
      const times = byProgress.rows.map((h) => h.lastProgressAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const byTownship = await page({});
      const keys = byTownship.rows.map((h) => `${h.township} ${h.householdNo}`);
      expect(keys).toEqual([...keys].sort());
      const first = await households.page(programme, { page: 1, pageSize: 150 }, bureau, NOW);
      const second = await households.page(programme, { page: 2, pageSize: 150 }, bureau, NOW);
      expect(first.rows).toHaveLength(150);
      expect(first.rows.map((h) => h.id)).toEqual(byTownship.rows.slice(0, 150).map((h) => h.id));
      expect(second.rows.map((h) => h.id)).toEqual(byTownship.rows.slice(150, 300).map((h) => h.id));
    });

    it.each([
      ['no filter', {}, bureau],
      ['a township’s own', {}, townshipA],
      ['stage and village', { stage: 'construction', village: 'vA1' }, bureau],
      ['township', { township: 'tB' }, bureau],
      ['overdue', { overdue: true }, bureau],
      ['stalled, by last progress', { stalled: true, sort: 'lastProgressAt' }, bureau],
    ])('reads the list (%s) through indexes', async (_name, filter, actor) => {
      expect(await largeTablesScanned(db, () => page(filter, actor, { pageSize: 20 }))).toEqual([]);
    });
  });

  describe('HouseholdQueries: one household and small sets', () => {
    let sample: Household[];
    beforeAll(async () => {
      sample = (await households.page(programme, { page: 1, pageSize: 3 }, bureau, NOW)).rows;
    });

    it('answers households by id, ids within a programme, their numbers and the numbers taken', async () => {
      const [a, b] = sample;
      expect((await households.byId(a.id))?.householdNo).toBe(a.householdNo);
      expect(await households.byId(randomUUID())).toBeNull();
      await expect(households.byIdOrFail(randomUUID())).rejects.toThrow();
      expect((await households.byIds([a.id, b.id])).map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
      const stranger = randomUUID();
      expect(await households.idsInProgramme(programme.id, [a.id, stranger])).toEqual(new Set([a.id]));
      expect(await households.idsInProgramme(randomUUID(), [a.id])).toEqual(new Set());
      expect(await households.numbersOf([a.id, b.id])).toEqual(
        new Map([
          [a.id, a.householdNo],
          [b.id, b.householdNo],
        ]),
      );
      expect(await households.numbersOf([])).toEqual(new Map());
      expect(await households.numbersTaken(programme.id, [a.householdNo, 'X-NEW'])).toEqual(
        new Set([a.householdNo]),
      );
    });

    it('selects households for a reconciliation pass by programme, by ids, or by recent change', async () => {
      const [a, b] = sample;
      const ofProgramme = await households.selected({ programmeId: programme.id });
      expect(ofProgramme).toHaveLength(HOUSEHOLDS);
      const numbers = ofProgramme.map((h) => h.householdNo);
      expect(numbers).toEqual([...numbers].sort());
      expect(
        (await households.selected({ programmeId: programme.id, householdIds: [b.id, a.id] })).map(
          (h) => h.id,
        ),
      ).toEqual([a, b].sort((x, y) => x.householdNo.localeCompare(y.householdNo)).map((h) => h.id));
      expect((await households.selected({ householdIds: [a.id] })).map((h) => h.id)).toEqual([a.id]);
      const since = new Date(NOW.getTime() - 3 * DAY);
      expect(await households.selected({ changedSince: since })).toHaveLength(
        await count(`SELECT 1 FROM household WHERE updated_at > $1`, [since]),
      );
    });

    it('answers a household’s timeline, evidence and last failed payment try', async () => {
      const [a] = sample;
      await db.dataSource.query(
        `INSERT INTO household_event (household_id, version, at, type, stage, actor_id, actor_name, summary, reason, data)
         VALUES ($1, 2, now(), 'approve', 'approval', 'u', '张三', '审批', NULL, '{}'),
                ($1, 1, now(), 'imported', 'appraisal', 'u', '张三', '导入', NULL, '{}')`,
        [a.id],
      );
      expect((await households.timelineOf(a.id)).map((e) => e.version)).toEqual([1, 2]);
      await db.dataSource.query(
        `INSERT INTO household_evidence (id, household_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
         VALUES ($1, $3, 'b.jpg', 'image/jpeg', 3, 'x', '\\x010203', '张三', now()),
                ($2, $3, 'a.jpg', 'image/jpeg', 3, 'x', '\\x010203', '张三', now() - interval '1 hour')`,
        [randomUUID(), randomUUID(), a.id],
      );
      const evidence = await households.evidenceOf(a.id);
      expect(evidence.map((f) => f.fileName)).toEqual(['a.jpg', 'b.jpg']);
      expect(evidence[0].content).toBeUndefined();
      expect(await households.evidenceFiles().countBy({ householdId: a.id })).toBe(2);
      expect(await households.paymentFailureOf(a.id)).toBeUndefined();
    });

    it('reads a household’s timeline through an index', async () => {
      expect(await largeTablesScanned(db, () => households.timelineOf(sample[0].id))).toEqual([]);
    });
  });

  describe('HousingReportQueries (programme progress, the monthly report)', () => {
    it('counts stages and escalation levels by township as the rows do', async () => {
      const tallies = await reports.progressTallies(programme.id, null, '2000-01-01');
      const stages = await db.dataSource.query<Array<{ township: string; stage: string; n: number }>>(
        `SELECT township, stage, count(*)::int AS n FROM household WHERE programme_id = $1 GROUP BY 1, 2`,
        [programme.id],
      );
      expect(
        tallies
          .filter((t) => t.kind === 'stage')
          .map((t) => `${t.township} ${t.key} ${t.households}`)
          .sort(),
      ).toEqual(stages.map((s) => `${s.township} ${s.stage} ${s.n}`).sort());
      expect(tallies.find((t) => t.township === 'tA')?.name).toBe('甲镇');
      const escalated = await count(
        `SELECT 1 FROM household WHERE programme_id = $1 AND escalation_level > 0`,
        [programme.id],
      );
      expect(tallies.filter((t) => t.kind === 'escalation').reduce((sum, t) => sum + t.households, 0)).toBe(
        escalated,
      );
      expect(escalated).toBeGreaterThan(0);
    });

    it('counts the stalled: whole days from the counters, the threshold’s own day from the rows', async () => {
      const threshold = new Date(NOW.getTime() - 30 * DAY);
      const day = cstDate(threshold);
      const tallies = await reports.progressTallies(programme.id, '/c/tA/%', day);
      const beforeDay = tallies
        .filter((t) => t.kind === 'progress-day')
        .reduce((sum, t) => sum + t.households, 0);
      const onDay = await reports.activeLastProgressedBetween(
        programme.id,
        cstDayStart(day),
        threshold,
        '/c/tA/%',
      );
      const active = `SELECT 1 FROM household WHERE programme_id = $1 AND township = 'tA'
                        AND stage NOT IN ('moved-in', 'withdrawn')`;
      expect(beforeDay).toBe(
        await count(`${active} AND last_progress_at < $2`, [programme.id, cstDayStart(day)]),
      );
      expect(beforeDay + onDay).toBe(
        await count(`${active} AND last_progress_at < $2`, [programme.id, threshold]),
      );
      expect(tallies.every((t) => t.township === 'tA')).toBe(true);
    });

    it('reports a month by township: started and completed in the month and to its end', async () => {
      const month = '2026-03';
      const rows = await reports.monthlyByTownship(programme.id, month, null);
      expect(rows.map((r) => r.township)).toEqual(['tA', 'tB']);
      const inMonth = (column: string) =>
        `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
      for (const row of rows) {
        const live = `SELECT 1 FROM household WHERE programme_id = $1 AND township = $2 AND withdrawn_at IS NULL`;
        const p = [programme.id, row.township, month];
        expect(row.households).toBe(await count(live, p.slice(0, 2)));
        expect(row.registeredPoor).toBe(await count(`${live} AND registered_poor`, p.slice(0, 2)));
        expect(row.startedInMonth).toBe(await count(`${live} AND ${inMonth('started_at')} = $3`, p));
        expect(row.startedCumulative).toBe(await count(`${live} AND ${inMonth('started_at')} <= $3`, p));
        expect(row.completedInMonth).toBe(await count(`${live} AND ${inMonth('completed_at')} = $3`, p));
        expect(row.completedCumulative).toBe(await count(`${live} AND ${inMonth('completed_at')} <= $3`, p));
      }
      expect(rows.some((r) => r.startedInMonth > 0)).toBe(true);
      const own = await reports.monthlyByTownship(programme.id, month, '/c/tB/%');
      expect(own).toEqual(rows.filter((r) => r.township === 'tB'));
    });

    it.each([
      ['the bureau', null],
      ['a township', '/c/tA/%'],
    ])('reads progress and the monthly report for %s through indexes', async (_name, within) => {
      const threshold = new Date(NOW.getTime() - 30 * DAY);
      const day = cstDate(threshold);
      expect(
        await largeTablesScanned(db, () =>
          Promise.all([
            reports.progressTallies(programme.id, within, day),
            reports.activeLastProgressedBetween(programme.id, cstDayStart(day), threshold, within),
            reports.monthlyByTownship(programme.id, '2026-03', within),
          ]),
        ),
      ).toEqual([]);
    });
  });

  describe('a township’s and the bureau’s to-do list (UnitTaskQueries.householdsWaitingFor, counted by household_tally)', () => {
    const waiting = (unit: { code: string; path: string; kind: 'township' | 'bureau' }) =>
      new UnitTaskQueries(db.dataSource.manager).householdsWaitingFor(unit);
    const sum = (rows: Array<{ households: number }>) => rows.reduce((total, r) => total + r.households, 0);

    it('counts what waits for a township and for the bureau as the rows say', async () => {
      const township = await waiting({ code: 'tA', path: '/c/tA/', kind: 'township' });
      expect(township.every((r) => r.role === 'local')).toBe(true);
      expect(sum(township)).toBe(
        await count(
          `SELECT 1 FROM household WHERE programme_id = $1 AND township = 'tA' AND (
             stage IN ('appraisal', 'construction-start', 'construction', 'move-in')
             OR (stage = 'approval' AND notice_ends_at IS NULL AND approval_level IN ('village', 'township'))
             OR (stage = 'acceptance' AND NOT 'tA' = ANY (acceptance_signed_units)))`,
          [programme.id],
        ),
      );
      const bureauRows = await waiting({ code: 'zjj', path: '/c/zjj/', kind: 'bureau' });
      expect(bureauRows.every((r) => r.role === 'bureau')).toBe(true);
      expect(sum(bureauRows)).toBe(
        await count(
          `SELECT 1 FROM household WHERE programme_id = $1 AND (
             (stage = 'approval' AND notice_ends_at IS NULL AND approval_level = 'county')
             OR (stage = 'acceptance' AND NOT 'zjj' = ANY (acceptance_signed_units)))`,
          [programme.id],
        ),
      );
      expect(sum(bureauRows)).toBeGreaterThan(0);
    });

    it('reports a level only while a household is at it, whatever slots its counter is spread over', async () => {
      const before = await waiting({ code: 'tA', path: '/c/tA/', kind: 'township' });
      const [row] = await db.dataSource.query<Array<{ key: string; village_path: string }>>(
        `SELECT key, village_path FROM household_tally
          WHERE programme_id = $1 AND kind = 'waiting-township' AND village_path LIKE '/c/tA/%'
          GROUP BY 1, 2 HAVING sum(households) > 0 LIMIT 1`,
        [programme.id],
      );
      const stage = row.key.split(':')[0];
      // one household at level 9 counted in slot 6 and taken away in slot 7: none is at level 9
      await db.dataSource.query(
        `INSERT INTO household_tally (programme_id, kind, key, village_path, slot, township, households)
         VALUES ($1, 'waiting-township', $2, $3, 6, 'tA', 1), ($1, 'waiting-township', $2, $3, 7, 'tA', -1)`,
        [programme.id, `${stage}:9`, row.village_path],
      );
      try {
        expect(await waiting({ code: 'tA', path: '/c/tA/', kind: 'township' })).toEqual(before);
      } finally {
        await db.dataSource.query(`DELETE FROM household_tally WHERE programme_id = $1 AND slot IN (6, 7)`, [
          programme.id,
        ]);
      }
    });

    it.each([
      ['a township', { code: 'tA', path: '/c/tA/', kind: 'township' as const }],
      ['the bureau', { code: 'zjj', path: '/c/zjj/', kind: 'bureau' as const }],
    ])('reads the to-do list of %s through indexes', async (_name, unit) => {
      expect(await largeTablesScanned(db, () => waiting(unit))).toEqual([]);
    });
  });
});
