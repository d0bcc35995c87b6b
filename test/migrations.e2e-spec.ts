import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { runMigrations } from '../libs/database/src/migrate';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { createTestDatabase } from './support/test-database';

/**
 * Databases of every age end with one schema: a database migrated with the as-landed migrations,
 * then the new ones, equals a fresh one; so does one that ran the in-place edits (what databases
 * created while those edits were on main received). Migrating on start races nothing.
 */

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

async function emptyDatabase(): Promise<Database> {
  // createTestDatabase migrates; start from nothing by dropping every object it made.
  const database = await createTestDatabase();
  await query(database.url, `DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  return database;
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function migrateWith(url: string, migrations: typeof MIGRATIONS): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url, { migrations })).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Tables' columns, indexes, constraints, triggers, functions and the application role's grants. */
async function schemaOf(url: string): Promise<Record<string, string[]>> {
  const lines = async (sql: string) =>
    (await query<{ line: string }>(url, sql)).map((row) => row.line).sort();
  return {
    columns: await lines(`
      SELECT concat_ws(' ', table_name, column_name, data_type, is_nullable, column_default) AS line
      FROM information_schema.columns WHERE table_schema = 'public'`),
    indexes: await lines(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`),
    constraints: await lines(`
      SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace`),
    triggers: await lines(`
      SELECT concat_ws(' ', event_object_table, trigger_name, action_timing, event_manipulation, action_statement) AS line
      FROM information_schema.triggers WHERE trigger_schema = 'public'`),
    functions: await lines(`
      SELECT proname || ' ' || md5(prosrc) AS line FROM pg_proc WHERE pronamespace = 'public'::regnamespace`),
    grants: await lines(`
      SELECT table_name || ' ' || privilege_type AS line
      FROM information_schema.role_table_grants WHERE grantee = 'campaign_app' AND table_schema = 'public'`),
  };
}

/** The migrations before the one that restores what the in-place edits added (1763900003500). */
const landedCount = MIGRATIONS.findIndex((m) => m.name.endsWith('1763900003500'));
const editedEraCount = MIGRATIONS.findIndex((m) => m.name.endsWith('1763900010000'));

describe('migrations on databases of every age', () => {
  const databases: Database[] = [];
  const database = async () => {
    const created = await emptyDatabase();
    databases.push(created);
    return created;
  };
  let fresh: Record<string, string[]>;

  beforeAll(async () => {
    const created = await database();
    await runMigrations(created.url);
    fresh = await schemaOf(created.url);
  });
  afterAll(async () => {
    for (const created of databases) await created.drop();
  });

  it('has the later changes of the edited migrations in a fresh database', () => {
    expect(landedCount).toBeGreaterThan(0);
    expect(fresh.columns).toContain('ledger items_registered integer NO 0');
    expect(fresh.triggers.join('\n')).toContain('bulletin bulletin_frozen BEFORE UPDATE');
    expect(fresh.grants.filter((line) => line.startsWith('bulletin '))).toEqual([
      'bulletin INSERT',
      'bulletin SELECT',
    ]);
    expect(fresh.indexes.join('\n')).toContain('CREATE UNIQUE INDEX schema_migrations_name_key');
  });

  it('brings a database migrated by the as-landed migrations to the fresh schema', async () => {
    const old = await database();
    await migrateWith(old.url, MIGRATIONS.slice(0, landedCount));
    expect((await schemaOf(old.url)).columns).not.toContain('ledger items_registered integer NO 0');
    await runMigrations(old.url);
    expect(await schemaOf(old.url)).toEqual(fresh);
  });

  it('brings a database that ran the in-place edits (and the landed migrations after them) to the fresh schema too', async () => {
    const edited = await database();
    await migrateWith(edited.url, MIGRATIONS.slice(0, landedCount));
    // What the edited 1763900002000 added on top of its landed text.
    await query(
      edited.url,
      `ALTER TABLE ledger ADD COLUMN items_registered int NOT NULL DEFAULT 0;
       CREATE FUNCTION bulletin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'bulletin is frozen once published: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$;
       CREATE TRIGGER bulletin_frozen BEFORE UPDATE OR DELETE ON bulletin
       FOR EACH ROW EXECUTE FUNCTION bulletin_refuse_change();
       REVOKE UPDATE, DELETE ON bulletin FROM campaign_app;`,
    );
    // Such a database went on to run every migration that was on main then, skipping the restore.
    await migrateWith(
      edited.url,
      MIGRATIONS.slice(0, editedEraCount).filter((_, index) => index !== landedCount),
    );
    await runMigrations(edited.url);
    const ran = await query<{ name: string }>(edited.url, `SELECT name FROM schema_migrations`);
    expect(ran.map((row) => row.name)).toContain('RestoreEditedMigrations1763900003500');
    expect(await schemaOf(edited.url)).toEqual(fresh);
  });

  it('lets two processes migrate an empty database at once, each migration recorded once', async () => {
    const empty = await database();
    const [first, second] = await Promise.all([runMigrations(empty.url), runMigrations(empty.url)]);
    expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    const rows = await query<{ name: string; count: string }>(
      empty.url,
      `SELECT name, count(*) AS count FROM schema_migrations GROUP BY name HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
    expect(await schemaOf(empty.url)).toEqual(fresh);
  });

  it('refuses a second row for one migration name', async () => {
    const created = databases[0];
    await expect(
      query(
        created.url,
        `INSERT INTO schema_migrations (timestamp, name) VALUES (1763900000000, 'CreateDiagnosticRoundTrip1763900000000')`,
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
