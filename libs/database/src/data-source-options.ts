import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one place TypeORM is configured: the API, the worker, the migration CLI and tests use it. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
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
      max: 20,
      application_name: process.env.APP_NAME ?? 'campaign-engine',
      connectionTimeoutMillis: 3000,
    },
    ...overrides,
  } as DataSourceOptions;
}
