/**
 * The browser's side of the API: sign-in by cookie with double-submit CSRF, links opened in a
 * tab, the console served from dist/web, and an API token's answer never kept for replay.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request, { type Response } from 'supertest';
import { createOrgFixture, FIXTURE_PASSWORD, OrgFixture } from './support/org-fixture';
import { createApiBehindProxy, startTestSystem, TestSystem } from './support/test-system';

/** Each Set-Cookie header as { name, value, attributes (lower-cased) }. */
function cookiesOf(response: Response): Map<string, { value: string; attributes: Map<string, string> }> {
  const raw = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, { value: string; attributes: Map<string, string> }>();
  for (const header of raw ?? []) {
    const [pair, ...rest] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const attributes = new Map(
      rest.map((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? [part.toLowerCase(), ''] : [part.slice(0, eq).toLowerCase(), part.slice(eq + 1)];
      }),
    );
    cookies.set(pair.slice(0, at), { value: decodeURIComponent(pair.slice(at + 1)), attributes });
  }
  return cookies;
}

describe('browser sessions, product links and the served console', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
  const savedWebDir = process.env.WEB_DIST_DIR;

  beforeAll(async () => {
    // A stand-in build of the console, so this spec does not depend on `npm run build:web`.
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>控制台</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'index-AbC123.js'), 'console.log(1);');
    fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    process.env.WEB_DIST_DIR = webDir;
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
    if (savedWebDir === undefined) delete process.env.WEB_DIST_DIR;
    else process.env.WEB_DIST_DIR = savedWebDir;
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const webLogin = (username = 'deptA', password = FIXTURE_PASSWORD) =>
    system.http().post('/api/auth/web/login').send({ username, password });

  const withCookies = (cookies: ReturnType<typeof cookiesOf>) =>
    [...cookies]
      .filter(([, cookie]) => cookie.value !== '')
      .map(([name, cookie]) => `${name}=${cookie.value}`);

  describe('sign-in by cookie', () => {
    it('keeps the refresh token in an HttpOnly, SameSite=Strict cookie scoped to /api/auth/web, never in the body', async () => {
      const response = await webLogin().expect(200);
      expect(Object.keys(response.body as object).sort()).toEqual([
        'accessToken',
        'expiresIn',
        'mustChangePassword',
        'tokenType',
      ]);
      expect(response.headers['cache-control']).toBe('no-store');
      const cookies = cookiesOf(response);
      const refresh = cookies.get('refresh_token');
      expect(refresh?.value).toMatch(/.{20,}/);
      expect(JSON.stringify(response.body)).not.toContain(refresh!.value);
      expect(refresh!.attributes.get('path')).toBe('/api/auth/web');
      expect(refresh!.attributes.has('httponly')).toBe(true);
      expect(refresh!.attributes.get('samesite')).toBe('Strict');
      expect(refresh!.attributes.get('max-age')).toBe(String(30 * 86_400));
      expect(refresh!.attributes.has('secure')).toBe(false); // plain HTTP here

      const csrf = cookies.get('csrf_token');
      expect(csrf?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(csrf!.attributes.get('path')).toBe('/');
      expect(csrf!.attributes.has('httponly')).toBe(false); // the console reads it
      expect(csrf!.attributes.get('samesite')).toBe('Strict');

      // The access token works on its own.
      await system
        .http()
        .get('/api/users/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
    });

    it('marks the cookies Secure when the request came over HTTPS through a trusted proxy', async () => {
      const proxied = await createApiBehindProxy();
      try {
        const response = await request(proxied.getHttpServer() as Parameters<typeof request>[0])
          .post('/api/auth/web/login')
          .send({ username: 'deptA', password: FIXTURE_PASSWORD })
          .set('X-Forwarded-Proto', 'https')
          .expect(200);
        const cookies = cookiesOf(response);
        expect(cookies.get('refresh_token')!.attributes.has('secure')).toBe(true);
        expect(cookies.get('csrf_token')!.attributes.has('secure')).toBe(true);
      } finally {
        await proxied.close();
      }
    });

    it('refuses refresh and sign-out without the CSRF header or with a wrong one (403 CSRF_MISMATCH)', async () => {
      const cookies = withCookies(cookiesOf(await webLogin().expect(200)));
      for (const route of ['refresh', 'logout']) {
        const missing = await system.http().post(`/api/auth/web/${route}`).set('Cookie', cookies).expect(403);
        expect(missing.body).toMatchObject({ code: 'CSRF_MISMATCH' });
        expect(missing.body.message).toMatch(/CSRF/);
        expect(missing.body.message).toMatch(/[\u4e00-\u9fff]/);
        const wrong = await system
          .http()
          .post(`/api/auth/web/${route}`)
          .set('Cookie', cookies)
          .set('X-CSRF-Token', 'forged-value')
          .expect(403);
        expect(wrong.body.code).toBe('CSRF_MISMATCH');
      }
    });

    it('answers a signed-out refresh (no session cookie) 401, not a CSRF refusal', async () => {
      const response = await system.http().post('/api/auth/web/refresh').expect(401);
      expect(response.body.code).toBe('REFRESH_TOKEN_INVALID');
      await system.http().post('/api/auth/web/logout').expect(204);
    });

    it('a reload refreshes by cookie and rotates both cookies; a spent refresh cookie closes the sessions', async () => {
      const first = cookiesOf(await webLogin().expect(200));
      const refreshed = await system
        .http()
        .post('/api/auth/web/refresh')
        .set('Cookie', withCookies(first))
        .set('X-CSRF-Token', first.get('csrf_token')!.value)
        .expect(200);
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      expect(refreshed.body.refreshToken).toBeUndefined();
      const second = cookiesOf(refreshed);
      expect(second.get('refresh_token')!.value).not.toBe(first.get('refresh_token')!.value);
      expect(second.get('csrf_token')!.value).not.toBe(first.get('csrf_token')!.value);
      await system
        .http()
        .get('/api/users/me')
        .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
        .expect(200);

      // The first refresh cookie again (stolen and replayed): refused, and the live session ends too.
      const reused = await system
        .http()
        .post('/api/auth/web/refresh')
        .set('Cookie', withCookies(first))
        .set('X-CSRF-Token', first.get('csrf_token')!.value)
        .expect(401);
      expect(reused.body.code).toBe('REFRESH_TOKEN_INVALID');
      expect(cookiesOf(reused).get('refresh_token')?.value).toBe(''); // cleared
      await system
        .http()
        .post('/api/auth/web/refresh')
        .set('Cookie', withCookies(second))
        .set('X-CSRF-Token', second.get('csrf_token')!.value)
        .expect(401);
    });

    it('sign-out ends the session and clears both cookies', async () => {
      const cookies = cookiesOf(await webLogin().expect(200));
      const out = await system
        .http()
        .post('/api/auth/web/logout')
        .set('Cookie', withCookies(cookies))
        .set('X-CSRF-Token', cookies.get('csrf_token')!.value)
        .expect(204);
      const cleared = cookiesOf(out);
      expect(cleared.get('refresh_token')).toMatchObject({ value: '' });
      expect(cleared.get('refresh_token')!.attributes.get('path')).toBe('/api/auth/web');
      expect(cleared.get('csrf_token')).toMatchObject({ value: '' });
      await system
        .http()
        .post('/api/auth/web/refresh')
        .set('Cookie', withCookies(cookies))
        .set('X-CSRF-Token', cookies.get('csrf_token')!.value)
        .expect(401);
    });

    it('answers a wrong password in Chinese and sets no cookie', async () => {
      const wrong = await webLogin('deptB', 'not-the-password').expect(401);
      expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('links the product gives out', () => {
    it('sends a browser navigation without a token to /open?path=…; a machine client keeps 401 JSON', async () => {
      const link = `/api/ledgers/${'0'.repeat(8)}-0000-4000-8000-000000000000/workbook/export?status=open`;
      const machine = await system.http().get(link).expect(401);
      expect(machine.body.code).toBe('NOT_AUTHENTICATED');

      const byAccept = await system
        .http()
        .get(link)
        .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
        .expect(302);
      expect(byAccept.headers.location).toBe(`/open?path=${encodeURIComponent(link)}`);
      const byFetchMode = await system.http().get(link).set('Sec-Fetch-Mode', 'navigate').expect(302);
      expect(byFetchMode.headers.location).toBe(`/open?path=${encodeURIComponent(link)}`);

      // A script's fetch (no navigation) and a POST stay JSON.
      await system
        .http()
        .get(link)
        .set('Sec-Fetch-Mode', 'cors')
        .set('Accept', 'application/json')
        .expect(401);
      await system.http().post('/api/ledgers').set('Accept', 'text/html').send({}).expect(401);
    });
  });

  describe('the served console', () => {
    it('serves index.html uncached at / and at deep links, hashed assets cached for a year', async () => {
      for (const route of ['/', '/campaigns/abc?tab=tasks', '/todo']) {
        const page = await system.http().get(route).expect(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.headers['cache-control']).toBe('no-cache');
        expect(page.text).toContain('<title>控制台</title>');
      }
      const asset = await system.http().get('/assets/index-AbC123.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/javascript/);
      await system.http().get('/assets/index-Missing.js').expect(404);
      const icon = await system.http().get('/favicon.svg').expect(200);
      expect(icon.headers['content-type']).toMatch(/svg/);
    });

    it('sends security headers that let the console run', async () => {
      const page = await system.http().get('/').expect(200);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('same-origin');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
    });

    it('keeps unknown /api paths a JSON 404', async () => {
      const response = await system.http().get('/api/no-such-thing').expect(404);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body.statusCode).toBe(404);
    });

    it('says in Chinese to build the console when dist/web is missing', async () => {
      fs.renameSync(path.join(webDir, 'index.html'), path.join(webDir, 'index.html.away'));
      try {
        const response = await system.http().get('/').expect(503);
        expect(response.headers['content-type']).toMatch(/text\/plain/);
        expect(response.text).toContain('npm run build:web');
        expect(response.text).toContain('网页控制台尚未构建');
      } finally {
        fs.renameSync(path.join(webDir, 'index.html.away'), path.join(webDir, 'index.html'));
      }
    });
  });

  describe('API tokens and Idempotency-Key', () => {
    it('dedupes token issuance by key without storing the answer that holds the secret', async () => {
      const key = 'token-issue-key-1';
      const issue = () =>
        system
          .http()
          .post(`/api/users/${fixture.ids.command}/api-tokens`)
          .set('Authorization', system.adminAuth)
          .set('Idempotency-Key', key)
          .send({ name: '报表同步' });
      const first = await issue().expect(201);
      const secret = JSON.stringify(first.body);
      expect(first.body.token).toEqual(expect.any(String));

      const retry = await issue().expect(409);
      expect(retry.body.code).toBe('IDEMPOTENT_ANSWER_NOT_STORED');
      expect(retry.body.message).toMatch(/不保存/);
      expect(JSON.stringify(retry.body)).not.toContain(first.body.token);

      const tokens = await system
        .http()
        .get(`/api/users/${fixture.ids.command}/api-tokens`)
        .set('Authorization', system.adminAuth)
        .expect(200);
      expect(tokens.body.filter((t: { name: string }) => t.name === '报表同步')).toHaveLength(1);

      const pg = new Client({ connectionString: system.databaseUrl });
      await pg.connect();
      try {
        const rows = await pg.query<{ response: unknown; completed: boolean }>(
          'SELECT response, completed FROM idempotency_key WHERE key = $1',
          [key],
        );
        expect(rows.rows).toHaveLength(1);
        expect(rows.rows[0].completed).toBe(true);
        expect(JSON.stringify(rows.rows[0].response ?? null)).not.toContain(first.body.token);
        expect(secret).toContain(first.body.token);
      } finally {
        await pg.end();
      }
    });
  });
});
