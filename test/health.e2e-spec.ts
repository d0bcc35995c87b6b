import { startTestSystem, TestSystem } from './support/test-system';

describe('health, readiness and the OpenAPI document', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('is live', async () => {
    await system.http().get('/api/health').expect(200, { status: 'ok' });
  });

  it('is ready when Postgres and Temporal answer', async () => {
    const response = await system.http().get('/api/ready').expect(200);
    expect(response.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });

  it('serves the OpenAPI document with every route under /api', async () => {
    const response = await system.http().get('/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/api/ready', '/api/diagnostics/round-trips']));
    expect(paths.every((p) => p.startsWith('/api/'))).toBe(true);
  });

  it('answers an unknown route with a 404 in the common error shape', async () => {
    const response = await system.http().get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '未找到请求的资源' });
  });
});
