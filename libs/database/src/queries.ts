import type { EntityManager } from 'typeorm';

/**
 * The base of every query class (`libs/database/src/<area>/<what>.queries.ts`): the SQL of one
 * area, each method named for what it answers, run on an EntityManager — the data source's own
 * (`dataSource.manager`), or a transaction's (`new HouseholdQueries(manager)` inside
 * `dataSource.transaction(...)`). Services and activities orchestrate and check access; the SQL
 * (raw statements, repositories, query builders) lives only in these classes.
 */
export abstract class Queries {
  constructor(protected readonly db: EntityManager) {}
}

/** A query class, as the API's ReadModelModule provides it and activities construct it. */
export type QueriesClass<Q extends Queries = Queries> = new (db: EntityManager) => Q;
