/**
 * Starts the real servers the integration tests use, once per `jest` run: an embedded Postgres
 * (throwaway data) and the Temporal CLI's dev server (in memory), and prebuilds the workflow
 * bundle. Tests find them through the environment variables set here.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { freePort } from '../libs/devstack/src/free-port';
import { DATA_DIR } from '../libs/devstack/src/project-paths';
import { ensureTemporalCli, ensureTemporalTestServer } from '../libs/devstack/src/temporal-binaries';
import { startTemporalDevServer } from '../libs/devstack/src/temporal-dev-server';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';
import { findChromium } from './support/chromium';
import { TEST_ADMIN, TEST_SERVERS } from './support/test-servers';

export default async function globalSetup(): Promise<void> {
  const runDir = path.join(DATA_DIR, 'test', `run-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });

  process.env.TEMPORAL_TEST_SERVER_PATH = ensureTemporalTestServer();
  const cliPath = ensureTemporalCli();
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const [postgres, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: path.join(runDir, 'postgres'),
      port: pgPort,
      database: 'campaign_engine_test',
      throwaway: true,
    }),
    startTemporalDevServer({
      cliPath,
      port: temporalPort,
      namespace: 'default',
      logFile: path.join(runDir, 'temporal.log'),
    }),
    bundleWorkflows(),
    // The browser specs' Chromium, unpacked once here rather than by two test workers at a time.
    findChromium().catch(() => undefined),
  ]);
  const bundlePath = path.join(runDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);

  process.env.TEST_POSTGRES_URL = postgres.url;
  process.env.DATABASE_URL = postgres.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  // every error code answered, to check the OpenAPI document lists it (global-teardown.ts)
  process.env.ERROR_CODES_ANSWERED_LOG = path.join(runDir, 'error-codes-answered.jsonl');
  process.env.JWT_SECRET = randomBytes(32).toString('hex');
  process.env.ADMIN_PASSWORD = TEST_ADMIN.password;
  // Test files sign in often from one address; the rate-limit test sets its own low limit.
  process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '1000';
  process.env.LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE = '10000';
  process.env.EXPENSIVE_RATE_LIMIT_PER_MINUTE = '10000';
  (globalThis as Record<symbol, unknown>)[TEST_SERVERS] = { postgres, temporal, runDir };
}
