import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalTestServer } from '../../libs/devstack/src/temporal-binaries';

/**
 * A time-skipping Temporal test server for workflow tests: the native test server from the
 * project's tools folder (never downloaded at run time). `env.sleep('30d')` skips a month.
 */
export function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTemporalTestServer() } },
  });
}
