import * as fs from 'node:fs';
import type { RunningPostgres } from '../libs/devstack/src/embedded-postgres';
import type { RunningTemporal } from '../libs/devstack/src/temporal-dev-server';
import { TEST_SERVERS } from './support/test-servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<symbol, unknown>)[TEST_SERVERS] as
    { postgres: RunningPostgres; temporal: RunningTemporal; runDir: string } | undefined;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
  fs.rmSync(servers.runDir, { recursive: true, force: true });
}
