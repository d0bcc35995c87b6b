import { type EntityManager, QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { preparedQuery } from '../../libs/database/src/queries';
import { openQueryDatabase, QueryDatabase } from '../support/query-database';

/** The texts of the named statements prepared on the connection that `run` runs its query on. */
async function preparedOn(
  run: (text: string) => Promise<Array<{ name: string; statement: string }>>,
): Promise<string[]> {
  const rows = await run(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'q\\_%'`);
  return rows.map((row) => row.statement);
}

describe('preparedQuery: a dashboard read as a named statement, on the real Postgres', () => {
  let db: QueryDatabase;

  beforeAll(async () => {
    db = await openQueryDatabase();
    await db.dataSource.query(
      `CREATE TABLE prepared_probe (id int PRIMARY KEY, name text NOT NULL, at timestamptz NOT NULL)`,
    );
    await db.dataSource.query(
      `INSERT INTO prepared_probe VALUES (1, '甲', '2026-06-15T04:00:00Z'), (2, '乙', '2026-06-16T04:00:00Z')`,
    );
  });
  afterAll(() => db.close());

  const BY_ID = `SELECT id, name, at FROM prepared_probe WHERE id = ANY($1) ORDER BY id`;

  it('answers the rows manager.query answers, with the same types', async () => {
    const plain = await db.dataSource.query(BY_ID, [[1, 2]]);
    const prepared = await preparedQuery(db.dataSource.manager, BY_ID, [[1, 2]]);
    expect(prepared).toEqual(plain);
    expect(prepared[0]).toEqual({ id: 1, name: '甲', at: new Date('2026-06-15T04:00:00Z') });
  });

  it('prepares the statement once on the connection and runs it again by name', async () => {
    const byName = `SELECT name FROM prepared_probe WHERE id = $1`;
    await db.dataSource.transaction(async (manager) => {
      const run = (text: string) => manager.query(text);
      expect(await preparedOn(run)).not.toContain(byName);
      expect(await preparedQuery(manager, byName, [1])).toEqual([{ name: '甲' }]);
      expect(await preparedQuery(manager, byName, [2])).toEqual([{ name: '乙' }]);
      expect((await preparedOn(run)).filter((text) => text === byName)).toHaveLength(1);
    });
  });

  it("inside a transaction, reads on the transaction's connection (its own uncommitted rows)", async () => {
    await db.dataSource
      .transaction(async (manager) => {
        await manager.query(`INSERT INTO prepared_probe VALUES (3, '丙', now())`);
        expect(await preparedQuery(manager, BY_ID, [[3]])).toHaveLength(1);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await preparedQuery(db.dataSource.manager, BY_ID, [[3]])).toEqual([]);
  });

  it("refuses a finished transaction's manager, as manager.query does", async () => {
    let finished: EntityManager | undefined;
    await db.dataSource.transaction((manager) => {
      finished = manager;
      return Promise.resolve();
    });
    await expect(finished!.query(BY_ID, [[1]])).rejects.toBeInstanceOf(
      QueryRunnerProviderAlreadyReleasedError,
    );
    await expect(preparedQuery(finished!, BY_ID, [[1]])).rejects.toBeInstanceOf(
      QueryRunnerProviderAlreadyReleasedError,
    );
  });

  it('fails as manager.query fails: a QueryFailedError carrying the driver error', async () => {
    const failure = await preparedQuery(db.dataSource.manager, `SELECT 1 / $1::int AS quotient`, [0]).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
  });

  it('is recorded as the statement it ran, as manager.query is (the plan tests read them)', async () => {
    const statements = await db.statementsOf(() => preparedQuery(db.dataSource.manager, BY_ID, [[1]]));
    expect(statements).toEqual([{ sql: BY_ID, parameters: [[1]] }]);
  });

  it('gives back the connection it took: many more reads than the pool has connections', async () => {
    const reads = Array.from({ length: 60 }, (_, i) =>
      preparedQuery(db.dataSource.manager, BY_ID, [[(i % 2) + 1]]),
    );
    expect((await Promise.all(reads)).every((rows) => rows.length === 1)).toBe(true);
  });
});
