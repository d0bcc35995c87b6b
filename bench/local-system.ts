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
import {
  registerNamespace,
  setUpTemporalSchemas,
  startTemporalCluster,
} from '../libs/devstack/src/temporal-cluster';
import { startTemporalDevServer, stopChild } from '../libs/devstack/src/temporal-dev-server';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from '../libs/devstack/src/temporal-server-build';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';
import { postmasterPid } from './process-cpu';

export interface LocalSystem {
  api: string;
  /** The throwaway Postgres the system runs on (for benchmarks that seed or measure SQL directly). */
  databaseUrl: string;
  temporalAddress: string;
  /** The Temporal processes by name: `Temporal` (the dev server), or `Temporal frontend` … (the cluster). */
  pids: { api: number; worker: number; temporal: Record<string, number | undefined>; postgres?: number };
  /** Which Temporal it runs on (BENCH_TEMPORAL). */
  temporal: BenchTemporal;
  stop(): Promise<void>;
}

const TASK_QUEUE = new Environment().TEMPORAL_TASK_QUEUE;

/**
 * BENCH_TEMPORAL: `dev` (the default) is the dev server `npm start` runs, one process on a SQLite
 * file; `cluster` is the real server as production runs it (docker-compose.yml): the four services
 * as processes of their own on the same Postgres as the project (persistence and SQL visibility),
 * built with Go the first time (minutes), as `npm run cluster` runs it.
 */
export type BenchTemporal = 'dev' | 'cluster';
/** History shards of the benchmarks' cluster: compose's auto-setup default. */
const CLUSTER_HISTORY_SHARDS = 4;

function benchTemporal(): BenchTemporal {
  const kind = process.env.BENCH_TEMPORAL ?? 'dev';
  if (kind !== 'dev' && kind !== 'cluster')
    throw new Error(`BENCH_TEMPORAL must be dev or cluster, not ${JSON.stringify(kind)}`);
  return kind;
}

interface BenchTemporalServer {
  address: string;
  pids: Record<string, number | undefined>;
  stop(): Promise<void>;
}

async function startBenchTemporal(
  kind: BenchTemporal,
  dir: string,
  postgresStarting: Promise<RunningPostgres>,
): Promise<BenchTemporalServer> {
  if (kind === 'dev') {
    const server = await startTemporalDevServer({
      cliPath: ensureTemporalCli(),
      port: await freePort(),
      namespace: 'default',
      dbFile: path.join(dir, 'temporal.db'),
    });
    return { address: server.address, pids: { Temporal: server.pid }, stop: () => server.stop() };
  }
  const binaries = ensureTemporalServer();
  const postgres = await postgresStarting;
  const url = new URL(postgres.url);
  const login = { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  setUpTemporalSchemas(binaries.sqlTool, Number(url.port), login);
  const cluster = await startTemporalCluster({
    binaries,
    postgresPort: Number(url.port),
    login,
    dir,
    historyShards: CLUSTER_HISTORY_SHARDS,
  });
  try {
    registerNamespace(ensureTemporalCli(), cluster.address, 'default');
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    address: cluster.address,
    pids: Object.fromEntries(
      Object.entries(cluster.pids).map(([service, pid]) => [`Temporal ${service}`, pid]),
    ),
    stop: () => cluster.stop(),
  };
}

/**
 * The whole system as `npm start` runs it, on throwaway data in a temporary folder: embedded
 * Postgres, the Temporal dev server on a SQLite file (WAL) or, with BENCH_TEMPORAL=cluster, the real
 * server's four services on that Postgres, and the worker and the API as two child processes of
 * their own, so the benchmark client in this process does not take the worker's CPU.
 * `settings` are environment variables for both (e.g. WORKER_MAX_CACHED_WORKFLOWS).
 */
export async function startLocalSystem(
  adminPassword: string,
  settings: Record<string, string> = {},
  options: { workerNodeArgs?: string[] } = {},
): Promise<LocalSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-bench-'));
  fs.chmodSync(dir, 0o755);
  const kind = benchTemporal();
  const [pgPort, apiPort] = [await freePort(), await freePort()];
  const postgresStarting = startEmbeddedPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: pgPort,
    database: 'bench',
    throwaway: true,
  });
  const [postgres, temporal, bundle] = await Promise.all([
    postgresStarting,
    startBenchTemporal(kind, dir, postgresStarting),
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
    // an idle worker polls the cluster every 60 s (its default long poll), the dev server every 10 s
    ...(kind === 'cluster' ? { WORKER_POLL_STALE_SECONDS: '90' } : {}),
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
      temporal: temporal.pids,
      postgres: postmasterPid(postgres.dataDir),
    },
    temporal: kind,
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

/** A figure row naming the Temporal the benchmark ran on. */
export function temporalFigure(system: LocalSystem): [string, string] {
  return [
    'Temporal (BENCH_TEMPORAL)',
    system.temporal === 'dev'
      ? 'dev: the dev server, one process on SQLite (WAL)'
      : `cluster: server v${TEMPORAL_SERVER_VERSION}, four services on Postgres, ${CLUSTER_HISTORY_SHARDS} history shards`,
  ];
}

/** The system's server processes by name, for CPU accounting (process-cpu.ts). */
export const processesOf = (system: LocalSystem) => ({
  API: system.pids.api,
  worker: system.pids.worker,
  ...system.pids.temporal,
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

/** Figure rows for the worker, the API and each Temporal process: resident memory now and at peak. */
export function memoryFigures(system: LocalSystem): Array<[string, string]> {
  const processes: Array<[string, number | undefined]> = [
    ['worker', system.pids.worker],
    ['API', system.pids.api],
    ...Object.entries(system.pids.temporal).map(([name, pid]): [string, number | undefined] => [
      system.temporal === 'dev' ? 'Temporal dev server' : name,
      pid,
    ]),
  ];
  return processes.map(([name, pid]) => [
    `${name} memory, RSS now / peak`,
    `${rssMiB(pid) ?? '?'} / ${rssMiB(pid, 'peak') ?? '?'} MiB`,
  ]);
}
