/**
 * Saves the event history of a workflow that ran on a live system into the replay folder, so the
 * replay test checks every later workflow change against it. Uses the Temporal CLI's JSON export.
 * Usage: npm run replay:record -- <workflowId> [file name without .json]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../libs/config/src/environment';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';

function main(): void {
  const [workflowId, name] = process.argv.slice(2);
  if (!workflowId) throw new Error('usage: npm run replay:record -- <workflowId> [name]');
  const env = loadEnvironment();
  const json = execFileSync(
    ensureTemporalCli(),
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--output',
      'json',
      '--address',
      env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      '--namespace',
      env.TEMPORAL_NAMESPACE,
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const events = (JSON.parse(json) as { events?: unknown[] }).events ?? [];
  const fileName = `${name ?? workflowId.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`;
  const file = path.join(PROJECT_ROOT, 'workflows', 'test', 'replay', 'histories', fileName);
  fs.writeFileSync(file, json);
  console.log(`saved ${events.length} events to ${path.relative(PROJECT_ROOT, file)}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
