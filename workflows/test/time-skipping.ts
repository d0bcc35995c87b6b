import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ensureTemporalTestServer } from '../../libs/devstack/src/temporal-binaries';

/**
 * A time-skipping Temporal test server for workflow tests: the native test server from the
 * project's tools folder (never downloaded at run time). `env.sleep('30d')` skips a month.
 */
export function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTemporalTestServer() } },
  });
}

/** Test output shows the SDK's warnings and errors only. The runtime can be installed once per process. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed
  }
}
