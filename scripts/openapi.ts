/**
 * Writes the API's OpenAPI document and the web console's TypeScript types generated from it
 * (apps/web/src/api/openapi.json, apps/web/src/api/schema.d.ts). `npm run openapi` after any change
 * to routes or DTOs; a unit test fails while the committed files differ from what this produces.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { renderOpenApiFiles } from './openapi-files';

async function main(): Promise<void> {
  const files = await renderOpenApiFiles();
  for (const [relative, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(PROJECT_ROOT, relative), text);
    console.log(`[openapi] wrote ${relative}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
