/** Prebuilds the workflow bundle (dist/workflow-bundle.js) that production workers load. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';

async function main(): Promise<void> {
  const target = process.argv[2] ?? path.join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  const { code } = await bundleWorkflows();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
  console.log(
    `workflow bundle written to ${path.relative(PROJECT_ROOT, target)} (${Math.round(code.length / 1024)} KiB)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
