import { randomUUID } from 'node:crypto';
import type { Household } from '../../libs/database/src/housing/household.entity';
import { HouseholdImportQueries } from '../../libs/database/src/housing/household-imports.queries';
import { HouseholdProjectionQueries } from '../../libs/database/src/housing/household-projection.queries';
import { HouseholdQueries } from '../../libs/database/src/housing/households.queries';
import { SubsidyPaymentQueries } from '../../libs/database/src/housing/subsidy-payment.queries';
import { newHouseholdState } from '../../libs/domain/src/housing/household-process';
import { insertHousingPlaces, insertProgramme } from '../support/housing-query-fixture';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';

const AT = '2026-06-15T04:00:00.000Z';

/**
 * The query classes the household pipeline writes through: an import's rows, the projection of a
 * workflow's step into the read model, and the subsidy payment's books.
 */
describe('housing pipeline query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let programmeId: string;
  const importId = randomUUID();

  const household = (no: string, village = 'vA1'): Partial<Household> => {
    const state = newHouseholdState('D', AT);
    return {
      id: randomUUID(),
      programmeId,
      importId,
      householdNo: no,
      headName: `户主${no}`,
      village,
      township: 'tA',
      villagePath: `/c/tA/${village}/`,
      registeredPoor: true,
      houseRating: 'D',
      plannedSubsidyFen: 1_400_000,
      workflowId: `household:${programmeId}:${no}`,
      pipelineStarted: false,
      stage: state.stage,
      openObjections: 0,
      stageEnteredAt: new Date(AT),
      lastProgressAt: new Date(AT),
      escalationLevel: 0,
      state,
      version: state.version,
      updatedAt: new Date(AT),
    };
  };
  const stageCount = async (stage: string) =>
    (
      await db.dataSource.query<Array<{ households: number }>>(
        `SELECT sum(households)::int AS households FROM household_stage_count
          WHERE programme_id = $1 AND township = 'tA' AND stage = $2`,
        [programmeId, stage],
      )
    )[0]?.households ?? 0;

  beforeAll(async () => {
    db = await openQueryDatabase();
    await insertHousingPlaces(db.dataSource);
    programmeId = (await insertProgramme(db.dataSource, '流水测试项目')).id;
  });
  afterAll(() => db?.close());

  describe('HouseholdImportQueries', () => {
    const imports = () => new HouseholdImportQueries(db.dataSource.manager);
    let rows: Array<Partial<Household>>;

    beforeAll(async () => {
      rows = Array.from({ length: 1203 }, (_, i) => household(`H${String(i).padStart(5, '0')}`));
      await db.dataSource.transaction((manager) =>
        new HouseholdImportQueries(manager).store(
          {
            id: importId,
            programmeId,
            fileName: '农户.xlsx',
            households: rows.length,
            started: 0,
            status: 'starting',
            importedBy: 'u1',
          },
          rows,
        ),
      );
    });

    it('stores the batch, all its households (over several statements) and counts them by stage', async () => {
      const batch = await imports().byId(importId);
      expect(batch).toMatchObject({ households: 1203, started: 0, status: 'starting', finishedAt: null });
      expect(await new HouseholdQueries(db.dataSource.manager).numbersTaken(programmeId, ['H01202'])).toEqual(
        new Set(['H01202']),
      );
      expect(await stageCount('appraisal')).toBe(1203);
      expect(await imports().byId(randomUUID())).toBeNull();
    });

    it('hands out households not started yet by number, and counts each started one once', async () => {
      const chunk = await imports().notStarted(importId, 500);
      expect(chunk.map((h) => h.householdNo)).toEqual(rows.slice(0, 500).map((h) => h.householdNo));
      expect(
        await imports().markStarted(
          importId,
          chunk.map((h) => h.id),
        ),
      ).toBe(703);
      // a retried chunk adds nothing
      expect(
        await imports().markStarted(
          importId,
          chunk.map((h) => h.id),
        ),
      ).toBe(703);
      expect((await imports().notStarted(importId, 1))[0].householdNo).toBe('H00500');
      expect(await largeTablesScanned(() => imports().notStarted(importId, 500))).toEqual([]);
      await imports().finish(importId);
      const finished = await imports().byId(importId);
      expect(finished).toMatchObject({ status: 'done', started: 500 });
      expect(finished?.finishedAt).toBeInstanceOf(Date);
    });
  });

  describe('HouseholdProjectionQueries', () => {
    let target: Partial<Household>;

    beforeAll(async () => {
      const batchId = randomUUID();
      target = { ...household('P1'), importId: batchId };
      await db.dataSource.transaction((manager) =>
        new HouseholdImportQueries(manager).store(
          {
            id: batchId,
            programmeId,
            fileName: 'p.csv',
            households: 1,
            started: 0,
            status: 'starting',
            importedBy: 'u1',
          },
          [target],
        ),
      );
    });

    it('locks the row for the step, writes its columns and moves it between stage counters', async () => {
      const before = { appraisal: await stageCount('appraisal'), approval: await stageCount('approval') };
      const next = { ...target.state!, stage: 'approval' as const, version: 2 };
      await db.dataSource.transaction(async (manager) => {
        const rows = new HouseholdProjectionQueries(manager);
        expect(await rows.lockRow(target.id!)).toEqual({ stage: 'appraisal', version: 1 });
        expect(await rows.lockRow(randomUUID())).toBeUndefined();
        expect(await rows.storedStateIs(target.id!, target.state)).toBe(true);
        expect(await rows.storedStateIs(target.id!, next)).toBe(false);
        await rows.writeRow(
          target.id!,
          { stage: 'approval', state: JSON.stringify(next), version: 2 },
          { programmeId, township: 'tA' },
          'appraisal',
          'approval',
        );
      });
      const written = await new HouseholdQueries(db.dataSource.manager).byIdOrFail(target.id!);
      expect(written).toMatchObject({ stage: 'approval', version: 2 });
      expect(written.updatedAt.getTime()).toBeGreaterThan(Date.parse(AT));
      expect(await stageCount('appraisal')).toBe(before.appraisal - 1);
      expect(await stageCount('approval')).toBe(before.approval + 1);
      const compared = await new HouseholdProjectionQueries(db.dataSource.manager).lockRowComparedWith(
        target.id!,
        next,
      );
      expect(compared).toEqual({ stage: 'approval', version: 2, same: true });
    });

    it('leaves the stage counters alone when the stage stays', async () => {
      const approval = await stageCount('approval');
      await new HouseholdProjectionQueries(db.dataSource.manager).writeRow(
        target.id!,
        { open_objections: 1 },
        { programmeId, township: 'tA' },
        'approval',
        'approval',
      );
      expect(await stageCount('approval')).toBe(approval);
    });

    it('appends timeline entries and drops those after a version, saying how many', async () => {
      const rows = new HouseholdProjectionQueries(db.dataSource.manager);
      for (const version of [1, 2, 3])
        await rows.appendEvent({
          householdId: target.id!,
          version,
          at: AT,
          type: 'approve',
          stage: 'approval',
          actorId: 'u1',
          actorName: '张三',
          summary: `第 ${version} 步`,
          reason: null,
          data: { version },
        });
      const timeline = await new HouseholdQueries(db.dataSource.manager).timelineOf(target.id!);
      expect(timeline.map((e) => [e.version, e.data])).toEqual([
        [1, { version: 1 }],
        [2, { version: 2 }],
        [3, { version: 3 }],
      ]);
      expect(await rows.dropVersionsAfter(target.id!, 1)).toBe(2);
      expect(await rows.dropVersionsAfter(target.id!, 1)).toBe(0);
    });

    it('finds the notifications made under a dedupe key, in id order', async () => {
      const rows = new HouseholdProjectionQueries(db.dataSource.manager);
      expect(await rows.notificationIdsOf(`household:${target.id}:v2`)).toEqual([]);
      const user = randomUUID();
      await db.dataSource.query(
        `INSERT INTO app_user (id, username, display_name, password_hash, roles, unit_code)
         VALUES ($1, 'u-notified', '李四', 'x', '{department}', 'tA')`,
        [user],
      );
      const notified = await db.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO notification (recipient_id, kind, title, body, subject, dedupe_key)
         VALUES ($1, 'k', 't', 'b', 's', $2) RETURNING id`,
        [user, `household:${target.id}:v2`],
      );
      expect(await rows.notificationIdsOf(`household:${target.id}:v2`)).toEqual(notified.map((n) => n.id));
    });
  });

  describe('SubsidyPaymentQueries', () => {
    const payments = () => new SubsidyPaymentQueries(db.dataSource.manager);
    let householdId: string;
    beforeAll(async () => {
      householdId = (await new HouseholdImportQueries(db.dataSource.manager).notStarted(importId, 1))[0].id;
    });

    it('books a receipt once per idempotency key', async () => {
      const receipt = {
        idempotencyKey: `subsidy:${programmeId}:H00500:1`,
        householdId,
        attempt: 1,
        amountFen: 1_400_000,
        transactionId: 'T1',
        paidAt: AT,
      };
      await payments().bookPayment(receipt);
      await payments().bookPayment({ ...receipt, transactionId: 'T2' });
      expect(
        await db.dataSource.query(`SELECT transaction_id, amount_fen::int AS amount FROM subsidy_payment`),
      ).toEqual([{ transaction_id: 'T1', amount: 1_400_000 }]);
    });

    it('keeps only the last failed try of a household, shown on its detail, until cleared', async () => {
      const failure = {
        householdId,
        paymentAttempt: 1,
        try: 1,
        reason: '网关超时',
        failedAt: new Date(AT),
        nextTryAt: new Date(Date.parse(AT) + 60_000),
      };
      await payments().recordFailure(failure);
      await payments().recordFailure({ ...failure, try: 2, reason: '网关不可用', nextTryAt: null });
      expect(await new HouseholdQueries(db.dataSource.manager).paymentFailureOf(householdId)).toEqual({
        payment_attempt: 1,
        try: 2,
        reason: '网关不可用',
        failed_at: new Date(AT),
        next_try_at: null,
      });
      await payments().clearFailure(householdId);
      expect(await new HouseholdQueries(db.dataSource.manager).paymentFailureOf(householdId)).toBeUndefined();
    });

    it('answers the simulated gateway’s first transfer under a key, whatever is asked again', async () => {
      const first = await payments().simulatedTransfer({
        idempotencyKey: 'k1',
        payee: '户主',
        amountFen: 100,
        transactionId: 'SIM-1',
      });
      const again = await payments().simulatedTransfer({
        idempotencyKey: 'k1',
        payee: '户主',
        amountFen: 999,
        transactionId: 'SIM-2',
      });
      expect(first).toMatchObject({ amountFen: 100, transactionId: 'SIM-1' });
      expect(again).toEqual(first);
    });
  });

  /** The large tables a call's statements still read by a sequential scan. */
  async function largeTablesScanned(work: () => Promise<unknown>): Promise<string[]> {
    const plans = await db.plansOf(work);
    expect(plans.length).toBeGreaterThan(0);
    return plans.flatMap((plan) => sequentialScans(plan.nodes)).filter((table) => table === 'household');
  }
});
