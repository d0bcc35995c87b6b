import { Client } from 'pg';
import { createOrgFixture, FIXTURE_PASSWORD, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

describe('sign-in, sessions and API tokens', () => {
  let system: TestSystem;
  let fixture: OrgFixture;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  const login = (username: string, password: string) =>
    system.http().post('/api/auth/login').send({ username, password });

  it('signs in with the right password and the token identifies the caller', async () => {
    const session = await login('deptA', FIXTURE_PASSWORD).expect(200);
    expect(session.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await system
      .http()
      .get('/api/users/me')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'deptA', unitCode: 'tA', roles: ['department'] });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await login('deptB', 'not-the-password').expect(401);
    const unknown = await login('nobody', 'not-the-password').expect(401);
    expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
    expect(unknown.body).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('locks an account after five wrong passwords in a row, refuses even the right one, and records it', async () => {
    for (let i = 0; i < 5; i++) await login('inspector', 'wrong-password').expect(401);
    const locked = await login('inspector', FIXTURE_PASSWORD).expect(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message).toMatch(/^账户已锁定，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 后重试$/);
    expect(Date.parse(locked.body.details.lockedUntil) - Date.now()).toBeGreaterThan(14 * 60_000);

    const history = await system
      .http()
      .get(`/api/audit?subject=user:${fixture.ids.inspector}`)
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('user.locked');

    // an admin lifts the lock
    await system
      .http()
      .post(`/api/users/${fixture.ids.inspector}/unlock`)
      .set('Authorization', system.adminAuth)
      .expect(200);
    await login('inspector', FIXTURE_PASSWORD).expect(200);
  });

  it('resets the failure count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await login('leader', 'wrong-password').expect(401);
    await login('leader', FIXTURE_PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await login('leader', 'wrong-password').expect(401);
    await login('leader', FIXTURE_PASSWORD).expect(200);
  });

  it('rotates refresh tokens: each works once, and a reused one ends every session of the user', async () => {
    const first = await login('command', FIXTURE_PASSWORD).expect(200);
    const second = await system
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toEqual(first.body.refreshToken);
    // replaying the spent token is refused, and closes the session that the rotation opened
    await system.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await system
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(401);
  });

  it('ends a session on logout', async () => {
    const session = await login('command', FIXTURE_PASSWORD).expect(200);
    await system
      .http()
      .post('/api/auth/logout')
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);
    await system
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(401);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const pg = new Client({ connectionString: system.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE username = 'deptA'`,
    );
    await pg.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toContain(FIXTURE_PASSWORD);
  });

  it('issues API tokens for machine clients that act as their user until revoked', async () => {
    const created = await system
      .http()
      .post(`/api/users/${fixture.ids.command}/api-tokens`)
      .set('Authorization', system.adminAuth)
      .send({ name: '大屏对接' })
      .expect(201);
    expect(created.body.token).toMatch(/^cwe_/);
    const auth = `Bearer ${created.body.token}`;
    const me = await system.http().get('/api/users/me').set('Authorization', auth).expect(200);
    expect(me.body.username).toBe('command');

    const listed = await system
      .http()
      .get(`/api/users/${fixture.ids.command}/api-tokens`)
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.body.id, name: '大屏对接', revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    await system
      .http()
      .delete(`/api/users/${fixture.ids.command}/api-tokens/${created.body.id}`)
      .set('Authorization', system.adminAuth)
      .expect(204);
    await system.http().get('/api/users/me').set('Authorization', auth).expect(401);
  });

  it('stops every way in when a person is deactivated', async () => {
    const session = await login('villageA', FIXTURE_PASSWORD).expect(200);
    await system
      .http()
      .patch(`/api/users/${fixture.ids.villageA}`)
      .set('Authorization', system.adminAuth)
      .send({ active: false, reason: '调离' })
      .expect(200);
    await system
      .http()
      .get('/api/users/me')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(401);
    await login('villageA', FIXTURE_PASSWORD).expect(401);
  });

  it('lets people change their own password with the current one', async () => {
    const auth = await system.login('deptB', FIXTURE_PASSWORD);
    await system
      .http()
      .post('/api/users/me/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'wrong-one', newPassword: 'a-new-password-456' })
      .expect(401);
    await system
      .http()
      .post('/api/users/me/password')
      .set('Authorization', auth)
      .send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'short' })
      .expect(400);
    await system
      .http()
      .post('/api/users/me/password')
      .set('Authorization', auth)
      .send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a-new-password-456' })
      .expect(204);
    await login('deptB', 'a-new-password-456').expect(200);
  });
});

describe('sign-in rate limit', () => {
  let system: TestSystem;

  const usual = process.env.LOGIN_RATE_LIMIT_PER_MINUTE;

  beforeAll(async () => {
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '3';
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = usual;
    await system?.close();
  });

  it('answers 429 once a client exceeds the sign-in attempts allowed per minute for one username', async () => {
    for (let i = 0; i < 3; i++)
      await system.http().post('/api/auth/login').send({ username: 'x', password: 'y' }).expect(401);
    const limited = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y' })
      .expect(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: '请求过于频繁，请稍后再试',
    });
  });

  it('limits the browser sign-in the same way', async () => {
    for (let i = 0; i < 3; i++)
      await system.http().post('/api/auth/web/login').send({ username: 'x', password: 'y' }).expect(401);
    const limited = await system
      .http()
      .post('/api/auth/web/login')
      .send({ username: 'x', password: 'y' })
      .expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
