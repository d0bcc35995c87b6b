import { AuditQueries } from '../../libs/database/src/audit/audit.queries';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';

describe('AuditQueries on the real Postgres', () => {
  let db: QueryDatabase;
  let queries: AuditQueries;

  beforeAll(async () => {
    db = await openQueryDatabase();
    queries = new AuditQueries(db.dataSource.manager);
    const actor = { id: 'auditor', name: '审计测试', unit: null, roles: ['admin'] };
    await db.dataSource.transaction(async (manager) => {
      for (let i = 1; i <= 5; i++)
        await appendAudit(manager, actor, { action: 'item.reported', subject: 'item:A', after: { i } });
      await appendAudit(manager, actor, { action: 'item.reported', subject: 'item:B' });
    });
  });
  afterAll(() => db.close());

  it("pages one subject's history in the order it was written, with the subject's total", async () => {
    const second = await queries.historyOf('item:A', 2, 2);
    expect(second.total).toBe(5);
    expect(second.items.map((e) => (e.after as { i: number }).i)).toEqual([3, 4]);
    expect((await queries.historyOf('item:B', 1, 10)).items).toHaveLength(1);
  });

  it('reads the history through an index, not by scanning the trail', async () => {
    const plans = await db.plansOf(() => queries.historyOf('item:A', 1, 20));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(sequentialScans(plan.nodes)).toEqual([]);
  });
});
