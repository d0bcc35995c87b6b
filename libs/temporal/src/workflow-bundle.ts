import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** The workflows' entry point; the worker bundles it (or loads a bundle prebuilt from it). */
export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '../../../workflows'));

/** Bundles all workflow code once (the worker in development, tests, and `npm run build`). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
}
