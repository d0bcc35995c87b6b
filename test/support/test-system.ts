import { randomBytes } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase } from './test-database';

export interface TestSystem {
  api: INestApplication;
  worker?: INestApplicationContext;
  http: () => ReturnType<typeof request>;
  databaseUrl: string;
  taskQueue: string;
  close(): Promise<void>;
}

/**
 * The API and the worker as `npm start` runs them, in this test process, against the real test
 * Postgres (a fresh database) and the real Temporal dev server, on a task queue of their own.
 */
export async function startTestSystem(options: { withWorker?: boolean } = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DB_MIGRATE_ON_START: 'false',
  });

  const worker =
    options.withWorker === false
      ? undefined
      : await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  const api = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await api.init();
  const server = api.getHttpServer();
  return {
    api,
    worker,
    http: () => request(server),
    databaseUrl: database.url,
    taskQueue,
    async close() {
      await api.close();
      await worker?.close();
      await database.drop();
    },
  };
}
