import { Queries } from '../queries';
import { HouseholdImport } from './household-import.entity';
import { Household } from './household.entity';

/** Rows written in one statement when an import's households are stored. */
const INSERT_CHUNK = 1000;

/** Imported batches of households: storing one, and how far starting its pipelines has got. */
export class HouseholdImportQueries extends Queries {
  byId(id: string): Promise<HouseholdImport | null> {
    return this.db.getRepository(HouseholdImport).findOneBy({ id });
  }

  /**
   * Stores the batch, its households (a thousand rows a statement) and adds them to the stage
   * counters. Run it in the import's transaction.
   */
  async store(
    batch: Omit<HouseholdImport, 'createdAt' | 'finishedAt'>,
    households: Array<Partial<Household>>,
  ): Promise<void> {
    await this.db.getRepository(HouseholdImport).insert(batch);
    for (let i = 0; i < households.length; i += INSERT_CHUNK)
      await this.db.getRepository(Household).insert(households.slice(i, i + INSERT_CHUNK));
    await this.db.query(
      `INSERT INTO household_stage_count (programme_id, township, stage, slot, households)
       SELECT programme_id, township, stage, household_counter_slot(), count(*) FROM household WHERE import_id = $1
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT (programme_id, township, stage, slot)
         DO UPDATE SET households = household_stage_count.households + EXCLUDED.households`,
      [batch.id],
    );
  }

  /** Whether the import's row is visible: committed by the request that stored it. */
  async isStored(importId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM household_import WHERE id = $1`, [importId]);
    return rows.length > 0;
  }

  /** The next households of the import whose pipeline is not started yet, by household number. */
  notStarted(importId: string, take: number): Promise<Household[]> {
    return this.db.getRepository(Household).find({
      where: { importId, pipelineStarted: false },
      order: { householdNo: 'ASC' },
      take,
    });
  }

  /**
   * Marks the households' pipelines started and counts them on the import: only rows this call
   * flips count, so a retried chunk adds nothing twice. Answers how many are left to start.
   */
  async markStarted(importId: string, householdIds: string[]): Promise<number> {
    await this.db.query(
      `WITH flipped AS (
         UPDATE household SET pipeline_started = true
          WHERE id = ANY($2) AND NOT pipeline_started RETURNING 1)
       UPDATE household_import SET started = started + (SELECT count(*) FROM flipped) WHERE id = $1`,
      [importId, householdIds],
    );
    const [{ remaining }] = await this.db.query<Array<{ remaining: number }>>(
      `SELECT households - started AS remaining FROM household_import WHERE id = $1`,
      [importId],
    );
    return remaining;
  }

  async finish(importId: string): Promise<void> {
    await this.db.query(
      `UPDATE household_import SET status = 'done', finished_at = coalesce(finished_at, now()) WHERE id = $1`,
      [importId],
    );
  }
}
