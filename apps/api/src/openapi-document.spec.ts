import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../../libs/devstack/src/project-paths';
import { renderOpenApiFiles } from '../../../scripts/openapi-files';

describe('the web console’s API types', () => {
  it('are generated from the API as it is now (run `npm run openapi` after changing routes or DTOs)', async () => {
    const files = await renderOpenApiFiles();
    expect(Object.keys(files).length).toBe(2);
    for (const [relative, text] of Object.entries(files)) {
      const committed = fs.readFileSync(path.join(PROJECT_ROOT, relative), 'utf8');
      // A mismatch names the file; the full diff would drown the message.
      expect({ file: relative, upToDate: committed === text }).toEqual({ file: relative, upToDate: true });
    }
  });
});
