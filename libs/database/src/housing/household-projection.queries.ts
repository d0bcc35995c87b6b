import { Queries } from '../queries';

/** A household's place in the stage counters (`household_stage_count`). */
export interface StageCounterKey {
  programmeId: string;
  township: string;
}

/** One timeline entry as the projection writes it. */
export interface HouseholdEventRow {
  householdId: string;
  version: number;
  at: string;
  type: string;
  stage: string;
  actorId: string;
  actorName: string;
  summary: string;
  reason: string | null;
  data: unknown;
}

/**
 * What projecting a household's workflow into the read model writes and checks (the
 * projectHousehold local activity and the reconciler), each on the caller's transaction.
 */
export class HouseholdProjectionQueries extends Queries {
  /** The household's stage and version, its row locked for the rest of the transaction; none if absent. */
  async lockRow(householdId: string): Promise<{ stage: string; version: number } | undefined> {
    const [current] = await this.prepared<{ stage: string; version: number }>(
      `SELECT stage, version FROM household WHERE id = $1 FOR NO KEY UPDATE`,
      [householdId],
    );
    return current;
  }

  /** As `lockRow`, and whether the stored state equals `state`. */
  async lockRowComparedWith(
    householdId: string,
    state: unknown,
  ): Promise<{ stage: string; version: number; same: boolean } | undefined> {
    const [current] = await this.prepared<{ stage: string; version: number; same: boolean }>(
      `SELECT stage, version, state = $2::jsonb AS same FROM household WHERE id = $1 FOR NO KEY UPDATE`,
      [householdId, JSON.stringify(state)],
    );
    return current;
  }

  async storedStateIs(householdId: string, state: unknown): Promise<boolean> {
    const [row] = await this.prepared<{ same: boolean }>(
      `SELECT state = $2::jsonb AS same FROM household WHERE id = $1`,
      [householdId, JSON.stringify(state)],
    );
    return row?.same ?? false;
  }

  /** Removes the timeline entries of versions after `reached`; answers how many were removed. */
  async dropVersionsAfter(householdId: string, reached: number): Promise<number> {
    const [, removed] = await this.db.query<[unknown, number]>(
      `DELETE FROM household_event WHERE household_id = $1 AND version > $2`,
      [householdId, reached],
    );
    return removed;
  }

  /** The ids of the notifications made under a dedupe key, in id order. */
  async notificationIdsOf(dedupeKey: string): Promise<string[]> {
    const rows = await this.prepared<{ id: string }>(
      `SELECT id FROM notification WHERE dedupe_key = $1 ORDER BY id`,
      [dedupeKey],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Writes the columns (by column name) into the household row, and moves the household from
   * `previousStage` to `stage` in the stage counters when they differ. The other counters
   * (`household_tally`) follow the row by the table's triggers.
   */
  async writeRow(
    householdId: string,
    columns: Record<string, unknown>,
    counter: StageCounterKey,
    previousStage: string,
    stage: string,
  ): Promise<void> {
    const entries = Object.entries(columns);
    await this.prepared(
      `UPDATE household SET ${entries.map(([name], i) => `${name} = $${i + 2}`).join(', ')}, updated_at = now()
       WHERE id = $1`,
      [householdId, ...entries.map(([, value]) => value)],
    );
    if (previousStage !== stage) {
      // One statement, rows in key order, into this connection's slot (migration 1763900120000).
      await this.prepared(
        `INSERT INTO household_stage_count AS c (programme_id, township, stage, slot, households)
         SELECT $1, $2, stage, household_counter_slot(), delta FROM (VALUES ($3, -1), ($4, 1)) d (stage, delta)
          ORDER BY stage
         ON CONFLICT (programme_id, township, stage, slot) DO UPDATE SET households = c.households + EXCLUDED.households`,
        [counter.programmeId, counter.township, previousStage, stage],
      );
    }
  }

  /** Writes a version's timeline entry unless it is there already; whether it was written. */
  async appendEvent(event: HouseholdEventRow): Promise<boolean> {
    const written = await this.prepared<{ version: number }>(
      `INSERT INTO household_event (household_id, version, at, type, stage, actor_id, actor_name, summary, reason, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING RETURNING version`,
      [
        event.householdId,
        event.version,
        event.at,
        event.type,
        event.stage,
        event.actorId,
        event.actorName,
        event.summary,
        event.reason,
        JSON.stringify(event.data),
      ],
    );
    return written.length > 0;
  }
}
