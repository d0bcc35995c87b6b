import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags } from '../../contracts/src/search-attributes';
import { isListening, waitFor } from './free-port';

/**
 * How long the dev server holds an idle poll before answering it empty (Temporal's default is 60 s):
 * an idle worker polls again this often, so a poller's last access older than this (plus room)
 * means no worker is polling (`/api/ready`, WORKER_POLL_STALE_SECONDS).
 */
export const DEV_SERVER_LONG_POLL_SECONDS = 10;

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** SQLite file to persist to; in memory when absent (tests). */
  dbFile?: string;
  namespace: string;
  logFile?: string;
}

export interface RunningTemporal {
  address: string;
  pid?: number;
  uiUrl?: string;
  /** Resolves with the exit code when the server process ends (stopped or crashed). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev`: a real single-process Temporal server. With a db file it
 * persists to SQLite in WAL mode (without it the file-backed server is an order of magnitude slower).
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const address = `127.0.0.1:${options.port}`;
  if (await isListening(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: is another Temporal server running? Set TEMPORAL_PORT or TEMPORAL_ADDRESS.`,
    );
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
  ];
  args.push('--log-level', 'warn', ...searchAttributeFlags());
  args.push(
    '--dynamic-config-value',
    `matching.longPollExpirationInterval="${DEV_SERVER_LONG_POLL_SECONDS}s"`,
  );
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push(
      '--db-filename',
      options.dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=NORMAL',
    );
  }
  if (options.uiPort) args.push('--ui-ip', '127.0.0.1', '--ui-port', String(options.uiPort));
  else args.push('--headless');

  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child, options.logFile);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await Promise.race([
      waitFor('Temporal dev server', () => namespaceReady(address, options.namespace), 60_000),
      exited.then((code) => {
        throw new Error(`Temporal dev server exited with code ${code}:\n${output()}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    address,
    pid: child.pid,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    exited,
    stop: () => stopChild(child, exited),
  };
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1000 });
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

function collectOutput(child: ChildProcess, logFile?: string): () => string {
  const tail: string[] = [];
  const sink = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  const take = (chunk: Buffer) => {
    sink?.write(chunk);
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.once('exit', () => sink?.end());
  return () => tail.join('');
}

export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs = 10_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
