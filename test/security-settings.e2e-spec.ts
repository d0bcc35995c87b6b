import request from 'supertest';
import { DataSource } from 'typeorm';
import { TEST_ADMIN } from './support/test-servers';
import { createApiBehindProxy, startTestSystem, TestSystem } from './support/test-system';

/**
 * The production settings of the API and the worker: security headers, CORS only where
 * CORS_ORIGINS allows it, the OpenAPI pages switchable off, and the Postgres pool size and
 * statement timeout applied to both processes' connections.
 */
const SETTINGS = ['CORS_ORIGINS', 'OPENAPI_UI', 'DB_POOL_SIZE', 'DB_STATEMENT_TIMEOUT_MS'] as const;

async function withSettings(
  values: Partial<Record<(typeof SETTINGS)[number], string>>,
  start: () => Promise<TestSystem>,
) {
  const before = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await start();
  } finally {
    for (const name of SETTINGS) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
  }
}

/** The distinct server processes (connections) that answer `count` queries sent at once. */
async function connectionsUsed(dataSource: DataSource, count: number): Promise<number> {
  const rows = await Promise.all(
    Array.from({ length: count }, () =>
      dataSource.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid, pg_sleep(0.3)'),
    ),
  );
  return new Set(rows.map(([row]) => row.pid)).size;
}

describe('security settings by default', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await withSettings({}, () => startTestSystem({ withWorker: false }));
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers the API with security headers and no X-Powered-By', async () => {
    const response = await system.http().get('/api/health').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    // plain HTTP without a trusted proxy saying otherwise: no HSTS
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS to HTTPS requests behind a trusted proxy (TRUST_PROXY), and only to those', async () => {
    const proxied = await createApiBehindProxy();
    try {
      const get = () => request(proxied.getHttpServer() as Parameters<typeof request>[0]).get('/api/health');
      const https = await get().set('X-Forwarded-Proto', 'https').expect(200);
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(https.headers['x-frame-options']).toBe('DENY');
      const http = await get().set('X-Forwarded-Proto', 'http').expect(200);
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('gives error answers the same headers', async () => {
    const response = await system.http().get('/api/no-such-thing').expect(404);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('sends no CORS headers: a page of another origin cannot read the API', async () => {
    const preflight = await system
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await system.http().get('/api/health').set('Origin', 'https://elsewhere.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI pages with a CSP that lets Swagger UI run', async () => {
    const page = await system.http().get('/docs').redirects(1).expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    await system.http().get('/docs-json').expect(200);
  });

  it('keeps Postgres statements unbounded and the pool at 20', async () => {
    const dataSource = system.api.get(DataSource);
    await expect(dataSource.query('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '0' }]);
    expect((dataSource.driver.options.extra as { max: number }).max).toBe(20);
  });
});

describe('security settings as production sets them', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await withSettings(
      {
        CORS_ORIGINS: 'https://console.example.gov.cn, https://screen.example.gov.cn:8443',
        OPENAPI_UI: 'false',
        DB_POOL_SIZE: '2',
        DB_STATEMENT_TIMEOUT_MS: '400',
      },
      () => startTestSystem(),
    );
  });
  afterAll(async () => {
    await system?.close();
  });

  it('allows CORS, with credentials, only from the listed origins', async () => {
    const allowed = await system
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://screen.example.gov.cn:8443')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,idempotency-key');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://screen.example.gov.cn:8443');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);

    const other = await system
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://console.example.gov.cn.evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const get = await system.http().get('/api/health').set('Origin', 'https://console.example.gov.cn');
    expect(get.headers['access-control-allow-origin']).toBe('https://console.example.gov.cn');
    expect(get.headers['access-control-expose-headers']).toMatch(/Idempotent-Replayed/);
  });

  it('hides the OpenAPI pages with OPENAPI_UI=false', async () => {
    await system.http().get('/docs').expect(404);
    await system.http().get('/docs-json').expect(404);
    await system.http().get('/api/health').expect(200);
  });

  it("applies DB_STATEMENT_TIMEOUT_MS to the API's and the worker's connections", async () => {
    for (const dataSource of [system.api.get(DataSource), system.worker!.get(DataSource)]) {
      await expect(dataSource.query('SHOW statement_timeout')).resolves.toEqual([
        { statement_timeout: '400ms' },
      ]);
      await expect(dataSource.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    }
  });

  it("applies DB_POOL_SIZE to the API's and the worker's pools: four queries at once share two connections", async () => {
    for (const dataSource of [system.api.get(DataSource), system.worker!.get(DataSource)]) {
      await expect(connectionsUsed(dataSource, 4)).resolves.toBe(2);
    }
  });

  it('still serves the API: sign-in works with the small pool', async () => {
    await expect(system.login(TEST_ADMIN.username, TEST_ADMIN.password)).resolves.toMatch(/^Bearer /);
  });
});
