import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle, testWorkflowSinks } from '../workflow-bundle';

const HISTORIES = path.join(__dirname, 'histories');

/**
 * Every recorded history of a workflow that once ran must still replay on today's workflow code.
 * A failure here means a change is not deterministic: guard it with `patched()`.
 * Record new ones with `npm run replay:record -- <workflowId>` against a running system.
 */
describe('replay of recorded workflow histories', () => {
  const files = fs.readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await testWorkflowBundle(), sinks: testWorkflowSinks },
        history,
        file.replace(/\.json$/, ''),
      ),
    ).resolves.toBeUndefined();
  });
});
