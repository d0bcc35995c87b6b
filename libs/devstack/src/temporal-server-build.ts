import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOOLS_DIR } from './project-paths';

/**
 * The version of the real Temporal server that docker-compose.yml pins
 * (`temporalio/auto-setup:1.28.1`; libs/config/src/compose-file.spec.ts checks they agree).
 */
export const TEMPORAL_SERVER_VERSION = '1.28.1';

/** The binaries built from the Go module proxy: the server and its SQL schema tool. */
export interface TemporalServerBinaries {
  /** `server start --config-file … --service frontend …` */
  server: string;
  /** `temporal-sql-tool` (named `sql` by `go install`): creates and updates Temporal's schemas. */
  sqlTool: string;
  version: string;
}

const PACKAGES = {
  server: 'go.temporal.io/server/cmd/server',
  sqlTool: 'go.temporal.io/server/cmd/tools/sql',
};

/** Where a version's binaries are cached: `.tools/temporal-server/<version>/`. */
export function temporalServerDir(version = TEMPORAL_SERVER_VERSION): string {
  return path.join(TOOLS_DIR, 'temporal-server', version);
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The real Temporal server and its SQL tool at `version`, built once with `go install` from the
 * Go module proxy (several minutes and about 2 GB of module cache the first time; needs Go) and
 * cached under `.tools/temporal-server/<version>/`; later calls return the cached binaries.
 */
export function ensureTemporalServer(
  log: (message: string) => void = console.log,
  version = TEMPORAL_SERVER_VERSION,
): TemporalServerBinaries {
  const dir = temporalServerDir(version);
  const binaries: TemporalServerBinaries = {
    server: path.join(dir, 'server'),
    sqlTool: path.join(dir, 'sql'),
    version,
  };
  for (const [name, pkg] of Object.entries(PACKAGES) as Array<[keyof typeof PACKAGES, string]>) {
    if (executable(binaries[name])) continue;
    log(`Building ${pkg}@v${version} with go install into ${dir} (minutes the first time) ...`);
    try {
      execFileSync('go', ['install', `${pkg}@v${version}`], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, GOBIN: dir, GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false' },
      });
    } catch (error) {
      throw new Error(
        `Could not build ${pkg}@v${version} (is Go installed and the module proxy reachable?): ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!executable(binaries[name])) throw new Error(`go install left no ${binaries[name]}`);
  }
  return binaries;
}
