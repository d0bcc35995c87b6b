import type { PoolClient } from 'pg';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError, type EntityManager } from 'typeorm';

/**
 * The base of every query class (`libs/database/src/<area>/<what>.queries.ts`): the SQL of one
 * area, each method named for what it answers, run on an EntityManager — the data source's own
 * (`dataSource.manager`), or a transaction's (`new HouseholdQueries(manager)` inside
 * `dataSource.transaction(...)`). Services and activities orchestrate and check access; the SQL
 * (raw statements, repositories, query builders) lives only in these classes.
 */
export abstract class Queries {
  constructor(protected readonly db: EntityManager) {}

  /** `preparedQuery` on this class's manager. */
  protected prepared<Row>(text: string, params: unknown[]): Promise<Row[]> {
    return preparedQuery<Row>(this.db, text, params);
  }
}

/** A query class, as the API's ReadModelModule provides it and activities construct it. */
export type QueriesClass<Q extends Queries = Queries> = new (db: EntityManager) => Q;

/**
 * Statement texts given a name so far, and their names. Bounded: a text built with values in it
 * would otherwise prepare a new statement on every connection for every call.
 */
const statementNames = new Map<string, string>();
const NAMED_STATEMENTS_AT_MOST = 256;

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known || statementNames.size >= NAMED_STATEMENTS_AT_MOST) return known;
  const name = `q_${statementNames.size + 1}`;
  statementNames.set(text, name);
  return name;
}

/**
 * One statement run as a named (prepared) statement, for what runs many times a second — a
 * dashboard's reads, a household step's projection and the audit chain's append under its lock:
 * Postgres parses it once per connection, and plans it once where a generic plan costs no more
 * than one made for the values (a `LIKE $1` keeps being planned per call). On a unit's to-do list,
 * planning took about as long as running the statements. The same rows and errors
 * (`QueryFailedError`) as `manager.query`, logged the same way, on the transaction's connection
 * inside one. The text must be fixed — values only as `$n` parameters — and hold one statement.
 * Not for use behind a connection pooler in transaction mode that does not keep prepared statements.
 */
export async function preparedQuery<Row>(
  manager: EntityManager,
  text: string,
  params: unknown[],
): Promise<Row[]> {
  // A finished transaction's manager: its connection may already serve another caller.
  if (manager.queryRunner?.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const logger = manager.connection.logger;
  try {
    const client = (await runner.connect()) as PoolClient;
    logger.logQuery(text, params, runner);
    try {
      return (await client.query({ name: statementName(text), text, values: params })).rows as Row[];
    } catch (error) {
      logger.logQueryError(error as Error, text, params, runner);
      throw new QueryFailedError(text, params, error as Error);
    }
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
