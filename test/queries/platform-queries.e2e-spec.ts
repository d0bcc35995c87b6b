import { randomUUID } from 'node:crypto';
import { BatchMatchQueries } from '../../libs/database/src/batch/batch-match.queries';
import { BatchRunQueries } from '../../libs/database/src/batch/batch-run.queries';
import { BatchQueries, type NewBatch } from '../../libs/database/src/batch/batch.queries';
import type { BatchItem } from '../../libs/database/src/batch/batch-item.entity';
import { CampaignEvidence } from '../../libs/database/src/campaign/campaign-evidence.entity';
import { RoundTripQueries } from '../../libs/database/src/diagnostics/round-trip.queries';
import { EvidenceFileQueries } from '../../libs/database/src/platform/evidence-file.queries';
import {
  IdempotencyKeyQueries,
  type IdempotencyKeyClaim,
} from '../../libs/database/src/platform/idempotency-key.queries';
import { ThrottleCounterQueries } from '../../libs/database/src/platform/throttle-counter.queries';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import type { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import type { Role } from '../../libs/domain/src/access/roles';
import type { HouseholdActor } from '../../libs/domain/src/housing/household-access';
import {
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
} from '../../libs/domain/src/housing/programme-rules';
import { seedHouseholds } from '../../bench/dashboards-seed';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { addItem, addLedger, addPerson, addUnit, FAR_AHEAD } from './rectification-fixture';

/** A batch as BatchStartService records it, by one person. */
const newBatch = (createdBy: string): NewBatch => ({
  id: randomUUID(),
  kind: 'rectification-step',
  filter: { status: 'in-progress' },
  step: { type: 'record-progress', note: '一周一通报' },
  caller: {
    userId: createdBy,
    unitCode: 'dept-a',
    unitPath: '/county/dept-a/',
    roles: ['department'],
    actor: { id: createdBy, name: '甲部门', unit: 'dept-a', roles: ['department'] },
  },
  createdBy,
  status: 'resolving',
  total: null,
  finishedAt: null,
});

const frozen = (batchId: string, count: number): BatchItem[] =>
  Array.from({ length: count }, (_, i) => ({
    batchId,
    seq: i + 1,
    objectId: randomUUID(),
    label: `对象 ${i + 1}`,
    result: i % 10 === 9 ? 'refused' : 'pending',
    code: i % 10 === 9 ? 'OTHER_UNIT' : null,
    message: i % 10 === 9 ? '不在本单位范围内' : null,
    finishedAt: i % 10 === 9 ? new Date() : null,
  }));

describe('platform query classes on the real Postgres', () => {
  let db: QueryDatabase;

  beforeAll(async () => {
    db = await openQueryDatabase();
  });
  afterAll(() => db.close());

  describe('batches: recorded, frozen, applied, finished, and read back', () => {
    let batches: BatchQueries;
    let batchId: string;
    const starter = randomUUID();

    beforeAll(async () => {
      batches = new BatchQueries(db.dataSource.manager);
      const batch = newBatch(starter);
      batchId = batch.id;
      await batches.recordOnce(batch);
      await batches.recordOnce({ ...batch, status: 'finished' }); // a keyed retry: nothing changes
      // A second batch whose objects must never be counted with the first's.
      const other = newBatch(randomUUID());
      await batches.recordOnce(other);
      await db.dataSource.transaction(async (manager) => {
        const run = new BatchRunQueries(manager);
        await run.freeze(frozen(other.id, 30));
        await run.markRunning(other.id, 30);
      });
    });

    it('records a batch once and reads it back as recorded', async () => {
      const batch = await batches.batch(batchId);
      expect(batch).toMatchObject({ createdBy: starter, status: 'resolving', total: null });
      expect(batch!.step).toEqual({ type: 'record-progress', note: '一周一通报' });
      expect(await batches.batch(randomUUID())).toBeNull();
    });

    it('freezes the list under the batch lock in chunks, and marks the batch running', async () => {
      await db.dataSource.transaction(async (manager) => {
        const run = new BatchRunQueries(manager);
        const locked = await run.lockedForResolve(batchId);
        expect(locked?.status).toBe('resolving');
        await run.freeze(frozen(batchId, 2500));
        await run.markRunning(batchId, 2500);
      });
      expect(await batches.batch(batchId)).toMatchObject({ status: 'running', total: 2500 });
      expect(await batches.resultCounts(batchId)).toEqual({ pending: 2250, refused: 250 });
    });

    it('records each pending object once: a retried result changes nothing', async () => {
      const run = new BatchRunQueries(db.dataSource.manager);
      const pending = await run.pendingBetween(batchId, 1, 20);
      expect(pending.map((item) => item.seq)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19,
      ]);
      await run.recordResult(pending[0], null);
      await run.recordResult(pending[1], { code: 'ILLEGAL_STEP', message: '当前状态不允许此操作' });
      await run.recordResult(pending[0], { code: 'ILLEGAL_STEP', message: '重试' });
      await run.recordResult({ batchId, seq: 10 }, null); // refused at freezing: stays refused
      expect((await run.pendingBetween(batchId, 1, 3)).map((item) => item.seq)).toEqual([3]);
      const page = await batches.itemsPage(batchId, undefined, 1, 3);
      expect(page.items.map((item) => [item.seq, item.result, item.code])).toEqual([
        [1, 'applied', null],
        [2, 'refused', 'ILLEGAL_STEP'],
        [3, 'pending', null],
      ]);
      expect(await batches.resultCounts(batchId)).toEqual({ pending: 2248, applied: 1, refused: 251 });
    });

    it('pages the objects of one result in their frozen order, with that result total', async () => {
      const refused = await batches.itemsPage(batchId, 'refused', 2, 5);
      expect(refused.total).toBe(251);
      expect(refused.items.map((item) => item.seq)).toEqual([50, 60, 70, 80, 90]);
      expect((await batches.itemsPage(batchId, 'applied', 1, 50)).items.map((item) => item.seq)).toEqual([1]);
    });

    it("reads a batch's counts and pages through the batch_item key, never by scanning", async () => {
      for (const read of [
        () => batches.batch(batchId),
        () => batches.resultCounts(batchId),
        () => batches.itemsPage(batchId, undefined, 3, 50),
        () => batches.itemsPage(batchId, 'refused', 1, 50),
      ]) {
        const plans = await db.plansOf(read);
        expect(plans.length).toBeGreaterThan(0);
        for (const plan of plans) expect(sequentialScans(plan.nodes)).toEqual([]);
      }
    });

    it('finishes: what is still pending was not reached, the batch is finished once', async () => {
      await db.dataSource.transaction((manager) => new BatchRunQueries(manager).finish(batchId));
      expect(await batches.resultCounts(batchId)).toEqual({ 'not-reached': 2248, applied: 1, refused: 251 });
      const finished = await batches.batch(batchId);
      expect(finished).toMatchObject({ status: 'finished' });
      expect(finished!.finishedAt).toBeInstanceOf(Date);
      const notReached = await batches.itemsPage(batchId, 'not-reached', 1, 1);
      expect(notReached.items[0]).toMatchObject({ seq: 3, message: '未处理' });
    });
  });

  describe("batch matches: what a filter matches for the preview's counts", () => {
    let matches: BatchMatchQueries;
    let programme: HousingProgramme;
    const NOW = new Date('2026-06-15T04:00:00Z');
    const bureau: HouseholdActor = { unitCode: 'zjj', unitPath: '/c/zjj/', roles: ['department'] };
    const townshipA: HouseholdActor = { unitCode: 'tA', unitPath: '/c/tA/', roles: ['department'] };
    const items: Record<string, string> = {};
    let deptA: { id: string; unitPath: string; roles: Role[] };

    beforeAll(async () => {
      matches = new BatchMatchQueries(db.dataSource.manager);
      await db.dataSource.query(
        `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
           ('c', '示范县', 'county', NULL, '/c/'), ('zjj', '县住建局', 'bureau', 'c', '/c/zjj/'),
           ('tA', '甲镇', 'township', 'c', '/c/tA/'), ('tB', '乙镇', 'township', 'c', '/c/tB/'),
           ('vA1', '甲一村', 'village', 'tA', '/c/tA/vA1/'), ('vB1', '乙一村', 'village', 'tB', '/c/tB/vB1/')`,
      );
      const rules = {
        housingBureau: 'zjj',
        stageDeadlines: { appraisal: '2026-03-31T09:30:00.000Z', construction: '2026-09-30T09:30:00.000Z' },
        noticePeriods: DEFAULT_NOTICE_PERIODS,
        stallAfter: 'P30D',
        paymentDueAfter: 'P1M',
        timerJitter: 'PT1H',
        ladder: DEFAULT_HOUSEHOLD_LADDER,
      };
      const programmes = new ProgrammeQueries(db.dataSource.manager);
      const id = randomUUID();
      await programmes.insert({ id, name: '批量预览项目', ...rules, createdBy: 'test' });
      programme = (await programmes.byId(id))!;
      const villages = [
        { code: 'vA1', township: 'tA', path: '/c/tA/vA1/' },
        { code: 'vB1', township: 'tB', path: '/c/tB/vB1/' },
      ];
      await seedHouseholds(db.dataSource, { id, rules }, villages, 1, 40, NOW.getTime());

      const manager = db.dataSource.manager;
      await addUnit(manager, 'county', '县');
      const pathA = await addUnit(manager, 'dept-a', '甲局');
      const pathB = await addUnit(manager, 'dept-b', '乙局');
      const personA = await addPerson(manager, 'batch-a', '甲经办', 'dept-a', ['department']);
      const personB = await addPerson(manager, 'batch-b', '乙经办', 'dept-b', ['department']);
      deptA = { id: personA, unitPath: pathA, roles: ['department'] };
      const ledger = await addLedger(manager, '批量预览台账');
      const item = (number: number, unit: string, unitPath: string, personId: string, verifierId: string) =>
        addItem(manager, {
          ledgerId: ledger.id,
          number,
          problem: `问题 ${number}`,
          unit,
          unitPath,
          personId,
          verifierId,
          full: FAR_AHEAD,
        });
      items.ownA = await item(1, 'dept-a', pathA, personA, personB);
      items.ownB = await item(2, 'dept-b', pathB, personB, personB);
      items.verifiedByA = await item(3, 'dept-b', pathB, personB, personA);
      await db.dataSource.query('ANALYZE');
    }, 120_000);

    it("matches a programme's households within the caller's reach, with what the step rules need", async () => {
      const all = await matches.households(programme, {}, bureau, NOW);
      expect(all).toHaveLength(40);
      expect(Object.keys(all[0]).sort()).toEqual(['id', 'villagePath']);
      const own = await matches.households(programme, {}, townshipA, NOW);
      expect(own.length).toBe(20);
      expect(own.every((h) => h.villagePath === '/c/tA/vA1/')).toBe(true);
      const townshipB = await matches.households(programme, { township: 'tB' }, bureau, NOW);
      expect(townshipB.every((h) => h.villagePath === '/c/tB/vB1/')).toBe(true);
      expect(townshipB).toHaveLength(20);
      expect(await matches.households(programme, { township: 'tB' }, townshipA, NOW)).toEqual([]);
    });

    it("matches the items a department may see: its unit's, and those it verifies or answers for", async () => {
      const seen = await matches.items({}, deptA, NOW);
      expect(seen.map((i) => i.id).sort()).toEqual([items.ownA, items.verifiedByA].sort());
      expect(Object.keys(seen[0]).sort()).toEqual([
        'id',
        'responsiblePersonId',
        'responsibleUnitPath',
        'verifierId',
      ]);
      const leader = { id: randomUUID(), unitPath: '/county/', roles: ['command-center'] as Role[] };
      expect((await matches.items({}, leader, NOW)).map((i) => i.id).sort()).toEqual(
        [items.ownA, items.ownB, items.verifiedByA].sort(),
      );
      const unitB = await matches.items({ unitPath: '/county/dept-b/' }, leader, NOW);
      expect(unitB.map((i) => i.id).sort()).toEqual([items.ownB, items.verifiedByA].sort());
    });

    it('reads the items for the preview without scanning the item table', async () => {
      const leader = { id: randomUUID(), unitPath: '/county/', roles: ['command-center'] as Role[] };
      for (const read of [
        () => matches.items({ unitPath: '/county/dept-b/' }, leader, NOW),
        () => matches.items({}, deptA, NOW),
      ]) {
        const plans = await db.plansOf(read);
        expect(plans.length).toBeGreaterThan(0);
        for (const plan of plans) expect(sequentialScans(plan.nodes)).not.toContain('rectification_item');
      }
    });

    it("reads a programme's households for the preview without scanning the household table", async () => {
      const plans = await db.plansOf(() => matches.households(programme, { township: 'tA' }, bureau, NOW));
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) expect(sequentialScans(plan.nodes)).not.toContain('household');
    });
  });

  describe('idempotency keys: claim, complete, replay, take over, release, sweep', () => {
    let keys: IdempotencyKeyQueries;
    const request = (key: string, fingerprint = 'fp-1'): IdempotencyKeyClaim => ({
      caller: 'user:platform',
      key,
      method: 'POST',
      route: '/api/batches',
      fingerprint,
    });

    beforeAll(() => {
      keys = new IdempotencyKeyQueries(db.dataSource.manager);
    });

    it('claims a key once; the second claim finds it held, unanswered', async () => {
      const claim = randomUUID();
      expect(await keys.insertClaim(request('k-claim'), claim)).toBe(true);
      expect(await keys.insertClaim(request('k-claim', 'fp-2'), randomUUID())).toBe(false);
      const row = await keys.row('user:platform', 'k-claim');
      expect(row).toMatchObject({
        fingerprint: 'fp-1',
        claim,
        completed: false,
        status: null,
        response: null,
      });
      expect(row!.claimedAt).toBeInstanceOf(Date);
      expect(row!.createdAt).toBeInstanceOf(Date);
      expect(await keys.row('user:other', 'k-claim')).toBeUndefined();
    });

    it('stores the answer only for the claim that holds the key, to be replayed', async () => {
      const claim = randomUUID();
      await keys.insertClaim(request('k-complete'), claim);
      await keys.complete(request('k-complete'), randomUUID(), 500, { not: 'mine' });
      expect(await keys.row('user:platform', 'k-complete')).toMatchObject({ completed: false });
      await keys.complete(request('k-complete'), claim, 202, { id: 'batch-1', items: ['一'] });
      expect(await keys.row('user:platform', 'k-complete')).toMatchObject({
        completed: true,
        status: 202,
        response: { id: 'batch-1', items: ['一'] },
      });
    });

    it('takes an abandoned key over only from the claim it saw', async () => {
      const first = randomUUID();
      await keys.insertClaim(request('k-take'), first);
      await keys.complete(request('k-take'), first, 200, { done: true });
      expect(await keys.takeOver(request('k-take', 'fp-9'), randomUUID(), randomUUID(), true)).toBe(false);
      const second = randomUUID();
      expect(await keys.takeOver(request('k-take', 'fp-9'), second, first, false)).toBe(true);
      expect(await keys.row('user:platform', 'k-take')).toMatchObject({
        fingerprint: 'fp-9',
        claim: second,
        completed: false,
        status: null,
        response: null,
      });
    });

    it('releases a key only for its claim', async () => {
      const claim = randomUUID();
      await keys.insertClaim(request('k-release'), claim);
      await keys.release(request('k-release'), randomUUID());
      expect(await keys.row('user:platform', 'k-release')).toBeDefined();
      await keys.release(request('k-release'), claim);
      expect(await keys.row('user:platform', 'k-release')).toBeUndefined();
    });

    it('sweeps the keys created before the time to live, and only those', async () => {
      await keys.insertClaim(request('k-old'), randomUUID());
      await keys.insertClaim(request('k-young'), randomUUID());
      await db.dataSource.query(
        `UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'k-old'`,
      );
      expect(await keys.deleteOlderThan(24 * 60 * 60 * 1000)).toBe(1);
      expect(await keys.row('user:platform', 'k-old')).toBeUndefined();
      expect(await keys.row('user:platform', 'k-young')).toBeDefined();
    });
  });

  describe('rate-limit counters', () => {
    let counters: ThrottleCounterQueries;

    beforeAll(() => {
      counters = new ThrottleCounterQueries(db.dataSource.manager);
    });

    it('counts hits in a window, blocks past the limit, and counts no hit while blocked', async () => {
      const hit = () => counters.hit('ip:10.0.0.1', 'login', 60_000, 2, 30_000);
      expect(await hit()).toMatchObject({ hits: 1, blockedMs: null });
      const second = await hit();
      expect(second).toMatchObject({ hits: 2, blockedMs: null });
      expect(second.windowMs).toBeGreaterThan(50_000);
      expect(second.windowMs).toBeLessThanOrEqual(60_000);
      const third = await hit();
      expect(third.hits).toBe(3);
      expect(third.blockedMs).toBeGreaterThan(20_000);
      expect((await hit()).hits).toBe(3);
      // another throttler's counter of the same key is its own
      expect(await counters.hit('ip:10.0.0.1', 'expensive', 60_000, 2, 30_000)).toMatchObject({ hits: 1 });
    });

    it('starts a new window once the old one is over', async () => {
      await counters.hit('ip:10.0.0.2', 'login', 1, 5, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await counters.hit('ip:10.0.0.2', 'login', 60_000, 5, 0)).toMatchObject({ hits: 1 });
    });

    it('sweeps the counters whose window and block are over, keeping the live and the blocked', async () => {
      await counters.hit('ip:10.0.0.3', 'login', 1, 5, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await counters.deleteExpired();
      const keys = await db.dataSource.query<Array<{ key: string; throttler: string }>>(
        `SELECT key, throttler FROM throttle_hit ORDER BY key, throttler`,
      );
      expect(keys).toEqual([
        { key: 'ip:10.0.0.1', throttler: 'expensive' },
        { key: 'ip:10.0.0.1', throttler: 'login' },
        { key: 'ip:10.0.0.2', throttler: 'login' },
      ]);
    });
  });

  describe('round-trip checks', () => {
    it('writes the row once and answers the stored row on a retry', async () => {
      const checks = new RoundTripQueries(db.dataSource.manager);
      const id = randomUUID();
      const row = {
        id,
        workflowId: `round-trip:${id}`,
        requestedAt: new Date('2026-01-05T02:00:00Z'),
        recordedAt: new Date('2026-01-05T02:00:01Z'),
        recordedBy: 'worker-a:1',
      };
      expect(await checks.recordOnce(row)).toMatchObject({ id, recordedBy: 'worker-a:1' });
      expect(await checks.recordOnce({ ...row, recordedBy: 'worker-b:2' })).toMatchObject({
        recordedBy: 'worker-a:1',
      });
      expect(await checks.check(id)).toMatchObject({
        workflowId: `round-trip:${id}`,
        recordedBy: 'worker-a:1',
      });
      expect(await checks.check(randomUUID())).toBeNull();
    });
  });

  describe("evidence files' storage, for any process's table", () => {
    it('stores a file once per id, reads it with its content only for its owner, and removes it', async () => {
      // The owner (a campaign task) is another area's row: its foreign key is left out here.
      await db.dataSource.query(
        `ALTER TABLE campaign_evidence DROP CONSTRAINT IF EXISTS campaign_evidence_campaign_id_task_key_fkey`,
      );
      const files = new EvidenceFileQueries(db.dataSource.manager).of(CampaignEvidence);
      const campaignId = randomUUID();
      const id = randomUUID();
      const evidence = {
        id,
        fileName: '现场照片.png',
        mediaType: 'image/png',
        sha256: 'a'.repeat(64),
        content: Buffer.from('first'),
        uploadedBy: '甲部门',
      };
      await files.storeOnce({ campaignId, taskKey: 'T1' }, evidence);
      await files.storeOnce({ campaignId, taskKey: 'T1' }, { ...evidence, content: Buffer.from('again') });
      const stored = await files.withContent(id, { campaign_id: campaignId, task_key: 'T1' });
      expect(stored).toMatchObject({ fileName: '现场照片.png', sizeBytes: 5, uploadedBy: '甲部门' });
      expect(stored!.content.toString()).toBe('first');
      expect(await files.withContent(id, { campaign_id: campaignId, task_key: 'T2' })).toBeNull();
      await files.remove(id, { campaignId, taskKey: 'T2' });
      expect(await files.withContent(id, { campaign_id: campaignId, task_key: 'T1' })).not.toBeNull();
      await files.remove(id, { campaignId, taskKey: 'T1' });
      expect(await files.withContent(id, { campaign_id: campaignId, task_key: 'T1' })).toBeNull();
    });
  });
});
