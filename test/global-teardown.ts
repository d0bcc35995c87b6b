import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningPostgres } from '../libs/devstack/src/embedded-postgres';
import type { RunningTemporal } from '../libs/devstack/src/temporal-dev-server';
import { OPENAPI_DOCUMENT, undeclaredAnsweredCodes } from './support/answered-codes';
import { TEST_SERVERS } from './support/test-servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<symbol, unknown>)[TEST_SERVERS] as
    { postgres: RunningPostgres; temporal: RunningTemporal; runDir: string } | undefined;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
  const undeclared = undeclaredAnsweredCodes(
    path.join(servers.runDir, 'error-codes-answered.jsonl'),
    OPENAPI_DOCUMENT,
  );
  fs.rmSync(servers.runDir, { recursive: true, force: true });
  if (undeclared.length > 0)
    throw new Error(
      `The API answered error codes its OpenAPI document does not list on that route (add them with @ApiErrors):\n${undeclared.join('\n')}`,
    );
}
