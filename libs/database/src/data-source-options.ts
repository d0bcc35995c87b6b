import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The pool of a long-running process (DB_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS). */
export interface PoolSettings {
  DB_POOL_SIZE: number;
  /** 0: no limit (Postgres's default). */
  DB_STATEMENT_TIMEOUT_MS: number;
}

/**
 * The one place TypeORM is configured: the API, the worker, the migration CLI and tests use it.
 * The API and the worker pass their `pool` settings; migrations run without a statement timeout.
 */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
  pool?: PoolSettings,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // A request waits at most this long for a connection (new or pooled): Postgres down answers
    // 503 DATABASE_UNAVAILABLE within seconds instead of hanging.
    extra: {
      max: pool?.DB_POOL_SIZE ?? 20,
      // node-postgres sends it as a startup parameter: every statement of every pooled connection
      ...(pool?.DB_STATEMENT_TIMEOUT_MS ? { statement_timeout: pool.DB_STATEMENT_TIMEOUT_MS } : {}),
      application_name: process.env.APP_NAME ?? 'campaign-engine',
      connectionTimeoutMillis: 3000,
    },
    ...overrides,
  } as DataSourceOptions;
}
