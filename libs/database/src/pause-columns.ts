/**
 * A running pause read from its `paused_since` column, in the shape the deadline rules take
 * (`state.paused`): the lists read the column, not the JSON state.
 */
export const pauseOf = (since: Date | null): { since: string } | null =>
  since ? { since: since.toISOString() } : null;
