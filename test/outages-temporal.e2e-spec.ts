import { startTestSystem, TestSystem } from './support/test-system';

/** Temporal down: readiness and commands say so within seconds (a file of its own: the client's
 * gRPC retries against an unreachable server outlive a test's connection). */
describe('commands while Temporal is down', () => {
  let system: TestSystem;
  const realAddress = process.env.TEMPORAL_ADDRESS;

  beforeAll(async () => {
    // Nothing listens on port 1: connection refused, as when the Temporal server is stopped.
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    // The client's gRPC retries back off a few seconds past a deadline; let them end before the
    // connection closes under them.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await system?.close();
    process.env.TEMPORAL_ADDRESS = realAddress;
  });

  it('says so in /api/ready within a second and a half', async () => {
    const started = Date.now();
    const response = await system.http().get('/api/ready').expect(503);
    expect(Date.now() - started).toBeLessThan(3000); // a 1 s deadline, with room for a loaded CI machine
    expect(Object.keys(response.body.details)).toEqual(['temporal']);
  });

  it('answers a command 503 TEMPORAL_UNAVAILABLE within a few seconds', async () => {
    const started = Date.now();
    const response = await system
      .http()
      .post('/api/diagnostics/round-trips')
      .set('Authorization', system.adminAuth)
      .send({});
    expect(Date.now() - started).toBeLessThan(4000);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('TEMPORAL_UNAVAILABLE');
  });
});
