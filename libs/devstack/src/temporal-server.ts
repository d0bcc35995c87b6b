import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isListening, waitFor } from './free-port';
import { DEV_SERVER_LONG_POLL_SECONDS } from './temporal-dev-server';
import { TemporalServerBinaries } from './temporal-server-build';

/** TLS of the frontend: its certificate, and the CA its clients' certificates must come from. */
export interface FrontendTls {
  /** PEM files of the frontend's certificate and key. */
  cert: string;
  key: string;
  /** The CA clients must present a certificate of (mTLS), and that signed the frontend's certificate. */
  ca: string;
  /** The name in the frontend's certificate. */
  serverName: string;
  /** A client certificate of that CA for the server's own system worker. */
  clientCert: string;
  clientKey: string;
}

export interface RealTemporalOptions {
  binaries: TemporalServerBinaries;
  /** Where the config and the log go (the database is in memory). */
  dir: string;
  /** mTLS on the frontend; plain when absent. */
  tls?: FrontendTls;
}

export interface RunningRealTemporal {
  /** host:port of the frontend. */
  address: string;
  log: string;
  stop(): Promise<void>;
}

/**
 * Ports for the four services, below 32768: Temporal keeps membership ports in SMALLINT columns.
 * Consecutive free ports from a random start.
 */
async function lowPorts(count: number): Promise<number[]> {
  for (let tries = 0; tries < 50; tries++) {
    const start = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => start + i);
    const busy = await Promise.all(ports.map((port) => isListening(port)));
    if (!busy.some(Boolean)) return ports;
  }
  throw new Error('no free ports below 32768');
}

/**
 * Starts the real Temporal server (all four services in one process, SQLite in memory) as
 * `ensureTemporalServer` built it, optionally with mTLS on the frontend. It serves no namespace
 * until one is registered.
 */
export async function startRealTemporal(options: RealTemporalOptions): Promise<RunningRealTemporal> {
  const [
    frontend,
    frontendMembership,
    history,
    historyMembership,
    matching,
    matchingMembership,
    worker,
    workerMembership,
    http,
    pprof,
  ] = await lowPorts(10);
  const configDir = path.join(options.dir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const dynamicConfig = path.join(options.dir, 'dynamic-config.yaml');
  fs.writeFileSync(
    dynamicConfig,
    [
      'frontend.enableUpdateWorkflowExecution:',
      '  - value: true',
      'frontend.enableUpdateWorkflowExecutionAsyncAccepted:',
      '  - value: true',
      'system.forceSearchAttributesCacheRefreshOnRead:',
      '  - value: true',
      'matching.longPollExpirationInterval:',
      `  - value: ${DEV_SERVER_LONG_POLL_SECONDS}s`,
      '',
    ].join('\n'),
  );
  const sqlite = (name: string) => `
    ${name}:
      sql:
        pluginName: sqlite
        databaseName: ${name}
        connectAddr: localhost
        connectProtocol: tcp
        connectAttributes:
          mode: memory
          cache: private
        maxConns: 1
        maxIdleConns: 1
        maxConnLifetime: 1h`;
  const tls = options.tls
    ? `
  tls:
    frontend:
      server:
        certFile: ${options.tls.cert}
        keyFile: ${options.tls.key}
        requireClientAuth: true
        clientCaFiles:
          - ${options.tls.ca}
      client:
        serverName: ${options.tls.serverName}
        rootCaFiles:
          - ${options.tls.ca}
    systemWorker:
      certFile: ${options.tls.clientCert}
      keyFile: ${options.tls.clientKey}
      client:
        serverName: ${options.tls.serverName}
        rootCaFiles:
          - ${options.tls.ca}`
    : '';
  const service = (grpcPort: number, membershipPort: number, extra = '') => `
    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${membershipPort}
      bindOnLocalHost: true${extra}`;
  fs.writeFileSync(
    path.join(configDir, 'development.yaml'),
    `log:
  stdout: true
  level: warn
persistence:
  defaultStore: sqlite-default
  visibilityStore: sqlite-visibility
  numHistoryShards: 1
  datastores:${sqlite('sqlite-default')}${sqlite('sqlite-visibility')}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  pprof:
    port: ${pprof}${tls}
services:
  frontend:${service(frontend, frontendMembership, `\n      httpPort: ${http}`)}
  history:${service(history, historyMembership)}
  matching:${service(matching, matchingMembership)}
  worker:${service(worker, workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${frontend}
      httpAddress: 127.0.0.1:${http}
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${dynamicConfig}
  pollInterval: 10s
`,
  );
  const log = path.join(options.dir, 'temporal-server.log');
  const out = fs.openSync(log, 'a');
  const child: ChildProcess = spawn(
    options.binaries.server,
    ['--root', options.dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    { stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let ended = false;
  void exited.then(() => (ended = true));
  try {
    await waitFor(
      `the Temporal server's frontend on port ${frontend}`,
      async () => {
        if (ended) throw new Error(`the Temporal server exited at start; see ${log}`);
        return isListening(frontend);
      },
      60_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address: `127.0.0.1:${frontend}`,
    log,
    async stop() {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
