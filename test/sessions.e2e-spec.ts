import { createOrgFixture, FIXTURE_PASSWORD, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/** An access token stops working the moment its session ends, not when it expires. */
describe('access tokens end with their session', () => {
  let system: TestSystem;
  let fixture: OrgFixture;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  const login = async (username: string) =>
    (await system.http().post('/api/auth/login').send({ username, password: FIXTURE_PASSWORD }).expect(200))
      .body as { accessToken: string; refreshToken: string };
  const me = (accessToken: string) =>
    system.http().get('/api/users/me').set('Authorization', `Bearer ${accessToken}`);

  it('is refused right after sign-out, while another session of the same person goes on', async () => {
    const session = await login('deptA');
    const other = await login('deptA');
    await me(session.accessToken).expect(200);
    await system.http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    const refused = await me(session.accessToken).expect(401);
    expect(refused.body).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    await me(other.accessToken).expect(200);
  });

  it('keeps working through a refresh (the session continues), and the rotated pair works too', async () => {
    const session = await login('deptB');
    const rotated = (
      await system.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)
    ).body as { accessToken: string };
    await me(session.accessToken).expect(200);
    await me(rotated.accessToken).expect(200);
  });

  it('is refused after its refresh token is reused (every session of the person ends)', async () => {
    const session = await login('command');
    const other = await login('command');
    const rotated = (
      await system.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)
    ).body as { accessToken: string };
    await system.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await me(session.accessToken).expect(401);
    await me(rotated.accessToken).expect(401);
    await me(other.accessToken).expect(401);
  });

  it('is refused right after the person is deactivated', async () => {
    const session = await login('inspector');
    await me(session.accessToken).expect(200);
    await system
      .http()
      .patch(`/api/users/${fixture.ids.inspector}`)
      .set('Authorization', system.adminAuth)
      .send({ active: false, reason: '调离' })
      .expect(200);
    await me(session.accessToken).expect(401);
  });
});
