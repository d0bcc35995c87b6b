import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { tolerateOwnerWithoutCreateRole } from './role-creation';

// Any fixed number: all processes that migrate the same database take this one lock.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations and returns the names it ran. A Postgres advisory lock makes
 * concurrent starts (API replicas, the worker) wait for each other instead of racing. The owner
 * that migrates needs no CREATEROLE once the roles the migrations create exist (`role-creation.ts`).
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await tolerateOwnerWithoutCreateRole(dataSource);
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
