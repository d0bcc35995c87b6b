import * as path from 'node:path';
import { bundleWorkflows } from './workflow-bundle';

const ROOT = path.resolve(__dirname, '../../..');

/** Our code a workflow bundle may hold: the workflows and the workflow-safe libraries they import. */
const ALLOWED_FOLDERS = ['workflows/', 'libs/domain/', 'libs/contracts/'];

/** Packages a workflow bundle may hold: Temporal's workflow runtime and what it needs, all pure. */
const ALLOWED_PACKAGES: Record<string, string> = {
  '@temporalio/workflow': 'the workflow API',
  '@temporalio/common': 'payloads, failures, retry policies',
  'nexus-rpc': "@temporalio/common's Nexus operation types",
  ms: "@temporalio/common's duration strings",
  long: "@temporalio/common's 64-bit integers (protobuf)",
  // The OpenTelemetry workflow interceptors Temporal ships for the sandbox, and what they import.
  '@temporalio/interceptors-opentelemetry': 'trace context into and out of workflows',
  '@opentelemetry/api': 'used by the interceptors',
  '@opentelemetry/core': 'used by the interceptors',
  '@opentelemetry/resources': 'used by the interceptors',
  '@opentelemetry/sdk-trace-base': 'used by the interceptors',
  '@opentelemetry/semantic-conventions': 'used by the interceptors',
};

/** The modules of a bundle, as its inline source map lists them. */
function modulesOf(code: string): string[] {
  const match = /sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)\s*$/.exec(code);
  if (!match) throw new Error('the workflow bundle has no inline source map to list its modules');
  return (JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) as { sources: string[] }).sources;
}

/** The modules that are neither our workflow-safe folders nor an allowed package, nor webpack's runtime. */
export function modulesNotAllowed(modules: string[], root = ROOT): string[] {
  return modules.filter((source) => {
    const id = source.replace(/^webpack:\/\/[^/]*\//, '');
    if (/^webpack\/(bootstrap|runtime\/)/.test(id)) return false;
    const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
    if (inPackage) return !(inPackage[1] in ALLOWED_PACKAGES);
    const own = path
      .relative(root, path.resolve(root, id))
      .split(path.sep)
      .join('/')
      .replace(/^dist\//, '');
    return !ALLOWED_FOLDERS.some((folder) => own.startsWith(folder));
  });
}

describe('the workflow bundle', () => {
  it('holds only workflows/, libs/domain, libs/contracts and allowed pure packages', async () => {
    const modules = modulesOf((await bundleWorkflows({ tracing: true })).code);
    expect(modules.filter((m) => m.includes('/workflows/')).length).toBeGreaterThan(5);
    expect(modulesNotAllowed(modules)).toEqual([]);
  });

  it('names a module from anywhere else', () => {
    expect(
      modulesNotAllowed(
        [
          `${ROOT}/workflows/index.ts`,
          `${ROOT}/libs/domain/src/time/china-time.ts`,
          'webpack://__TEMPORAL__/./libs/contracts/src/campaign/campaign.ts',
          `${ROOT}/node_modules/@temporalio/workflow/lib/workflow.js`,
          'webpack/runtime/global',
          `${ROOT}/libs/database/src/data-source.ts`,
          `${ROOT}/activities/campaign/campaign.activities.ts`,
          `${ROOT}/node_modules/typeorm/index.js`,
          'webpack://__TEMPORAL__/./node_modules/lodash/lodash.js',
        ],
        ROOT,
      ),
    ).toEqual([
      `${ROOT}/libs/database/src/data-source.ts`,
      `${ROOT}/activities/campaign/campaign.activities.ts`,
      `${ROOT}/node_modules/typeorm/index.js`,
      'webpack://__TEMPORAL__/./node_modules/lodash/lodash.js',
    ]);
  });
});
