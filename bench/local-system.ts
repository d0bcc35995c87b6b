import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { Environment } from '../libs/config/src/environment';
import { runMigrations } from '../libs/database/src/migrate';
import { RunningPostgres, startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { freePort, waitFor } from '../libs/devstack/src/free-port';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';
import { workerProcessEnv } from '../libs/devstack/src/worker-process-env';
import { RunningTemporal, startTemporalDevServer, stopChild } from '../libs/devstack/src/temporal-dev-server';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';
import { postmasterPid } from './process-cpu';

export interface LocalSystem {
  api: string;
  /** The throwaway Postgres the system runs on (for benchmarks that seed or measure SQL directly). */
  databaseUrl: string;
  temporalAddress: string;
  pids: { api: number; worker: number; temporal?: number; postgres?: number };
  stop(): Promise<void>;
}

const TASK_QUEUE = new Environment().TEMPORAL_TASK_QUEUE;

/**
 * The whole system as `npm start` runs it, on throwaway data in a temporary folder: embedded
 * Postgres, the Temporal dev server on a SQLite file (WAL), and the worker and the API as two child
 * processes of their own, so the benchmark client in this process does not take the worker's CPU.
 * `settings` are environment variables for both (e.g. WORKER_MAX_CACHED_WORKFLOWS).
 */
export async function startLocalSystem(
  adminPassword: string,
  settings: Record<string, string> = {},
  options: { workerNodeArgs?: string[] } = {},
): Promise<LocalSystem> {
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(apiPort),
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    WORKFLOW_BUNDLE_PATH: path.join(dir, 'workflow-bundle.js'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    DB_MIGRATE_ON_START: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // a 10,000-household run takes longer than one default access token lives
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    ...settings,
  };
  const children: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];
  // BENCH_API_NODE_ARGS: Node options for the API process alone, e.g. `--prof --logfile=/tmp/api-%p.log`
  // to see where its CPU goes under a benchmark's load (`node --prof-process` reads the log).
  const apiArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const start = (entry: string, nodeArgs: string[] = [], processEnv = env) => {
    const child = spawn(
      process.execPath,
      [...nodeArgs, '--enable-source-maps', path.join(PROJECT_ROOT, 'dist', entry)],
      {
        env: processEnv,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push({ child, exited: new Promise((resolve) => child.once('exit', resolve)) });
    return child;
  };
  // workerNodeArgs: Node options for the worker process alone (bench:worker-memory opens its inspector);
  // BENCH_WORKER_NODE_ARGS, like BENCH_API_NODE_ARGS, gives them from outside (e.g. `--cpu-prof`)
  const workerArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const worker = start(
    'apps/worker/src/main.js',
    options.workerNodeArgs ?? workerArgs,
    workerProcessEnv(env),
  );
  const api = start('apps/api/src/main.js', apiArgs);
  await waitFor('API', () => apiReady(apiPort), 120_000);
  await waitFor('worker', () => workerPolling(temporal.address), 120_000);
  return {
    api: `http://127.0.0.1:${apiPort}/api`,
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    pids: {
      api: api.pid!,
      worker: worker.pid!,
      temporal: temporal.pid,
      postgres: postmasterPid(postgres.dataDir),
    },
    async stop() {
      for (const { child, exited } of children.reverse()) await stopChild(child, exited, 20_000);
      await temporal.stop();
      await postgres.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function apiReady(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/ready`)).ok;
  } catch {
    return false;
  }
}

async function workerPolling(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: TASK_QUEUE },
    });
    return pollers.length > 0;
  } finally {
    await connection.close();
  }
}

/** The system's server processes by name, for CPU accounting (process-cpu.ts). */
export const processesOf = (system: LocalSystem) => ({
  API: system.pids.api,
  worker: system.pids.worker,
  Temporal: system.pids.temporal,
  Postgres: system.pids.postgres,
});

/** Resident memory of a process in KiB from /proc (Linux): now, or its peak so far (`VmHWM`). */
export function rssKiB(pid: number | undefined, which: 'now' | 'peak' = 'now'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = which === 'now' ? 'VmRSS' : 'VmHWM';
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
  } catch {
    return undefined;
  }
}

function rssMiB(pid: number | undefined, which: 'now' | 'peak' = 'now'): number | undefined {
  const kib = rssKiB(pid, which);
  return kib === undefined ? undefined : Math.round(kib / 1024);
}

/** Figure rows for the worker, the API and the Temporal dev server: resident memory now and at peak. */
export function memoryFigures(system: LocalSystem): Array<[string, string]> {
  const names = { worker: 'worker', api: 'API', temporal: 'Temporal dev server' } as const;
  return (['worker', 'api', 'temporal'] as const).map((which) => [
    `${names[which]} memory, RSS now / peak`,
    `${rssMiB(system.pids[which]) ?? '?'} / ${rssMiB(system.pids[which], 'peak') ?? '?'} MiB`,
  ]);
}
