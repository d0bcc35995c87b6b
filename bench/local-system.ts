import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { runMigrations } from '../libs/database/src/migrate';
import { RunningPostgres, startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { freePort } from '../libs/devstack/src/free-port';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';
import { RunningTemporal, startTemporalDevServer } from '../libs/devstack/src/temporal-dev-server';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';

export interface LocalSystem {
  api: string;
  temporalPid?: number;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it, on throwaway data in a temporary folder: embedded
 * Postgres, the Temporal dev server on a SQLite file (WAL), and the API and worker in this process.
 */
export async function startLocalSystem(adminPassword: string): Promise<LocalSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-bench-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const [postgres, temporal, bundle]: [RunningPostgres, RunningTemporal, { code: string }] =
    await Promise.all([
      startEmbeddedPostgres({
        dataDir: path.join(dir, 'postgres'),
        port: pgPort,
        database: 'bench',
        throwaway: true,
      }),
      startTemporalDevServer({
        cliPath: ensureTemporalCli(),
        port: temporalPort,
        namespace: 'default',
        dbFile: path.join(dir, 'temporal.db'),
      }),
      bundleWorkflows(),
    ]);
  fs.writeFileSync(path.join(dir, 'workflow-bundle.js'), bundle.code);
  await runMigrations(postgres.url);
  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    WORKFLOW_BUNDLE_PATH: path.join(dir, 'workflow-bundle.js'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    DB_MIGRATE_ON_START: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // a 10,000-household run takes longer than one default access token lives
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    WORKER_MAX_CACHED_WORKFLOWS: process.env.WORKER_MAX_CACHED_WORKFLOWS ?? '2000',
  });
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule, {
    logger: ['error'],
  });
  const app: INestApplication = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(apiPort, '127.0.0.1');
  return {
    api: `http://127.0.0.1:${apiPort}/api`,
    temporalPid: temporal.pid,
    async stop() {
      await app.close();
      await worker.close();
      await temporal.stop();
      await postgres.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process, in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return undefined;
  }
}
