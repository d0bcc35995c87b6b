import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** The workflows' entry point; the worker bundles it (or loads a bundle prebuilt from it). */
export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '../../../workflows'));

/**
 * Workflow interceptors every bundle carries: OpenTelemetry's, which continue the caller's trace
 * in the workflow and hand it on to activities in their headers. Spans leave the sandbox through
 * the worker's `exporter` sink (a no-op while tracing is off).
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/** Bundles all workflow code once (the worker in development, tests, and `npm run build`). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: new DefaultLogger('WARN'),
  });
}
