import TestAgent from 'supertest/lib/agent';
import { eventually } from './eventually';
import { startTestSystem, TestSystem } from './test-system';

/**
 * `startTestSystem` with `settings` in the environment while the API and the worker start (they
 * read it then), restored afterwards.
 */
export async function startTestSystemWith(settings: Record<string, string>): Promise<TestSystem> {
  const saved = { ...process.env };
  Object.assign(process.env, settings);
  try {
    return await startTestSystem();
  } finally {
    process.env = saved;
  }
}

/**
 * A diagnostic round trip through the API: HTTP → Temporal → the worker's activity → Postgres →
 * HTTP. Answers once the row the activity wrote is readable (the workflow ran on a worker).
 */
export async function roundTrip(
  http: () => TestAgent,
  authorization: string,
  idempotencyKey?: string,
): Promise<{ location: string; replayed: boolean }> {
  const post = () => {
    const call = http().post('/api/diagnostics/round-trips').set('Authorization', authorization);
    return idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call;
  };
  const started = await post().expect(202);
  const location = (started.body as { location: string }).location;
  await eventually(
    async () => (await http().get(location).set('Authorization', authorization)).status,
    (status) => status === 200,
    `the round trip's row at ${location}`,
    { timeoutMs: 20_000 },
  );
  return { location, replayed: started.headers['idempotent-replayed'] === 'true' };
}
