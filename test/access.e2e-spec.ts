import { setTimeout as sleep } from 'node:timers/promises';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { ACCESS_MATRIX } from './access-matrix';
import { addCampaignFixture } from './support/campaign-fixture';
import { addHousingFixture } from './support/housing-fixture';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { listRoutes, RouteInfo } from './support/routes';
import { startTestSystem, TestSystem } from './support/test-system';

const TABLES = [
  'unit',
  'app_user',
  'api_token',
  'audit_entry',
  'diagnostic_round_trip',
  'ledger',
  'rectification_item',
  'rectification_event',
  'evidence_file',
  'item_comment',
  'notification',
  'bulletin',
  'housing_programme',
  'household_import',
  'household',
  'household_stage_count',
  'household_event',
  'household_evidence',
  'subsidy_payment',
  'working_calendar_day',
  'working_calendar_year',
  'campaign',
  'campaign_plan_version',
  'campaign_task',
  'campaign_task_event',
  'campaign_evidence',
  'campaign_pledge',
  'campaign_escalation',
  'campaign_bulletin',
  'campaign_change',
];

/** A fingerprint of every row that a refused request must leave untouched. */
async function snapshot(databaseUrl: string): Promise<Record<string, string>> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const result: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await pg.query<{ digest: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM ${table} t`,
      );
      result[table] = rows[0].digest;
    }
    return result;
  } finally {
    await pg.end();
  }
}

/** A notification addressed to deptA, written directly (escalations write them in real use). */
async function notificationFor(databaseUrl: string, recipientId: string): Promise<string> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
     VALUES ($1, 'fixture', 'escalation.reminder', '催办单', '请按期整改', 'rectification:x') RETURNING id`,
    [recipientId],
  );
  await pg.end();
  return rows[0].id;
}

describe('access control', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  let routes: RouteInfo[];

  beforeAll(async () => {
    system = await startTestSystem();
    fixture = await createOrgFixture(system);
    await addRectificationFixture(system, fixture);
    fixture.objects.notificationOfDeptA = await notificationFor(system.databaseUrl, fixture.ids.deptA);
    const housing = await addHousingFixture(system, fixture);
    fixture.objects.programme = housing.programme;
    fixture.objects.householdA = housing.households['H-A1'];
    fixture.objects.householdB = housing.households['H-B1'];
    await addCampaignFixture(system, fixture);
    routes = listRoutes(system.api);
  });
  afterAll(async () => {
    await system?.close();
  });

  it('lists every route of the application in the access matrix, with the roles the route declares', () => {
    const appKeys = routes.map((r) => r.key);
    expect(appKeys.filter((key) => !(key in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((key) => !appKeys.includes(key))).toEqual([]);
    for (const route of routes) {
      const entry = ACCESS_MATRIX[route.key];
      if ('public' in entry) {
        expect({ route: route.key, public: route.isPublic }).toEqual({ route: route.key, public: true });
      } else {
        expect({ route: route.key, roles: [...(route.roles ?? [])].sort() }).toEqual({
          route: route.key,
          roles: [...entry.roles].sort(),
        });
      }
    }
  });

  it('has no route without declared roles (deny by default)', () => {
    expect(routes.filter((r) => !r.isPublic && !(r.roles && r.roles.length > 0)).map((r) => r.key)).toEqual(
      [],
    );
  });

  it('has a per-object case for every route that changes data', () => {
    const uncovered = routes
      .filter((r) => r.method !== 'GET')
      .filter((r) => {
        const entry = ACCESS_MATRIX[r.key];
        return !('public' in entry) && !entry.otherUnit && !entry.selfOnly;
      })
      .map((r) => r.key);
    expect(uncovered).toEqual([]);
  });

  const mutating = Object.entries(ACCESS_MATRIX).filter(
    ([key, entry]) => !key.startsWith('GET') && 'roles' in entry && entry.otherUnit,
  );
  it.each(mutating)('%s: refused for a user of another unit, and nothing changes', async (key, entry) => {
    if (!('roles' in entry) || !entry.otherUnit) throw new Error('unreachable');
    const method = key.split(' ')[0].toLowerCase() as 'post' | 'patch' | 'put' | 'delete';
    const { path, body, file } = entry.otherUnit.request(fixture);
    const before = await snapshot(system.databaseUrl);
    const request = system.http()[method](path).set('Authorization', fixture.auth[entry.otherUnit.actor]);
    const response = await (file
      ? request.attach('file', file.content, file.name)
      : request.send(body ?? {}));
    expect({ key, refused: [403, 404].includes(response.status) }).toEqual({ key, refused: true });
    expect(await snapshot(system.databaseUrl)).toEqual(before);
  });

  it("refuses 乙镇's department another unit's task list and tasks, and lets it read its own", async () => {
    const as = (path: string) => system.http().get(path).set('Authorization', fixture.auth.deptB);
    expect([403, 404]).toContain((await as('/api/units/tA/tasks')).status);
    await as('/api/units/tB/tasks').expect(200);
    expect((await as(`/api/campaigns/${fixture.objects.campaign}/tasks/TA`).expect(403)).body).toMatchObject({
      code: 'NOT_YOUR_TASK',
    });
    await as(`/api/campaigns/${fixture.objects.campaign}/tasks/TB`).expect(200);
    await as(`/api/campaigns/${fixture.objects.campaignOfA}`).expect(404);
    // a task's notices follow the task's check: another unit's are refused, its own are listed
    expect(
      (await as(`/api/campaigns/${fixture.objects.campaign}/tasks/TA/notices/xlsx`).expect(403)).body,
    ).toMatchObject({ code: 'NOT_YOUR_TASK' });
    await as(
      `/api/campaigns/${fixture.objects.campaign}/tasks/TA/notices/00000000-0000-4000-8000-000000000000/html`,
    ).expect(403);
    await as(`/api/campaigns/${fixture.objects.campaign}/tasks/TB/notices/xlsx`).expect(200);
    await as(`/api/campaigns/${fixture.objects.campaignOfA}/final-report/html`).expect(404);
    // an item of 甲镇 and its notices are not 乙镇's to see
    await as(`/api/rectifications/${fixture.objects.item}/notices/xlsx`).expect(404);
  });

  it('refuses requests without a token, and with a forged one', async () => {
    await system.http().get('/api/users/me').expect(401);
    const forged = await system
      .http()
      .get('/api/users/me')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x')
      .expect(401);
    expect(forged.body).toMatchObject({ statusCode: 401, code: 'NOT_AUTHENTICATED' });
  });

  it('refuses a session token from the second of its expiry, though its signature was checked before', async () => {
    const jwt = new JwtService();
    const valid = fixture.auth.deptA.slice('Bearer '.length);
    const { sub, sid } = jwt.decode<{ sub: string; sid: string }>(valid);
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await jwt.signAsync(
      { sub, sid, exp: expiresAt },
      { secret: process.env.JWT_SECRET, algorithm: 'HS256', issuer: 'campaign-engine' },
    );
    const me = (token: string) => system.http().get('/api/users/me').set('Authorization', `Bearer ${token}`);
    expect((await me(shortLived).expect(200)).body).toMatchObject({ username: 'deptA' });
    // the same claims under another signature are refused, though those claims passed a moment ago
    await me(`${shortLived.slice(0, shortLived.lastIndexOf('.'))}.x${shortLived.slice(-10)}`).expect(401);
    await sleep(expiresAt * 1000 - Date.now() + 50);
    expect((await me(shortLived).expect(401)).body).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    await me(valid).expect(200);
  });

  it('lets a department read people of its own unit and the units below it, and no others', async () => {
    const list = await system.http().get('/api/users').set('Authorization', fixture.auth.deptA).expect(200);
    expect((list.body as Array<{ username: string }>).map((u) => u.username).sort()).toEqual([
      'deptA',
      'villageA',
    ]);
    await system
      .http()
      .get(`/api/users/${fixture.ids.villageA}`)
      .set('Authorization', fixture.auth.deptA)
      .expect(200);
    await system
      .http()
      .get(`/api/users/${fixture.ids.deptB}`)
      .set('Authorization', fixture.auth.deptA)
      .expect(404);
    // a village does not see its township
    await system
      .http()
      .get(`/api/users/${fixture.ids.deptA}`)
      .set('Authorization', fixture.auth.villageA)
      .expect(404);
  });

  it('lets leadership and the command center read across units', async () => {
    for (const person of ['leader', 'command', 'inspector'] as const) {
      const list = await system
        .http()
        .get('/api/users')
        .set('Authorization', fixture.auth[person])
        .expect(200);
      expect((list.body as unknown[]).length).toBe(8); // the admin, six fixture people and the bureau's
    }
  });
});
