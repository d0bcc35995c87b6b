import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/configure-app';
import { createApiBehindProxy, startTestSystem, TestSystem } from './support/test-system';

/**
 * Rate limits are counted in Postgres (throttle_hit), so they hold across API processes; sign-in is
 * limited per username and address (one person's password cannot be guessed; an office behind one
 * address still signs in); X-Forwarded-For counts only behind a trusted proxy; expensive routes
 * have a limit of their own.
 */
describe('rate limits', () => {
  let system: TestSystem;
  let second: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '12',
      EXPENSIVE_RATE_LIMIT_PER_MINUTE: '2',
    });
    system = await startTestSystem({ withWorker: false });
    // A second API process on the same database, as behind a load balancer.
    second = await createApiApp();
  });
  afterAll(async () => {
    await second?.close();
    await system?.close();
    for (const key of [
      'LOGIN_RATE_LIMIT_PER_MINUTE',
      'LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE',
      'EXPENSIVE_RATE_LIMIT_PER_MINUTE',
    ])
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
  });

  const loginOn = (app: INestApplication, username: string, forwardedFor?: string) => {
    const r = request(app.getHttpServer() as Parameters<typeof request>[0])
      .post('/api/auth/login')
      .send({ username, password: 'wrong-password' });
    return forwardedFor ? r.set('X-Forwarded-For', forwardedFor) : r;
  };

  it('counts one username’s sign-ins across API processes and refuses the fourth', async () => {
    await loginOn(system.api, 'guess-me').expect(401);
    await loginOn(second, 'guess-me').expect(401);
    await loginOn(system.api, 'guess-me').expect(401);
    const limited = await loginOn(second, 'guess-me').expect(429);
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another person at the same address is not held back by it.
    await loginOn(system.api, 'someone-else').expect(401);
  });

  it('ignores X-Forwarded-For without a trusted proxy (a made-up address does not reset the count)', async () => {
    const limited = await loginOn(system.api, 'guess-me', '203.0.113.7').expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('counts by the forwarded address behind a trusted proxy (TRUST_PROXY)', async () => {
    const proxied = await createApiBehindProxy();
    try {
      await loginOn(proxied, 'guess-me', '203.0.113.7').expect(401); // another client behind the proxy
      await loginOn(proxied, 'guess-me').expect(429); // the proxy's own address is still limited
    } finally {
      await proxied.close();
    }
  });

  it('limits one address loosely, whoever signs in', async () => {
    // 5 attempts so far from this address (the forwarded one counted apart); 12 allowed per minute
    for (let i = 0; i < 7; i++) await loginOn(second, `office-${i}`).expect(401);
    await loginOn(system.api, 'office-late').expect(429);
  });

  it('gives expensive routes a limit of their own, per person', async () => {
    const importUnits = () =>
      system.http().post('/api/units/import').set('Authorization', system.adminAuth).send({});
    expect((await importUnits()).status).not.toBe(429);
    expect((await importUnits()).status).not.toBe(429);
    const limited = await importUnits().expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    await system.http().get('/api/users/me').set('Authorization', system.adminAuth).expect(200);
  });
});
