/**
 * The local system in one process tree: embedded Postgres (unless DATABASE_URL), the Temporal dev
 * server (unless TEMPORAL_ADDRESS), migrations, then the worker and the API as child processes.
 * The worker and the API are supervised: one that dies is started again after a back-off (1 s,
 * 2 s, 4 s … 30 s; reset after a minute up), logged; so are the Temporal dev server and the
 * embedded Postgres, and the stack stops only when one of those cannot be started again, or on
 * Ctrl-C. Ctrl-C stops everything in reverse
 * order; data stays under .data/ for the next start.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { loadEnvironment, validateEnvironment } from '../libs/config/src/environment';
import { runMigrations } from '../libs/database/src/migrate';
import { RunningPostgres, startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { isListening, waitFor } from '../libs/devstack/src/free-port';
import { DATA_DIR, PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { StackEnvironment } from '../libs/devstack/src/stack-environment';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';
import { afterExit, supervise } from '../libs/devstack/src/supervisor';
import { workerProcessEnv } from '../libs/devstack/src/worker-process-env';
import { RunningTemporal, startTemporalDevServer } from '../libs/devstack/src/temporal-dev-server';

const log = (message: string) => console.log(`[start] ${message}`);
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopping = false;

// Ctrl-C reaches every process of the terminal's group at once; each stops itself gracefully,
// and this stops what is left in reverse order of starting. A second signal while stopping is ignored.
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { name, stop } of stops.reverse()) {
    log(`stopping ${name} ...`);
    await stop().catch((error: unknown) => log(`  ${name}: ${(error as Error).message}`));
  }
  log('stopped');
  process.exit(code);
}

function startNode(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): void {
  const supervised = supervise({
    name,
    log,
    start: () => {
      const child = spawn(
        process.execPath,
        ['--enable-source-maps', path.join(PROJECT_ROOT, 'dist', entry)],
        {
          env,
          stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
        },
      );
      if (onLine && child.stdout) {
        // Passed through as it comes; each line is also looked at (the first admin's password).
        child.stdout.pipe(process.stdout);
        createInterface({ input: child.stdout }).on('line', onLine);
      }
      return child;
    },
  });
  stops.push({ name, stop: () => supervised.stop() });
}

/**
 * Starts the Temporal dev server again (same SQLite file and port) whenever it exits while the
 * stack runs, with the same back-off; when it cannot be started the whole stack stops.
 */
function superviseTemporal(first: RunningTemporal, start: () => Promise<RunningTemporal>): void {
  let current = first;
  let failures = 0;
  let startedAt = Date.now();
  stops.push({ name: 'Temporal', stop: () => current.stop() });
  const watch = () => {
    void current.exited.then(async (code) => {
      if (stopping) return;
      const next = afterExit(failures, Date.now() - startedAt);
      failures = next.failures;
      log(`Temporal exited unexpectedly (code ${code}); restarting in ${next.delayMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, next.delayMs));
      if (stopping) return;
      try {
        current = await start();
        startedAt = Date.now();
        log('Temporal restarted');
        watch();
      } catch (error) {
        log(`Temporal could not be restarted (${(error as Error).message}); stopping everything`);
        void shutdown(1);
      }
    });
  };
  watch();
}

/** How often the supervisor checks that the embedded Postgres still listens. */
const POSTGRES_CHECK_MS = 5000;

/**
 * Starts the embedded Postgres again (same data directory and port) when it stops listening while
 * the stack runs, with the same back-off; when it cannot be started the whole stack stops. (The
 * package gives no exit event for the server, so its port is checked every few seconds.)
 */
function supervisePostgres(
  first: RunningPostgres,
  port: number,
  start: () => Promise<RunningPostgres>,
): void {
  let current = first;
  let failures = 0;
  let startedAt = Date.now();
  let restarting = false;
  stops.push({ name: 'Postgres', stop: () => current.stop() });
  const timer = setInterval(() => {
    if (stopping || restarting) return;
    void isListening(port).then(async (up) => {
      if (up || stopping || restarting) return;
      restarting = true;
      const next = afterExit(failures, Date.now() - startedAt);
      failures = next.failures;
      log(`Postgres stopped listening; restarting in ${next.delayMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, next.delayMs));
      try {
        if (!stopping) {
          current = await start();
          startedAt = Date.now();
          log('Postgres restarted');
        }
      } catch (error) {
        log(`Postgres could not be restarted (${(error as Error).message}); stopping everything`);
        void shutdown(1);
      } finally {
        restarting = false;
      }
    });
  }, POSTGRES_CHECK_MS);
  timer.unref();
}

/** A signing secret made once and kept with the data, so sign-ins survive a restart. */
function persistentSecret(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function apiReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/ready`);
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const appEnv = loadEnvironment();
  const stackEnv = validateEnvironment(StackEnvironment, process.env);
  fs.mkdirSync(path.join(DATA_DIR, 'logs'), { recursive: true });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let databaseUrl = appEnv.DATABASE_URL;
  let postgresData: string | undefined;
  if (!databaseUrl) {
    log(`starting embedded Postgres on 127.0.0.1:${stackEnv.PG_PORT} ...`);
    const logFile = fs.createWriteStream(path.join(DATA_DIR, 'logs', 'postgres.log'), { flags: 'a' });
    const startPostgres = () =>
      startEmbeddedPostgres({
        dataDir: path.join(DATA_DIR, 'postgres'),
        port: stackEnv.PG_PORT,
        database: 'campaign_engine',
        log: (line) => logFile.write(line.endsWith('\n') ? line : `${line}\n`),
      });
    const pg = await startPostgres();
    // Not .data/postgres when root runs a checkout the postgres user cannot reach (postgres-layout.ts).
    log(`Postgres data in ${pg.dataDir}`);
    postgresData = pg.dataDir;
    supervisePostgres(pg, stackEnv.PG_PORT, startPostgres);
    databaseUrl = pg.url;
  }

  let temporalAddress = appEnv.TEMPORAL_ADDRESS;
  let temporalUi: string | undefined;
  if (!temporalAddress) {
    const cliPath = ensureTemporalCli(log);
    log(`starting the Temporal dev server on 127.0.0.1:${stackEnv.TEMPORAL_PORT} ...`);
    const startTemporal = () =>
      startTemporalDevServer({
        cliPath,
        port: stackEnv.TEMPORAL_PORT,
        uiPort: stackEnv.TEMPORAL_UI_PORT,
        dbFile: path.join(DATA_DIR, 'temporal', 'temporal.db'),
        namespace: appEnv.TEMPORAL_NAMESPACE,
        logFile: path.join(DATA_DIR, 'logs', 'temporal.log'),
      });
    const temporal = await startTemporal();
    superviseTemporal(temporal, startTemporal);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const ran = await runMigrations(databaseUrl);
  log(ran.length ? `applied migrations: ${ran.join(', ')}` : 'database schema is up to date');

  const bundle = path.join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    JWT_SECRET: appEnv.JWT_SECRET ?? persistentSecret(path.join(DATA_DIR, 'jwt-secret')),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    DB_MIGRATE_ON_START: 'false',
    ...(fs.existsSync(bundle) && !appEnv.WORKFLOW_BUNDLE_PATH ? { WORKFLOW_BUNDLE_PATH: bundle } : {}),
  };
  startNode('worker', 'apps/worker/src/main.js', workerProcessEnv(childEnv));
  let generatedAdmin: { username: string; password: string } | undefined;
  startNode('API', 'apps/api/src/main.js', childEnv, (line) => {
    const match = /First admin: (\S+) \/ (\S+)/.exec(line);
    if (match) generatedAdmin = { username: match[1], password: match[2] };
  });
  await waitFor('API', () => apiReady(appEnv.PORT), 120_000);

  const api = `http://localhost:${appEnv.PORT}`;
  const consoleBuilt = fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'web', 'index.html'));
  const admin = generatedAdmin
    ? `首位管理员:  ${generatedAdmin.username} / ${generatedAdmin.password}（只显示这一次，登录后请修改密码）`
    : appEnv.ADMIN_PASSWORD
      ? `管理员账号:  ${appEnv.ADMIN_USERNAME}（密码为 ADMIN_PASSWORD 的值）`
      : `管理员账号:  ${appEnv.ADMIN_USERNAME}（密码已在首次启动时显示）`;
  const rule = '='.repeat(64);
  console.log(
    [
      '',
      rule,
      `  控制台:  ${api}/`,
      `  ${admin}`,
      ...(consoleBuilt ? [] : ['  （网页控制台尚未构建：运行 npm run build:web）']),
      rule,
      '',
      'Ready.',
      `  API              ${api}/api`,
      `  OpenAPI docs     ${api}/docs   (JSON: ${api}/docs-json)`,
      `  Readiness        ${api}/api/ready`,
      temporalUi ? `  Temporal UI      ${temporalUi}` : `  Temporal         ${temporalAddress}`,
      `  Data and logs    ${DATA_DIR}`,
      ...(postgresData && !postgresData.startsWith(DATA_DIR + path.sep)
        ? [`  Postgres data    ${postgresData}`]
        : []),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  console.error(`[start] failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
