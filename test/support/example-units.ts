import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestSystem } from './test-system';

/**
 * Imports the units of the worked example (examples/campaigns/units.csv) as the admin, less the
 * codes already there (the org fixture's 住建局 zjj).
 */
export async function importExampleUnits(system: TestSystem, except: string[] = []): Promise<void> {
  const csv = readFileSync(join(__dirname, '../../examples/campaigns/units.csv'), 'utf8')
    .trim()
    .split('\n')
    .filter((line) => !except.includes(line.split(',')[0]))
    .join('\n');
  await system
    .http()
    .post('/api/units/import')
    .set('Authorization', system.adminAuth)
    .attach('file', Buffer.from(csv), 'units.csv')
    .expect(201);
}
