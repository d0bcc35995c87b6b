import { randomUUID } from 'node:crypto';
import { EvidenceFile } from '../../libs/database/src/rectification/evidence-file.entity';
import { BulletinQueries } from '../../libs/database/src/rectification/bulletin.queries';
import { ItemReferenceQueries } from '../../libs/database/src/rectification/item-references.queries';
import { LedgerOverviewQueries } from '../../libs/database/src/rectification/ledger-overview.queries';
import type { Ledger } from '../../libs/database/src/rectification/ledger.entity';
import { LedgerQueries } from '../../libs/database/src/rectification/ledger.queries';
import {
  RectificationItemQueries,
  type ResolvedItemFilter,
} from '../../libs/database/src/rectification/rectification-item.queries';
import { RectificationProjectionQueries } from '../../libs/database/src/rectification/rectification-projection.queries';
import type { UnitActor } from '../../libs/domain/src/access/unit-reach';
import {
  assembleBulletin,
  buildBulletin,
  type BulletinItemRow,
} from '../../libs/domain/src/rectification/bulletin';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import {
  addItem,
  addLedger,
  addPerson,
  addUnit,
  FAR_AHEAD,
  LONG_AGO,
  SYSTEM_ACTOR,
} from './rectification-fixture';

/** The tables of the area that grow with use: none of them may be read by a sequential scan. */
const LARGE_TABLES = [
  'rectification_item',
  'rectification_event',
  'escalation_notice',
  'evidence_file',
  'bulletin',
];
const largeTablesScanned = (plans: Array<{ nodes: Parameters<typeof sequentialScans>[0] }>) =>
  plans.flatMap((plan) => sequentialScans(plan.nodes)).filter((table) => LARGE_TABLES.includes(table));

describe('rectification query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let items: RectificationItemQueries;
  let overview: LedgerOverviewQueries;
  let ledgers: LedgerQueries;
  let references: ItemReferenceQueries;
  let bulletins: BulletinQueries;
  let first: Ledger;
  let second: Ledger;
  const paths: Record<string, string> = {};
  const people: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let admin: UnitActor;
  let housingDepartment: UnitActor;
  const now = new Date();

  beforeAll(async () => {
    db = await openQueryDatabase();
    const m = db.dataSource.manager;
    items = new RectificationItemQueries(m);
    overview = new LedgerOverviewQueries(m);
    ledgers = new LedgerQueries(m);
    references = new ItemReferenceQueries(m);
    bulletins = new BulletinQueries(m);
    paths.county = await addUnit(m, 'county', '某县');
    paths.zjj = await addUnit(m, 'zjj', '县住建局');
    paths.xz = await addUnit(m, 'xz', '新镇');
    people.inspector = await addPerson(m, 'inspector', '督查员', 'county', ['inspector']);
    people.zjj = await addPerson(m, 'zjj1', '住建局经办', 'zjj', ['department']);
    people.xz = await addPerson(m, 'xz1', '新镇经办', 'xz', ['department']);
    people.retired = await addPerson(m, 'retired', '已离岗', 'zjj', ['department'], false);
    first = await addLedger(m, '省审计问题台账');
    second = await addLedger(m, '巡察问题台账');
    const common = { verifierId: people.inspector };
    ids.overdueZjj = await addItem(m, {
      ...common,
      ledgerId: first.id,
      number: 1,
      problem: '补助资金未按时拨付',
      unit: 'zjj',
      unitPath: paths.zjj,
      personId: people.zjj,
      full: LONG_AGO,
      state: { firedLevels: [1, 2] },
    });
    ids.closedZjj = await addItem(m, {
      ...common,
      ledgerId: first.id,
      number: 2,
      problem: '档案不全',
      unit: 'zjj',
      unitPath: paths.zjj,
      personId: people.zjj,
      full: FAR_AHEAD,
      state: { status: 'closed', closedAt: '2026-01-10T02:00:00.000Z' },
    });
    ids.openXz = await addItem(m, {
      ...common,
      ledgerId: first.id,
      number: 3,
      problem: '危房鉴定滞后',
      unit: 'xz',
      unitPath: paths.xz,
      personId: people.xz,
      full: FAR_AHEAD,
    });
    // responsible person of the housing department, though the town is the responsible unit
    ids.xzByZjjPerson = await addItem(m, {
      ...common,
      ledgerId: second.id,
      number: 1,
      problem: '公示不到位',
      unit: 'xz',
      unitPath: paths.xz,
      personId: people.zjj,
      full: '2020-07-31T09:30:00.000Z',
    });
    admin = { id: people.inspector, unitPath: paths.county, roles: ['inspector'] };
    housingDepartment = { id: people.zjj, unitPath: paths.zjj, roles: ['department'] };
  });
  afterAll(() => db.close());

  const page = (filter: ResolvedItemFilter, actor = admin) => items.page(filter, actor, now, 1, 20);
  const numbersOf = async (filter: ResolvedItemFilter, actor = admin) =>
    (await page(filter, actor)).rows.map((row) => `${row.ledgerId === first.id ? 'A' : 'B'}${row.number}`);

  describe('LedgerQueries', () => {
    it('lists ledgers newest first, finds one by id and tells whether it exists', async () => {
      expect((await ledgers.newestFirst()).map((l) => l.name)).toEqual(['巡察问题台账', '省审计问题台账']);
      expect((await ledgers.byId(first.id))?.name).toBe('省审计问题台账');
      expect(await ledgers.byId(randomUUID())).toBeNull();
      expect(await ledgers.exists(second.id)).toBe(true);
      expect(await ledgers.exists(randomUUID())).toBe(false);
    });

    it('numbers the items of a ledger 1, 2, 3 … on its own counter', async () => {
      const ledger = await addLedger(db.dataSource.manager, '编号台账');
      expect(await ledgers.takeItemNumber(ledger.id)).toBe(1);
      expect(await ledgers.takeItemNumber(ledger.id)).toBe(2);
      expect(await ledgers.takeItemNumber(first.id)).toBe(1);
      expect((await ledgers.byId(ledger.id))?.itemsRegistered).toBe(2);
    });
  });

  describe('RectificationItemQueries: the item list', () => {
    it('pages the items by full deadline then number, with the total of all that match', async () => {
      expect(await numbersOf({})).toEqual(['A1', 'B1', 'A2', 'A3']);
      const second = await items.page({}, admin, now, 2, 3);
      expect(second.total).toBe(4);
      expect(second.rows.map((r) => r.number)).toEqual([3]);
      // past the last page: no rows, still the total
      expect(await items.page({}, admin, now, 3, 3)).toEqual({ rows: [], total: 4 });
      // a row is the summary's columns as TypeORM reads them (transformers applied), and the clock
      // the deadline rules read, from the columns, equal to the item's state's
      const typeorm = (await items.byId(ids.openXz))!;
      const [row] = (await items.page({ q: typeorm.problem }, admin, now, 1, 20)).rows;
      const { state, ...columns } = row;
      expect(typeorm).toMatchObject(columns);
      expect(Object.keys(columns)).toHaveLength(20);
      expect(state).toStrictEqual({
        status: typeorm.state.status,
        deadlines: typeorm.state.deadlines,
        pausedMs: typeorm.state.pausedMs,
        paused: typeorm.state.paused && { since: typeorm.state.paused.since },
      });
    });

    it('filters by ledger, status, unit, overdue, escalation level and text', async () => {
      expect(await numbersOf({ ledger: first.id })).toEqual(['A1', 'A2', 'A3']);
      expect(await numbersOf({ status: 'closed' })).toEqual(['A2']);
      expect(await numbersOf({ unitPath: paths.xz })).toEqual(['B1', 'A3']);
      expect(await numbersOf({ overdue: true })).toEqual(['A1', 'B1']);
      expect(await numbersOf({ overdue: false, ledger: first.id })).toEqual(['A2', 'A3']);
      expect(await numbersOf({ level: 2 })).toEqual(['A1']);
      expect(await numbersOf({ q: '鉴定' })).toEqual(['A3']);
      expect(await numbersOf({ q: '3' })).toEqual(['A3']);
    });

    it("shows a department its own unit's items and those it is responsible for, never another unit's", async () => {
      expect(await numbersOf({}, housingDepartment)).toEqual(['A1', 'B1', 'A2']);
      const town = { id: people.xz, unitPath: paths.xz, roles: ['department'] } as const;
      expect(await numbersOf({}, town)).toEqual(['B1', 'A3']);
      expect(await numbersOf({ unitPath: paths.zjj }, town)).toEqual([]);
    });

    it("matches a batch's items by ledger and number", async () => {
      const matched = await items.matching({ overdue: true }, admin, now);
      expect(matched.map((i) => [i.ledgerId === first.id ? 'A' : 'B', i.number])).toEqual(
        [first.id, second.id].sort().map((id) => (id === first.id ? ['A', 1] : ['B', 1])),
      );
    });

    for (const [name, filter, actor] of [
      ['ledger', () => ({ ledger: first.id }), () => admin],
      ['status', () => ({ status: 'rectifying' }), () => admin],
      ['responsible unit', () => ({ unitPath: paths.zjj }), () => admin],
      [
        'a department (its unit, what it verifies, what its people answer for)',
        () => ({}),
        () => housingDepartment,
      ],
      ['overdue', () => ({ overdue: true }), () => admin],
      ['escalation level within a ledger', () => ({ ledger: first.id, level: 2 }), () => admin],
      ['escalation level across ledgers', () => ({ level: 2 }), () => admin],
    ] as const)
      it(`reads the list filtered by ${name} through indexes`, async () => {
        // one statement: the count beside the page
        const plans = await db.plansOf(() => items.page(filter(), actor(), now, 1, 1));
        expect(plans.length).toBe(1);
        expect(largeTablesScanned(plans)).toEqual([]);
      });
  });

  describe('RectificationItemQueries: one item', () => {
    it('finds an item, tells whether it is in a ledger, and reads items by number', async () => {
      expect((await items.byId(ids.openXz))?.problem).toBe('危房鉴定滞后');
      expect(await items.byId(randomUUID())).toBeNull();
      await expect(items.byIdOrFail(randomUUID())).rejects.toThrow();
      expect(await items.isInLedger(ids.openXz, first.id)).toBe(true);
      expect(await items.isInLedger(ids.openXz, second.id)).toBe(false);
      const some = [ids.openXz, ids.overdueZjj];
      expect((await items.inNumberOrder(some)).map((i) => i.number)).toEqual([1, 3]);
      expect((await items.numbersOf(some)).sort()).toEqual([1, 3]);
    });

    it("reads an item's timeline, evidence, comments and notices in order", async () => {
      const projection = new RectificationProjectionQueries(db.dataSource.manager);
      const at = (day: number) => `2026-02-0${day}T02:00:00.000Z`;
      const step = (version: number, summary: string) =>
        projection.appendEvent(
          ids.openXz,
          version,
          { type: 'record-progress', at: at(version), actor: SYSTEM_ACTOR, summary, reason: null, data: {} },
          SYSTEM_ACTOR,
        );
      await step(3, '第二次进展');
      await step(2, '第一次进展');
      expect((await items.timelineOf(ids.openXz)).map((e) => e.summary)).toEqual([
        '登记问题',
        '第一次进展',
        '第二次进展',
      ]);
      const files = db.dataSource.getRepository(EvidenceFile);
      for (const [name, day] of [
        ['后传.pdf', 5],
        ['先传.pdf', 4],
      ] as const)
        await files.insert({
          id: randomUUID(),
          itemId: ids.openXz,
          fileName: name,
          mediaType: 'application/pdf',
          sizeBytes: 3,
          sha256: 'abc',
          content: Buffer.from('pdf'),
          uploadedBy: '新镇经办',
          uploadedAt: new Date(at(day)),
        });
      expect((await items.evidenceOf(ids.openXz)).map((f) => f.fileName)).toEqual(['先传.pdf', '后传.pdf']);
      await items.addComment({
        itemId: ids.openXz,
        authorId: people.xz,
        authorName: '新镇经办',
        authorUnit: 'xz',
        body: '已整改一半',
      });
      expect((await items.commentsOf(ids.openXz)).map((c) => [c.authorName, c.body])).toEqual([
        ['新镇经办', '已整改一半'],
      ]);
      expect(await items.commentsOf(ids.closedZjj)).toEqual([]);
    });
  });

  describe('RectificationProjectionQueries', () => {
    it('keeps the newer version of an item and adds each timeline entry once', async () => {
      const projection = new RectificationProjectionQueries(db.dataSource.manager);
      const event = {
        type: 'x',
        at: '2026-03-01T00:00:00.000Z',
        actor: SYSTEM_ACTOR,
        summary: '重复',
        reason: null,
        data: {},
      };
      expect(await projection.appendEvent(ids.closedZjj, 9, event, SYSTEM_ACTOR)).toBe(true);
      expect(await projection.appendEvent(ids.closedZjj, 9, event, SYSTEM_ACTOR)).toBe(false);
      const item = await items.byIdOrFail(ids.closedZjj);
      // a late, older version changes nothing
      const facts = {
        itemId: item.id,
        ledgerId: item.ledgerId,
        number: item.number,
        problem: item.problem,
        source: item.source,
        category: item.category,
        analysis: item.analysis,
        measures: item.measures,
        responsibleUnit: item.responsibleUnit,
        responsibleUnitPath: item.responsibleUnitPath,
        verifierId: item.verifierId,
        repeatOf: item.repeatOf,
        workflowId: item.workflowId,
      };
      await projection.storeItem(facts, { ...item.state, status: 'rectifying', version: 0 }, new Date());
      expect((await items.byIdOrFail(ids.closedZjj)).status).toBe('closed');
      // a newer one replaces the row
      await projection.storeItem(
        facts,
        { ...item.state, status: 'closed', reopenCount: 1, version: 2 },
        new Date(),
      );
      expect((await items.byIdOrFail(ids.closedZjj)).reopenCount).toBe(1);
    });

    it("issues a step's notice once, and writes a leader's decision on the latest arming", async () => {
      const projection = new RectificationProjectionQueries(db.dataSource.manager);
      const notice = (arming: number, serial: number) => ({
        itemId: ids.overdueZjj,
        level: 5,
        arming,
        kind: 'summons',
        label: '约谈',
        noticeKind: '约谈通知书',
        colour: 'red',
        issuingUnit: '',
        year: 2026,
        serial,
        leaderMustAct: true,
        issuedAt: new Date(`2026-03-0${arming + 1}T02:00:00.000Z`),
      });
      expect(await projection.issueNotice(notice(0, 1))).toBe(true);
      expect(await projection.issueNotice(notice(0, 2))).toBe(false);
      expect(await projection.issueNotice(notice(1, 3))).toBe(true);
      expect((await projection.noticeOfStep(ids.overdueZjj, 5, 0))?.serial).toBe(1);
      expect(await projection.noticeOfStep(ids.overdueZjj, 4, 0)).toBeNull();
      await projection.recordLeaderDecision(ids.overdueZjj, 5, '约谈', '县长', '2026-03-05T02:00:00.000Z');
      const notices = await items.noticesOf(ids.overdueZjj);
      expect(notices.map((n) => [n.arming, n.leaderDecision])).toEqual([
        [0, null],
        [1, '约谈'],
      ]);
      expect((await items.noticeOf(ids.overdueZjj, notices[1].id))?.decidedBy).toBe('县长');
      expect(await items.noticeOf(ids.openXz, notices[1].id)).toBeNull();
    });
  });

  describe('ItemReferenceQueries', () => {
    it('finds units and people, telling active people from those who left', async () => {
      expect((await references.unitByCode('zjj'))?.path).toBe(paths.zjj);
      expect(await references.unitByCode('nowhere')).toBeNull();
      expect((await references.unitNames()).map((u) => u.name).sort()).toEqual(
        ['县住建局', '新镇', '某县'].sort(),
      );
      expect(await references.activePerson(people.retired)).toBeNull();
      expect((await references.person(people.retired))?.displayName).toBe('已离岗');
      expect((await references.activePeople()).map((p) => p.username).sort()).toEqual([
        'inspector',
        'xz1',
        'zjj1',
      ]);
      expect(
        (await references.peopleByIds([people.xz, people.zjj])).map((p) => p.displayName).sort(),
      ).toEqual(['住建局经办', '新镇经办'].sort());
    });

    it('finds who an escalation goes to: the active holders of a role, of one unit if named', async () => {
      expect(await references.activeWithRole('department', 'zjj')).toEqual([people.zjj]);
      expect((await references.activeWithRole('department')).sort()).toEqual([people.xz, people.zjj].sort());
      expect(await references.activeWithRole('leadership')).toEqual([]);
    });
  });

  describe('LedgerOverviewQueries', () => {
    it('counts the items of a ledger by status, unit and level, with the overdue among them', async () => {
      const counts = (rows: Array<{ key: string; label: string | null; total: string; overdue: string }>) =>
        rows.map((r) => [r.key, r.label, Number(r.total), Number(r.overdue)]);
      expect(counts(await overview.countsByStatus(first.id, admin))).toEqual([
        ['closed', null, 1, 0],
        ['rectifying', null, 2, 1],
      ]);
      expect(counts(await overview.countsByUnit(first.id, admin))).toEqual([
        ['xz', '新镇', 1, 0],
        ['zjj', '县住建局', 2, 1],
      ]);
      expect(counts(await overview.countsByLevel(first.id, admin))).toEqual([
        ['0', null, 1, 0],
        ['2', null, 1, 1],
      ]);
    });

    it("lists the overdue items with their unit's and person's names, a department only its own", async () => {
      const overdue = await overview.overdueItems(first.id, admin);
      expect(overdue.map((r) => [r.number, r.unit_name, r.person_name, r.escalation_level])).toEqual([
        [1, '县住建局', '住建局经办', 2],
      ]);
      const town = { id: people.xz, unitPath: paths.xz, roles: ['department'] } as const;
      expect(await overview.overdueItems(first.id, town)).toEqual([]);
      expect((await overview.countsByStatus(first.id, town)).map((r) => [r.key, Number(r.total)])).toEqual([
        ['rectifying', 1],
      ]);
    });

    it('counts through indexes, for the command center and for a department', async () => {
      for (const actor of [admin, housingDepartment]) {
        const plans = await db.plansOf(() =>
          Promise.all([
            overview.countsByStatus(first.id, actor),
            overview.countsByUnit(first.id, actor),
            overview.countsByLevel(first.id, actor),
            overview.overdueItems(first.id, actor),
          ]),
        );
        expect(plans.length).toBe(4);
        expect(largeTablesScanned(plans)).toEqual([]);
      }
    });
  });

  describe('BulletinQueries', () => {
    const asOf = () => new Date(Date.now() + 60_000);

    it("aggregates a ledger's items per unit, with the overdue and criticised lists and the names they mention", async () => {
      const { aggregates, unitNames, personNames } = await bulletins.ledgerAggregates(first.id, asOf(), 2);
      const byUnit = Object.fromEntries(aggregates.units.map((u) => [u.unit, u]));
      expect(byUnit.zjj).toMatchObject({
        items: 2,
        closed: 1,
        overdue: 1,
        byLevel: { '2': 1 },
        byLevelClosed: { '0': 1 },
      });
      expect(byUnit.xz).toMatchObject({ items: 1, closed: 0, overdue: 0, byLevel: { '0': 1 } });
      expect(aggregates.overdue.map((i) => i.number)).toEqual([1]);
      expect(aggregates.criticised.map((i) => i.number)).toEqual([1]);
      expect(unitNames).toEqual({ zjj: '县住建局', xz: '新镇' });
      expect(personNames).toEqual({ [people.zjj]: '住建局经办' });
    });

    it('counts nothing registered after the instant a bulletin reports on', async () => {
      const { aggregates } = await bulletins.ledgerAggregates(first.id, new Date('2020-01-01T00:00:00Z'), 2);
      expect(aggregates.units).toEqual([]);
      expect(aggregates.overdue).toEqual([]);
    });

    it('aggregates in one statement, through indexes', async () => {
      const plans = await db.plansOf(() => bulletins.ledgerAggregates(first.id, asOf(), 2));
      expect(plans).toHaveLength(1);
      expect(largeTablesScanned(plans)).toEqual([]);
    });

    it('stores bulletins, numbers the next after the last, and finds one by instant or id', async () => {
      const at = new Date('2026-03-02T00:00:00.000Z');
      expect(await bulletins.publicationOf(second.id, at)).toMatchObject({
        ledger: { id: second.id, name: second.name },
        existingId: null,
        lastNumber: 0,
      });
      expect(await bulletins.publicationOf('00000000-0000-4000-8000-000000000000', at)).toBeNull();
      await db.dataSource.transaction(async (manager) => {
        const inTransaction = new BulletinQueries(manager);
        await inTransaction.lockNumbering(second.id);
        await inTransaction.store({
          ledgerId: second.id,
          number: 1,
          asOf: at,
          trigger: 'schedule',
          payload: { n: 1 },
        });
      });
      const later = await bulletins.store({
        ledgerId: second.id,
        number: 2,
        asOf: new Date('2026-03-09T00:00:00.000Z'),
        trigger: 'on-demand',
        payload: { n: 2 },
      });
      const published = await bulletins.publicationOf(second.id, at);
      expect(published?.lastNumber).toBe(2);
      expect((await bulletins.byId(published!.existingId!))?.number).toBe(1);
      expect((await bulletins.publicationOf(first.id, at))?.existingId).toBeNull();
      expect(largeTablesScanned(await db.plansOf(() => bulletins.publicationOf(second.id, at)))).toEqual([]);
      expect((await bulletins.byId(later.id))?.payload).toEqual({ n: 2 });
      expect((await bulletins.summariesOf(second.id)).map((b) => [b.number, b.trigger])).toEqual([
        [2, 'on-demand'],
        [1, 'schedule'],
      ]);
      const plans = await db.plansOf(() => bulletins.summariesOf(second.id));
      expect(largeTablesScanned(plans)).toEqual([]);
    });

    it('sends the lists capped and still names in a bulletin what the item rules name from every item', async () => {
      // 162 items past their basic deadline, 6 a CST day over 27 days, the later ones of a day
      // numbered first: the bulletin names the 96 of the 16 days longest past it, then 4 of the 17th
      // day's 6, the ones with the lowest numbers (the latest deadlines of that day); and 130 overdue
      // items. More than the bulletin names of each.
      const at = asOf();
      const ledger = await addLedger(db.dataSource.manager, '大台账');
      const HOUR = 3_600_000;
      const cstMidnight = Math.floor((at.getTime() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
      const add = (number: number, deadlines: { basic: number; full: number }) =>
        addItem(db.dataSource.manager, {
          ledgerId: ledger.id,
          number,
          problem: `问题${number}`,
          unit: number % 2 ? 'zjj' : 'xz',
          unitPath: number % 2 ? paths.zjj : paths.xz,
          personId: number % 2 ? people.zjj : people.xz,
          verifierId: people.inspector,
          full: new Date(deadlines.full).toISOString(),
          state: {
            deadlines: {
              basic: new Date(deadlines.basic).toISOString(),
              full: new Date(deadlines.full).toISOString(),
            },
          },
        });
      const inAMonth = at.getTime() + 30 * 24 * HOUR;
      for (let day = 2; day <= 28; day++)
        for (let j = 0; j < 6; j++)
          await add(day * 10 + 9 - j, {
            basic: cstMidnight - day * 24 * HOUR + (1 + 4 * j) * HOUR,
            full: inAMonth,
          });
      for (let k = 1; k <= 130; k++)
        await add(1001 + ((k * 7919) % 997), {
          basic: at.getTime() - (5 * k + 720) * HOUR,
          full: at.getTime() - 5 * k * HOUR,
        });

      const { aggregates, unitNames, personNames } = await bulletins.ledgerAggregates(ledger.id, at, 4);
      expect(aggregates.overdue).toHaveLength(100);
      expect(aggregates.pastBasic.length).toBeGreaterThanOrEqual(100);
      expect(aggregates.pastBasic.length).toBeLessThan(162);
      const rows = await db.dataSource.query<BulletinItemRow[]>(
        `SELECT id, number, problem, responsible_unit AS "responsibleUnit", responsible_person_id AS "responsiblePersonId",
                escalation_level AS "escalationLevel", reopen_count AS "reopenCount", repeat_of AS "repeatOf", state
           FROM rectification_item WHERE ledger_id = $1`,
        [ledger.id],
      );
      const input = {
        ledger: { id: ledger.id, name: ledger.name, source: ledger.source },
        number: 1,
        asOf: at,
        unitNames,
        personNames,
      };
      const fromSql = assembleBulletin(input, aggregates);
      expect(fromSql.pastBasicItems).toHaveLength(100);
      expect(fromSql.pastBasicList).toEqual({ listed: 100, total: 162 });
      // of the 17th day's six (12 days past the basic deadline, numbered 124 … 129), the latest four
      expect(fromSql.pastBasicItems!.slice(96).map((item) => item.number)).toEqual([124, 125, 126, 127]);
      expect(fromSql.overdueList).toEqual({ listed: 100, total: 130 });
      expect(fromSql).toEqual(buildBulletin({ ...input, items: rows }));
    });
  });
});
