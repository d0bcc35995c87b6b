import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { isListening, waitFor } from './free-port';
import { PROJECT_ROOT } from './project-paths';
import { stopChild } from './temporal-dev-server';
import { TEMPORAL_SERVER_VERSION, TemporalServerBinaries } from './temporal-server-build';

/** The four services of a Temporal cluster, one process each, in the order they are started. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** The Postgres login Temporal persists as: it creates and owns `temporal` and `temporal_visibility`. */
export interface TemporalLogin {
  user: string;
  password: string;
}

export interface TemporalClusterOptions {
  binaries: TemporalServerBinaries;
  postgresPort: number;
  login: TemporalLogin;
  /** Holds the cluster's config (`temporal/`) and each service's log (`logs/temporal-<service>.log`). */
  dir: string;
  historyShards: number;
}

export interface RunningTemporalCluster {
  /** host:port of the frontend */
  address: string;
  pids: Record<TemporalService, number>;
  stop(): Promise<void>;
}

/** A free TCP port below 32768: Temporal keeps its services' ports in a SMALLINT column. */
async function lowPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port) || (await isListening(port))) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

/** The schema folder of the server's Go module: where `go install` left the module source. */
function temporalSchemaDir(): string {
  const modCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = path.join(
    modCache,
    `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`,
    'schema/postgresql/v12',
  );
  if (!fs.existsSync(dir)) throw new Error(`no Temporal schema files in ${dir}`);
  return dir;
}

/**
 * Creates `temporal` and `temporal_visibility` as `login` (which needs CREATEDB), with their
 * schemas at the newest version, by the server's own SQL tool, as auto-setup does in compose.
 */
export function setUpTemporalSchemas(sqlTool: string, postgresPort: number, login: TemporalLogin): void {
  const schemas = temporalSchemaDir();
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ]) {
    const tool = (...args: string[]) =>
      execFileSync(
        sqlTool,
        [
          '--plugin',
          'postgres12',
          '--endpoint',
          '127.0.0.1',
          '--port',
          String(postgresPort),
          '--user',
          login.user,
          '--password',
          login.password,
          '--database',
          database,
          ...args,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
      );
    tool('create-database');
    tool('setup-schema', '--version', '0.0');
    tool('update-schema', '--schema-dir', path.join(schemas, folder, 'versioned'));
  }
}

/**
 * Starts the real Temporal server as production runs it: the four services as separate processes
 * on Postgres persistence and SQL visibility (databases made by setUpTemporalSchemas), internal
 * ports below 32768. It serves no namespace until registerNamespace runs.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const taken = new Set<number>();
  const ports = {} as Record<TemporalService, { grpc: number; membership: number; http?: number }>;
  for (const service of TEMPORAL_SERVICES)
    ports[service] = {
      grpc: await lowPort(taken),
      membership: await lowPort(taken),
      ...(service === 'frontend' ? { http: await lowPort(taken) } : {}),
    };
  const store = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${options.postgresPort}`,
      connectProtocol: 'tcp',
      user: options.login.user,
      password: options.login.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const frontend = `127.0.0.1:${ports.frontend.grpc}`;
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: options.historyShards,
      datastores: { default: store('temporal', 20), visibility: store('temporal_visibility', 5) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(
      TEMPORAL_SERVICES.map((service) => [
        service,
        {
          rpc: {
            grpcPort: ports[service].grpc,
            membershipPort: ports[service].membership,
            bindOnLocalHost: true,
            ...(ports[service].http ? { httpPort: ports[service].http } : {}),
          },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
  const root = path.join(options.dir, 'temporal');
  const logs = path.join(options.dir, 'logs');
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  fs.mkdirSync(logs, { recursive: true });
  // JSON is YAML: the server reads config/<env>.yaml
  fs.writeFileSync(path.join(root, 'config', 'production.yaml'), JSON.stringify(config, null, 2));

  const started: Array<{ service: TemporalService; child: ChildProcess; exited: Promise<unknown> }> = [];
  const start = (service: TemporalService) => {
    const out = fs.openSync(path.join(logs, `temporal-${service}.log`), 'a');
    const child = spawn(
      options.binaries.server,
      [
        '--root',
        root,
        '--config',
        'config',
        '--env',
        'production',
        '--allow-no-auth',
        'start',
        '--service',
        service,
      ],
      { env: process.env, stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    started.push({ service, child, exited: new Promise((resolve) => child.once('exit', resolve)) });
  };
  const stop = async () => {
    for (const { child, exited } of [...started].reverse())
      await stopChild(child, exited, 20_000).catch(() => undefined);
  };
  /** `check`, unless a service has exited meanwhile: then its log is named instead of waiting on. */
  const noneExited = async (check: Promise<boolean>) => {
    const ready = await check;
    const dead = started.find(({ child }) => child.exitCode !== null);
    if (dead)
      throw new Error(
        `Temporal ${dead.service} exited (${dead.child.exitCode}); see ${logs}/temporal-${dead.service}.log`,
      );
    return ready;
  };
  try {
    // The first service to start writes the cluster's metadata record; services starting together
    // race to write it and the losers exit ("SaveClusterMetadata encountered version mismatch").
    start(TEMPORAL_SERVICES[0]);
    await waitFor('the cluster metadata record', () => noneExited(clusterMetadataWritten(options)), 120_000);
    for (const service of TEMPORAL_SERVICES.slice(1)) start(service);
    await waitFor('the Temporal frontend', () => noneExited(frontendServing(frontend)), 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: frontend,
    pids: Object.fromEntries(started.map(({ service, child }) => [service, child.pid!])) as Record<
      TemporalService,
      number
    >,
    stop,
  };
}

async function clusterMetadataWritten(options: TemporalClusterOptions): Promise<boolean> {
  const db = new PgClient({
    host: '127.0.0.1',
    port: options.postgresPort,
    user: options.login.user,
    password: options.login.password,
    database: 'temporal',
  });
  await db.connect();
  try {
    return ((await db.query('SELECT 1 FROM cluster_metadata_info')).rowCount ?? 0) > 0;
  } finally {
    await db.end();
  }
}

async function frontendServing(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 2000 });
    try {
      const { status } = await connection.healthService.check({});
      return Number(status) === 1; // SERVING
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

/**
 * Creates `namespace` and registers the project's search attributes in it with compose's own setup
 * step (deploy/temporal/setup.sh), run with the Temporal CLI at `cliPath`.
 */
export function registerNamespace(
  cliPath: string,
  address: string,
  namespace: string,
  retention = '72h',
): void {
  execFileSync('sh', [path.join(PROJECT_ROOT, 'deploy/temporal/setup.sh')], {
    env: {
      ...process.env,
      PATH: `${path.dirname(cliPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_NAMESPACE_RETENTION: retention,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
