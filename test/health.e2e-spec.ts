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

  it('is ready when Postgres and Temporal answer and a worker polls', async () => {
    const response = await system.http().get('/api/ready').expect(200);
    expect(response.body).toEqual({
      status: 'ready',
      checks: { postgres: 'up', temporal: 'up', worker: 'up' },
    });
  });

  it('serves the OpenAPI document with every route under /api', async () => {
    const response = await system.http().get('/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/diagnostics/round-trips']),
    );
    expect(paths.every((p) => p.startsWith('/api/'))).toBe(true);
  });

  it('answers an unknown route with a 404 in the common error shape', async () => {
    const response = await system.http().get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '未找到请求的资源' });
  });
});

describe('readiness when a dependency is down', () => {
  let system: TestSystem;
  const realAddress = process.env.TEMPORAL_ADDRESS;

  beforeAll(async () => {
    // Nothing listens on port 1: the API starts (its Temporal connection is lazy) but is not ready.
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    await system?.close();
    process.env.TEMPORAL_ADDRESS = realAddress;
  });

  it('answers 503 naming Temporal, while Postgres is up', async () => {
    const response = await system.http().get('/api/ready').expect(503);
    expect(response.body).toMatchObject({
      statusCode: 503,
      code: 'NOT_READY',
      message: '服务未就绪：temporal 不可用',
    });
    expect(Object.keys(response.body.details)).toEqual(['temporal']);
  });

  it('is still live', async () => {
    await system.http().get('/api/health').expect(200);
  });
});
