import type { ItemClock, ItemStatus } from '../../domain/src/rectification/item-process';

/**
 * A running pause read from its `paused_since` column, in the shape the deadline rules take
 * (`state.paused`): the lists read the column, not the JSON state.
 */
export const pauseOf = (since: Date | null): { since: string } | null =>
  since ? { since: since.toISOString() } : null;

/**
 * An item's clock (`ItemClock`: its working deadlines and pauses) from the columns the projection
 * writes from its state in the same statement: the item list and the to-do list read these, not
 * the JSON state, which Postgres must detoast whole.
 */
export const itemClockOf = (columns: {
  status: ItemStatus;
  basic_deadline: Date;
  full_deadline: Date;
  paused_ms: string | number;
  paused_since: Date | null;
}): ItemClock => ({
  status: columns.status,
  deadlines: { basic: columns.basic_deadline.toISOString(), full: columns.full_deadline.toISOString() },
  pausedMs: Number(columns.paused_ms),
  paused: pauseOf(columns.paused_since),
});
