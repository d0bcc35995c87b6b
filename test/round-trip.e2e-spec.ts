import { Client } from 'pg';
import { startTestSystem, TestSystem } from './support/test-system';

describe('the whole path: HTTP → Temporal → activity → Postgres → HTTP', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('starts a workflow whose activity writes a row that the API then returns', async () => {
    const started = await system
      .http()
      .post('/api/diagnostics/round-trips')
      .set('Authorization', system.adminAuth)
      .expect(202);
    expect(started.body.workflowId).toBe(`diagnostic-round-trip:${started.body.id}`);

    let found: { status: number; body: Record<string, string> } | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      found = await system.http().get(started.body.location).set('Authorization', system.adminAuth);
      if (found.status === 200) break;
      expect(found.status).toBe(404);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(found?.status).toBe(200);
    expect(found?.body).toMatchObject({ id: started.body.id, workflowId: started.body.workflowId });
    expect(Date.parse(found!.body.recordedAt)).toBeGreaterThanOrEqual(Date.parse(found!.body.requestedAt));

    // A client that holds the answer revalidates it: 304 with no body while it is unchanged.
    const first = await system
      .http()
      .get(started.body.location)
      .set('Authorization', system.adminAuth)
      .expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const unchanged = await system
      .http()
      .get(started.body.location)
      .set('Authorization', system.adminAuth)
      .set('If-None-Match', etag)
      .expect(304);
    expect(unchanged.text ?? '').toBe('');
    await system
      .http()
      .get(started.body.location)
      .set('Authorization', system.adminAuth)
      .set('If-None-Match', 'W/"another"')
      .expect(200);

    // The row really is in Postgres, written once.
    const pg = new Client({ connectionString: system.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query('SELECT workflow_id FROM diagnostic_round_trip WHERE id = $1', [
      started.body.id,
    ]);
    await pg.end();
    expect(rows).toEqual([{ workflow_id: started.body.workflowId }]);
  });

  it('answers a malformed id with a 400 naming the field, in the common error shape', async () => {
    const response = await system
      .http()
      .get('/api/diagnostics/round-trips/not-a-uuid')
      .set('Authorization', system.adminAuth)
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      path: '/api/diagnostics/round-trips/not-a-uuid',
    });
    expect(response.body.details).toEqual([{ field: 'id', problems: ['须为 UUID'] }]);
    expect(response.body.requestId).toEqual(response.headers['x-request-id']);
  });

  it('rejects unknown fields in a body', async () => {
    const response = await system
      .http()
      .post('/api/diagnostics/round-trips')
      .set('Authorization', system.adminAuth)
      .send({ unexpected: 1 })
      .expect(400);
    expect(response.body.details).toEqual([{ field: 'unexpected', problems: ['不允许提交此字段'] }]);
  });
});
