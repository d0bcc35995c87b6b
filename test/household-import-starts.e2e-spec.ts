import { Client as TemporalClient } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { createHouseholdImportActivities } from '../activities/housing/household-import.activities';
import { TEMPORAL_CLIENT } from '../libs/temporal/src/temporal.tokens';
import { addHousingFixture, HousingFixture } from './support/housing-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * An import starts its pipelines a chunk per activity call with a fixed number in flight, and keeps
 * its `started` counter by adding what each call flipped: a retried chunk counts nothing twice.
 */
describe('household import starts', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  let housing: HousingFixture;
  const chunkBefore = process.env.HOUSEHOLD_START_CHUNK;
  const rows = Array.from({ length: 8 }, (_, i): [string, string, string] =>
    i % 2 === 0 ? [`H-A${i}`, 'vA1', 'tA'] : [`H-B${i}`, 'vB1', 'tB'],
  );

  beforeAll(async () => {
    process.env.HOUSEHOLD_START_CHUNK = '3';
    system = await startTestSystem();
    fixture = await createOrgFixture(system);
    housing = await addHousingFixture(system, fixture, { rows });
  });
  afterAll(async () => {
    if (chunkBefore === undefined) delete process.env.HOUSEHOLD_START_CHUNK;
    else process.env.HOUSEHOLD_START_CHUNK = chunkBefore;
    await system?.close();
  });

  const importRow = async (dataSource: DataSource) =>
    (
      await dataSource.query<Array<{ id: string; households: number; started: number; status: string }>>(
        `SELECT id, households, started, status FROM household_import WHERE programme_id = $1`,
        [housing.programme],
      )
    )[0];

  it('starts every household over several chunks and counts each once', async () => {
    const dataSource = system.api.get(DataSource);
    expect(await importRow(dataSource)).toMatchObject({ households: 8, started: 8, status: 'done' });
    const temporal = system.api.get<TemporalClient>(TEMPORAL_CLIENT);
    const workflowIds = await dataSource.query<Array<{ workflow_id: string }>>(
      `SELECT workflow_id FROM household WHERE programme_id = $1`,
      [housing.programme],
    );
    const described = await Promise.all(
      workflowIds.map(({ workflow_id }) => temporal.workflow.getHandle(workflow_id).describe()),
    );
    expect(described.map((d) => d.status.name)).toEqual(Array(8).fill('RUNNING'));
  });

  it('counts nothing twice when a chunk is retried after its starts but before its rows were marked', async () => {
    const dataSource = system.api.get(DataSource);
    const { id: importId } = await importRow(dataSource);
    // As a worker crash between the starts and the commit leaves it: started, but not marked.
    await dataSource.query(
      `UPDATE household SET pipeline_started = false
        WHERE id IN (SELECT id FROM household WHERE import_id = $1 ORDER BY household_no LIMIT 2)`,
      [importId],
    );
    await dataSource.query(`UPDATE household_import SET started = started - 2 WHERE id = $1`, [importId]);
    const activities = createHouseholdImportActivities(dataSource, {
      client: system.api.get<TemporalClient>(TEMPORAL_CLIENT),
      taskQueue: system.taskQueue,
      chunk: 3,
    });
    const run = () => new MockActivityEnvironment().run(activities.startImportedPipelines, { importId });
    await expect(run()).resolves.toEqual({ remaining: 0 });
    // the same call again, as Temporal's retry would make it: nothing left, nothing added
    await expect(run()).resolves.toEqual({ remaining: 0 });
    expect(await importRow(dataSource)).toMatchObject({ households: 8, started: 8 });
  });
});
