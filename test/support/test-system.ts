import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase } from './test-database';
import { TEST_ADMIN } from './test-servers';

export interface TestSystem {
  api: INestApplication;
  /** `http://127.0.0.1:<port>` when started with `listen: true` (the API serving dist/web), else undefined. */
  baseUrl?: string;
  worker?: INestApplicationContext;
  http: () => TestAgent;
  databaseUrl: string;
  taskQueue: string;
  /** Signs in and returns the `Authorization` header value. */
  login(username: string, password: string): Promise<string>;
  adminAuth: string;
  /** Stops the worker (as a crash would leave the tasks: nobody takes them). */
  stopWorker(): Promise<void>;
  /** A new worker context on the same task queue. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API and the worker as `npm start` runs them, in this test process, against the real test
 * Postgres (a fresh database, with its first admin) and the real Temporal dev server, on a task
 * queue of their own.
 */
export async function startTestSystem(
  options: { withWorker?: boolean; listen?: boolean } = {},
): Promise<TestSystem> {
  const database = await createTestDatabase();
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DB_MIGRATE_ON_START: 'false',
  });

  const createWorker = () => NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  const worker = options.withWorker === false ? undefined : await createWorker();
  const api = await createApiApp();
  let baseUrl: string | undefined;
  if (options.listen) {
    await api.listen(0, '127.0.0.1');
    const address = api.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
  }
  const server = api.getHttpServer() as Parameters<typeof request>[0];
  const http = () => request(server);
  const login = async (username: string, password: string) => {
    const response = await http().post('/api/auth/login').send({ username, password });
    if (response.status !== 200)
      throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
  };
  const system: TestSystem = {
    api,
    baseUrl,
    worker,
    http,
    databaseUrl: database.url,
    taskQueue,
    login,
    adminAuth: await login(TEST_ADMIN.username, TEST_ADMIN.password),
    async stopWorker() {
      await system.worker?.close();
      system.worker = undefined;
    },
    async startWorker() {
      system.worker ??= await createWorker();
    },
    async close() {
      await api.close();
      await system.worker?.close();
      await database.drop();
    },
  };
  return system;
}

/**
 * A second API process on the test system's database, behind a TLS-terminating proxy on this
 * machine (TRUST_PROXY=loopback): X-Forwarded-For and X-Forwarded-Proto count. Close it after use.
 */
export async function createApiBehindProxy(): Promise<INestApplication> {
  const saved = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = 'loopback';
  try {
    return await createApiApp({ logger: ['error'] });
  } finally {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
  }
}
