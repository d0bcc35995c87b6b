import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/configure-app';
import { AccessCache } from '../apps/api/src/auth/access-cache';
import { AccessChangeListener } from '../apps/api/src/auth/access-change-listener';
import { hashSecret } from '../apps/api/src/auth/secrets';
import { AuthenticationQueries } from '../libs/database/src/identity/authentication.queries';
import { eventually } from './support/eventually';
import { createOrgFixture, FIXTURE_PASSWORD, OrgFixture, Person } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/** Another API process's change, as it reaches this one: only through the notification. */
const NOTIFIED_WITHIN = { timeoutMs: 2_000, intervalMs: 50 };

/**
 * The access guard's cache on the real Postgres: a warm cache answers without the lookup query, and
 * every change that can alter whom a token acts for applies to the very next request — made through
 * this API process (it drops the entry itself) or in SQL as another process would (the
 * `access_change` notification drops it within moments, far inside the 30 s TTL).
 */
describe('the access cache', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  let cache: AccessCache;
  let listener: AccessChangeListener;
  let queries: AuthenticationQueries;
  let sessionLookups: jest.SpyInstance;
  let tokenLookups: jest.SpyInstance;
  const pg = () => new Client({ connectionString: system.databaseUrl });
  let sql: Client;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
    cache = system.api.get(AccessCache);
    listener = system.api.get(AccessChangeListener);
    queries = system.api.get(AuthenticationQueries);
    sessionLookups = jest.spyOn(queries, 'personOfSession');
    tokenLookups = jest.spyOn(queries, 'personOfApiToken');
    sql = pg();
    await sql.connect();
  });
  // Each test starts once the notifications of the one before have been handled (they are
  // delivered in commit order: a marker's arrival means every earlier one has come).
  beforeEach(async () => {
    const marker = randomUUID();
    const handled = jest.spyOn(cache, 'forgetUser');
    try {
      await sql.query(`SELECT pg_notify('access_change', $1)`, [marker]);
      await eventually(
        () => Promise.resolve(handled.mock.calls.some(([id]) => id === marker)),
        Boolean,
        'the notifications before this test handled',
        NOTIFIED_WITHIN,
      );
    } finally {
      handled.mockRestore();
    }
  });
  afterAll(async () => {
    await sql?.end();
    await system?.close();
  });

  const login = async (username: Person) =>
    (await system.http().post('/api/auth/login').send({ username, password: FIXTURE_PASSWORD }).expect(200))
      .body as { accessToken: string; refreshToken: string };
  const me = (token: string) => system.http().get('/api/users/me').set('Authorization', `Bearer ${token}`);
  const lookupsOf = (userId: string) => sessionLookups.mock.calls.filter(([sub]) => sub === userId).length;
  /** Two requests: the first fills the cache, the second is answered from it. */
  const warm = async (token: string, userId: string) => {
    await me(token).expect(200);
    const before = lookupsOf(userId);
    await me(token).expect(200);
    expect(lookupsOf(userId)).toBe(before);
  };
  const status = async (token: string) => (await me(token)).status;
  /** Polls until `token` is answered `expected` (a change reaching this process by its notification). */
  const answersWithin2s = (token: string, expected: number, what: string) =>
    eventually(
      () => status(token),
      (s) => s === expected,
      what,
      NOTIFIED_WITHIN,
    );

  it('listens from the start, with the 30 s default', () => {
    expect(listener.listening).toBe(true);
    expect(cache.active).toBe(true);
    expect(cache.ttlMs).toBe(30_000);
  });

  it('answers a warm session without running the lookup query', async () => {
    const { accessToken } = await login('deptA');
    const before = lookupsOf(fixture.ids.deptA);
    for (let i = 0; i < 5; i++) await me(accessToken).expect(200);
    expect(lookupsOf(fixture.ids.deptA)).toBe(before + 1);
  });

  it('answers a warm API token without the lookup, and still records its use once a minute', async () => {
    const created = await system
      .http()
      .post(`/api/users/${fixture.ids.inspector}/api-tokens`)
      .set('Authorization', system.adminAuth)
      .send({ name: '缓存测试' })
      .expect(201);
    const { token, id } = created.body as { token: string; id: string };
    const before = tokenLookups.mock.calls.length;
    for (let i = 0; i < 5; i++) await me(token).expect(200);
    expect(tokenLookups.mock.calls.length).toBe(before + 1);

    // A minute later (as far as this process knows), a hit writes the use again, without waiting for it.
    await sql.query(`UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    const entry = cache.get(`api-token:${hashSecret(token)}`);
    expect(entry).toBeDefined();
    entry!.touchedAt -= 61_000;
    await me(token).expect(200);
    expect(tokenLookups.mock.calls.length).toBe(before + 1);
    const recent = async () =>
      (
        await sql.query<{ recent: boolean }>(
          `SELECT last_used_at > now() - interval '30 seconds' AS recent FROM api_token WHERE id = $1`,
          [id],
        )
      ).rows[0].recent;
    await eventually(recent, (r) => r, 'the use recorded from a cached answer', NOTIFIED_WITHIN);
    // Within the minute, a hit writes nothing (the row keeps the time just written).
    const [{ at }] = (
      await sql.query<{ at: Date }>(`SELECT last_used_at AS at FROM api_token WHERE id = $1`, [id])
    ).rows;
    await me(token).expect(200);
    await me(token).expect(200);
    const [{ again }] = (
      await sql.query<{ again: Date }>(`SELECT last_used_at AS again FROM api_token WHERE id = $1`, [id])
    ).rows;
    expect(again.getTime()).toBe(at.getTime());

    await system
      .http()
      .delete(`/api/users/${fixture.ids.inspector}/api-tokens/${id}`)
      .set('Authorization', system.adminAuth)
      .expect(204);
    expect((await me(token).expect(401)).body).toMatchObject({ code: 'NOT_AUTHENTICATED' });
  });

  describe('a change through the API applies to the very next request, cache warm', () => {
    // This process drops the entry itself once the change is committed: these pass with the
    // notifications ignored (the other processes' way of hearing of it).
    let muted: jest.SpyInstance;
    beforeEach(() => {
      muted = jest
        .spyOn(listener as unknown as { notified(): void }, 'notified')
        .mockImplementation(() => undefined);
    });
    afterEach(() => muted.mockRestore());

    it('(while notifications are ignored, a change in SQL is not seen: the cache answers)', async () => {
      const { accessToken } = await login('deptB');
      await warm(accessToken, fixture.ids.deptB);
      await sql.query(`UPDATE app_user SET must_change_password = true WHERE id = $1`, [fixture.ids.deptB]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await me(accessToken).expect(200);
      await sql.query(`UPDATE app_user SET must_change_password = false WHERE id = $1`, [fixture.ids.deptB]);
      expect(muted).toHaveBeenCalled();
    });

    it('sign-out', async () => {
      const session = await login('deptB');
      await warm(session.accessToken, fixture.ids.deptB);
      await system.http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
      await me(session.accessToken).expect(401);
    });

    it('a reused refresh token ends every session', async () => {
      const session = await login('command');
      const other = await login('command');
      await warm(session.accessToken, fixture.ids.command);
      await warm(other.accessToken, fixture.ids.command);
      await system.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
      await system.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      await me(session.accessToken).expect(401);
      await me(other.accessToken).expect(401);
    });

    it('a role change', async () => {
      const session = await login('leader');
      const audit = () =>
        system.http().get('/api/leader-queue').set('Authorization', `Bearer ${session.accessToken}`);
      await audit().expect(200);
      await audit().expect(200);
      await system
        .http()
        .patch(`/api/users/${fixture.ids.leader}`)
        .set('Authorization', system.adminAuth)
        .send({ roles: ['department'], reason: '调整岗位' })
        .expect(200);
      expect((await audit().expect(403)).body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    });

    it("an administrator's password reset (a new password due first)", async () => {
      const session = await login('villageA');
      await warm(session.accessToken, fixture.ids.villageA);
      await system
        .http()
        .post(`/api/users/${fixture.ids.villageA}/password`)
        .set('Authorization', system.adminAuth)
        .send({ password: 'a-new-password-456' })
        .expect(204);
      expect((await me(session.accessToken)).body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    });

    it("an API token's revocation", async () => {
      const created = await system
        .http()
        .post(`/api/users/${fixture.ids.inspector}/api-tokens`)
        .set('Authorization', system.adminAuth)
        .send({ name: '吊销测试' })
        .expect(201);
      const { token, id } = created.body as { token: string; id: string };
      await me(token).expect(200);
      const before = tokenLookups.mock.calls.length;
      await me(token).expect(200);
      expect(tokenLookups.mock.calls.length).toBe(before);
      await system
        .http()
        .delete(`/api/users/${fixture.ids.inspector}/api-tokens/${id}`)
        .set('Authorization', system.adminAuth)
        .expect(204);
      await me(token).expect(401);
    });

    it('a deactivation', async () => {
      const session = await login('deptA');
      await warm(session.accessToken, fixture.ids.deptA);
      await system
        .http()
        .patch(`/api/users/${fixture.ids.deptA}`)
        .set('Authorization', system.adminAuth)
        .send({ active: false, reason: '调离' })
        .expect(200);
      await me(session.accessToken).expect(401);
      await system
        .http()
        .patch(`/api/users/${fixture.ids.deptA}`)
        .set('Authorization', system.adminAuth)
        .send({ active: true, reason: '调回' })
        .expect(200);
    });
  });

  describe('a change made in SQL, as another API process would, is seen within 2 s', () => {
    it('a deactivation; a rolled-back one changes nothing', async () => {
      const { accessToken } = await login('deptA');
      await warm(accessToken, fixture.ids.deptA);
      await sql.query('BEGIN');
      await sql.query(`UPDATE app_user SET active = false WHERE id = $1`, [fixture.ids.deptA]);
      await sql.query('ROLLBACK');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = lookupsOf(fixture.ids.deptA);
      await me(accessToken).expect(200);
      expect(lookupsOf(fixture.ids.deptA)).toBe(before);

      await sql.query(`UPDATE app_user SET active = false WHERE id = $1`, [fixture.ids.deptA]);
      await answersWithin2s(accessToken, 401, 'the deactivation');
      await sql.query(`UPDATE app_user SET active = true WHERE id = $1`, [fixture.ids.deptA]);
      await answersWithin2s(accessToken, 200, 'the reactivation');
    });

    it("a session's refresh token revoked", async () => {
      const { accessToken } = await login('deptB');
      await warm(accessToken, fixture.ids.deptB);
      await sql.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1`, [fixture.ids.deptB]);
      await answersWithin2s(accessToken, 401, 'the revocation');
    });

    it("a unit's path (everyone's entries go)", async () => {
      const { accessToken } = await login('deptA');
      await warm(accessToken, fixture.ids.deptA);
      expect(cache.size).toBeGreaterThan(0);
      await sql.query(`UPDATE unit SET path = path WHERE code = 'tA'`); // no change: no notification
      await sql.query(`UPDATE unit SET name = '甲镇（新）' WHERE code = 'tA'`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cache.size).toBeGreaterThan(0);
      await sql.query(`UPDATE unit SET path = '/c1/tA2/' WHERE code = 'tA'`);
      await eventually(
        () => Promise.resolve(cache.size),
        (n) => n === 0,
        'the cache emptied',
        NOTIFIED_WITHIN,
      );
      await sql.query(`UPDATE unit SET path = '/c1/tA/' WHERE code = 'tA'`);
    });
  });

  it("a change through one API process reaches another process's warm cache within 2 s", async () => {
    const second = await createApiApp({ logger: ['error'] });
    try {
      const other = (token: string) =>
        request(second.getHttpServer()).get('/api/users/me').set('Authorization', `Bearer ${token}`);
      const secondLookups = jest.spyOn(second.get(AuthenticationQueries), 'personOfSession');
      const { accessToken } = await login('command');
      await other(accessToken).expect(200);
      await other(accessToken).expect(200);
      expect(secondLookups).toHaveBeenCalledTimes(1);
      await system
        .http()
        .patch(`/api/users/${fixture.ids.command}`)
        .set('Authorization', system.adminAuth)
        .send({ active: false, reason: '调离' })
        .expect(200);
      await eventually(
        async () => (await other(accessToken)).status,
        (s) => s === 401,
        'the other process refusing',
        NOTIFIED_WITHIN,
      );
    } finally {
      await second.close();
    }
  });

  it('is emptied and bypassed while its LISTEN connection is lost, and caches again once it is back', async () => {
    const { accessToken } = await login('deptB');
    const audit = () => system.http().get('/api/leader-queue').set('Authorization', `Bearer ${accessToken}`);
    await warm(accessToken, fixture.ids.deptB);
    // Reconnecting held back while the test looks at the outage (it retries after a second otherwise).
    const reconnect = listener as unknown as { connect(): Promise<void> };
    const held = jest.spyOn(reconnect, 'connect').mockResolvedValue(undefined);
    try {
      await sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'campaign-engine-access' AND datname = current_database()`,
      );
      await eventually(
        () => Promise.resolve(listener.listening),
        (up) => !up,
        'the connection seen lost',
        NOTIFIED_WITHIN,
      );
      expect(cache.size).toBe(0);
      const before = lookupsOf(fixture.ids.deptB);
      await me(accessToken).expect(200);
      await me(accessToken).expect(200);
      expect(lookupsOf(fixture.ids.deptB)).toBe(before + 2);
      expect(cache.size).toBe(0);
    } finally {
      held.mockRestore();
    }
    await reconnect.connect();
    expect(listener.listening).toBe(true);
    await warm(accessToken, fixture.ids.deptB);
    await audit().expect(403);
    await sql.query(`UPDATE app_user SET roles = '{leadership}' WHERE id = $1`, [fixture.ids.deptB]);
    await eventually(
      async () => (await audit()).status,
      (s) => s === 200,
      'the role change',
      NOTIFIED_WITHIN,
    );
  });
});
