import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import request from 'supertest';
import { AccessChangeListener } from '../apps/api/src/auth/access-change-listener';
import { createApiApp } from '../apps/api/src/configure-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { runMigrations } from '../libs/database/src/migrate';
import { roundTrip } from './support/round-trip';
import { TEST_ADMIN } from './support/test-servers';

/**
 * The production roles for real: the compose file's Postgres init step (deploy/postgres/init/roles.psql,
 * its statements run here with fresh names), `npm run migrate` as a schema owner without CREATEROLE,
 * and the API and the worker connected as a login that is only a member of campaign_app.
 */
const INIT_SQL = path.join(__dirname, '..', 'deploy', 'postgres', 'init', 'roles.psql');

/** roles.psql with its psql variables replaced the way psql does (`:"x"` identifier, `:'x'` literal). */
function initStatements(variables: Record<string, string>): string[] {
  const text = fs
    .readFileSync(INIT_SQL, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\'))
    .join('\n')
    .replace(/:"(\w+)"/g, (_, name: string) => escapeIdentifier(variables[name]))
    .replace(/:'(\w+)'/g, (_, name: string) => escapeLiteral(variables[name]));
  expect(text).not.toMatch(/:['"]\w+['"]/);
  return text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

describe('least privilege: migrate as an owner without CREATEROLE, run as a member of campaign_app', () => {
  const suffix = randomBytes(4).toString('hex');
  const names = {
    owner_role: `owner_${suffix}`,
    owner_password: randomBytes(12).toString('hex'),
    app_login: `api_${suffix}`,
    app_password: randomBytes(12).toString('hex'),
    temporal_role: `temporal_${suffix}`,
    temporal_password: randomBytes(12).toString('hex'),
    database: `lp_${suffix}`,
  };
  const base = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://missing');
  const urlAs = (user: string, password: string) => {
    const url = new URL(base);
    url.username = user;
    url.password = password;
    url.pathname = `/${names.database}`;
    return url.toString();
  };
  const ownerUrl = urlAs(names.owner_role, names.owner_password);
  const appUrl = urlAs(names.app_login, names.app_password);
  const superuser = new Client({ connectionString: base.toString() });
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  const saved = { ...process.env };
  const warnings: string[] = [];

  beforeAll(async () => {
    await superuser.connect();
    for (const statement of initStatements(names)) {
      try {
        await superuser.query(statement);
      } catch (error) {
        // roles are cluster-wide: other test databases of this server made campaign_app already
        if (!(
          statement === 'CREATE ROLE campaign_app NOLOGIN' && (error as { code?: string }).code === '42710'
        ))
          throw error;
      }
    }
    jest.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    jest.restoreAllMocks();
    process.env = saved;
    await superuser.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(names.database)} WITH (FORCE)`);
    for (const role of [names.app_login, names.owner_role, names.temporal_role])
      await superuser.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
    await superuser.end();
  });

  it('the init step makes an owner that may not create roles, and a login that is only a member of campaign_app', async () => {
    const { rows } = await superuser.query<{
      rolname: string;
      super: boolean;
      createrole: boolean;
      createdb: boolean;
    }>(
      `SELECT rolname, rolsuper AS super, rolcreaterole AS createrole, rolcreatedb AS createdb
         FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
      [[names.owner_role, names.app_login, names.temporal_role]],
    );
    expect(rows).toEqual(
      [
        { rolname: names.app_login, super: false, createrole: false, createdb: false },
        { rolname: names.owner_role, super: false, createrole: false, createdb: false },
        { rolname: names.temporal_role, super: false, createrole: false, createdb: true },
      ].sort((a, b) => a.rolname.localeCompare(b.rolname)),
    );
    const member = await superuser.query(`SELECT pg_has_role($1, 'campaign_app', 'MEMBER') AS member`, [
      names.app_login,
    ]);
    expect(member.rows).toEqual([{ member: true }]);
  });

  it('npm run migrate works as that owner: the role creation is skipped with a message, everything else applied', async () => {
    const ran = await runMigrations(ownerUrl);
    expect(ran.length).toBeGreaterThan(5);
    expect(warnings).toContain(
      `role campaign_app exists; ${names.owner_role} may not create roles (no CREATEROLE), so its creation is skipped`,
    );
    await expect(runMigrations(ownerUrl)).resolves.toEqual([]);
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(
      `SELECT count(*)::int AS foreign FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user`,
    );
    await owner.end();
    expect(rows).toEqual([{ foreign: 0 }]);
  });

  it('the API and the worker run as the campaign_app member: first admin, sign-in, an idempotent command through Temporal, audit chain intact', async () => {
    Object.assign(process.env, {
      DATABASE_URL: appUrl,
      TEMPORAL_TASK_QUEUE: `lp-${suffix}`,
      DB_MIGRATE_ON_START: 'false',
    });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    api = await createApiApp();
    // The access cache's LISTEN connection, as that login (LISTEN and the triggers' pg_notify need no grant).
    expect(api.get(AccessChangeListener).listening).toBe(true);
    const http = () => request(api!.getHttpServer() as Parameters<typeof request>[0]);

    const login = await http().post('/api/auth/login').send(TEST_ADMIN).expect(200);
    const auth = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
    const key = `lp-${suffix}`;
    await expect(roundTrip(http, auth, key)).resolves.toMatchObject({ replayed: false });
    await expect(roundTrip(http, auth, key)).resolves.toMatchObject({ replayed: true });
    await http().get('/api/audit/verify').set('Authorization', auth).expect(200);
  });

  it('that login may append to the audit trail but not change it, and may not create tables', async () => {
    const app = new Client({ connectionString: appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE audit_entry SET reason = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_entry`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`CREATE TABLE intruder (id int)`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`CREATE ROLE intruder`)).rejects.toThrow(/permission denied/);
      const { rows } = await app.query<{ entries: number }>(
        `SELECT count(*)::int AS entries FROM audit_entry`,
      );
      expect(rows[0].entries).toBeGreaterThan(0);
    } finally {
      await app.end();
    }
  });
});
