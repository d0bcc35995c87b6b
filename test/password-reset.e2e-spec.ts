/**
 * An admin's password reset: the person must choose a new password at the next sign-in. Until
 * they do, every route but changing their own password (and signing out) answers 403
 * PASSWORD_CHANGE_REQUIRED; the sign-in answers (JSON and browser) say so.
 */
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

describe('password reset by an admin', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  const resetPassword = 'reset-by-admin-789';
  const chosenPassword = 'chosen-by-person-012';

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  const bearer = (token: string) => `Bearer ${token}`;

  it('forces a new password at the next sign-in and refuses everything else until then', async () => {
    const before = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'deptA', password: 'fixture-password-123' })
      .expect(200);
    expect(before.body.mustChangePassword).toBe(false);

    await system
      .http()
      .post(`/api/users/${fixture.ids.deptA}/password`)
      .set('Authorization', system.adminAuth)
      .send({ password: resetPassword })
      .expect(204);

    // An access token issued before the reset is held back too (the flag is read on every request).
    const held = await system
      .http()
      .get('/api/users/me')
      .set('Authorization', fixture.auth.deptA)
      .expect(403);
    expect(held.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

    const json = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'deptA', password: resetPassword })
      .expect(200);
    expect(json.body.mustChangePassword).toBe(true);
    const web = await system
      .http()
      .post('/api/auth/web/login')
      .send({ username: 'deptA', password: resetPassword })
      .expect(200);
    expect(web.body).toMatchObject({ mustChangePassword: true, tokenType: 'Bearer' });

    const auth = bearer(json.body.accessToken as string);
    for (const path of ['/api/users/me', '/api/users', '/api/units', '/api/campaigns']) {
      const refused = await system.http().get(path).set('Authorization', auth).expect(403);
      expect({ path, code: refused.body.code }).toEqual({ path, code: 'PASSWORD_CHANGE_REQUIRED' });
    }

    // the same password again is not a new one
    const same = await system
      .http()
      .post('/api/users/me/password')
      .set('Authorization', auth)
      .send({ currentPassword: resetPassword, newPassword: resetPassword })
      .expect(400);
    expect(same.body.code).toBe('PASSWORD_UNCHANGED');

    await system
      .http()
      .post('/api/users/me/password')
      .set('Authorization', auth)
      .send({ currentPassword: resetPassword, newPassword: chosenPassword })
      .expect(204);
    const me = await system.http().get('/api/users/me').set('Authorization', auth).expect(200);
    expect(me.body.username).toBe('deptA');

    const after = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'deptA', password: chosenPassword })
      .expect(200);
    expect(after.body.mustChangePassword).toBe(false);

    const history = await system
      .http()
      .get(`/api/audit?subject=user:${fixture.ids.deptA}`)
      .set('Authorization', system.adminAuth)
      .expect(200);
    const actions = (history.body.items as { action: string }[]).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password-set', 'user.password-changed']));
  });

  it('keeps the flag across a refresh of the session', async () => {
    await system
      .http()
      .post(`/api/users/${fixture.ids.deptB}/password`)
      .set('Authorization', system.adminAuth)
      .send({ password: resetPassword })
      .expect(204);
    const session = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'deptB', password: resetPassword })
      .expect(200);
    const refreshed = await system
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
    expect(refreshed.body.mustChangePassword).toBe(true);
    await system
      .http()
      .get('/api/users/me')
      .set('Authorization', bearer(refreshed.body.accessToken as string))
      .expect(403);
  });
});
