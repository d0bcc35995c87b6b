import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** The workflows' entry point; the worker bundles it (or loads a bundle prebuilt from it). */
export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '../../../workflows'));

/**
 * Workflow interceptors a traced worker's bundle carries: OpenTelemetry's, which continue the
 * caller's trace in the workflow and hand it on to activities in their headers. Spans leave the
 * sandbox through the worker's `exporter` sink. Only bundles for tracing carry them: each cached
 * workflow then holds its open spans, and `npm run bench:starts` measured the worker at 3,453 MiB
 * with them against 856 MiB without, at a start rate a third lower.
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/**
 * Bundles all workflow code once (the worker in development, tests, and `npm run build`); with
 * `tracing`, with the OpenTelemetry workflow interceptors.
 */
export function bundleWorkflows(options: { tracing?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: options.tracing ? WORKFLOW_INTERCEPTOR_MODULES : [],
    logger: new DefaultLogger('WARN'),
  });
}
