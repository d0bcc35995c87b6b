import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createHouseholdImportActivities } from '../activities/housing/household-import.activities';
import { openQueryDatabase, QueryDatabase } from './support/query-database';

/**
 * The API starts an import's workflow inside the transaction that stores the import, so the
 * workflow's first activity can run before that commits; it must wait for the rows, not finish an
 * import it cannot see yet with nothing started.
 */
describe('starting the pipelines of an import not yet committed', () => {
  let db: QueryDatabase;
  const starter = { client: {} as Client, taskQueue: 'unused', chunk: 100 };

  beforeAll(async () => {
    db = await openQueryDatabase();
  });
  afterAll(() => db.close());

  it('is retried while the import is not visible, instead of answering nothing left to start', async () => {
    const activities = createHouseholdImportActivities(db.dataSource, starter);
    await expect(
      new MockActivityEnvironment({ attempt: 1 }).run(activities.startImportedPipelines, {
        importId: randomUUID(),
      }),
    ).rejects.toThrow(/is not committed yet/);
  });

  it('gives up on an import that never committed after its last wait', async () => {
    const activities = createHouseholdImportActivities(db.dataSource, starter);
    await expect(
      new MockActivityEnvironment({ attempt: 10 }).run(activities.startImportedPipelines, {
        importId: randomUUID(),
      }),
    ).resolves.toEqual({ remaining: 0 });
  });
});
