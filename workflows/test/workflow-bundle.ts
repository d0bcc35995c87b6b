import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { workflowTracingSinks } from '../../libs/temporal/src/workflow-tracing';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file (bundling takes seconds). */
export function testWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}

/** The sinks a worker of the bundle registers (its tracing interceptors' span exporter, a no-op here). */
export const testWorkflowSinks = workflowTracingSinks();
