import { Queries } from '../queries';

/** A rate-limit counter after a hit: its hits, and how long its window and its block still run. */
export interface ThrottleCounter {
  hits: number;
  /** Milliseconds left in the window (negative once it is over). */
  windowMs: number;
  /** Milliseconds left of the block, or null when the key is not blocked. */
  blockedMs: number | null;
}

/**
 * Rate-limit counters (the unlogged `throttle_hit` table), one per key and throttler: a fixed
 * window of `ttl` ms; once the hits pass `limit` the key is blocked for `blockDuration` ms, and
 * hits while blocked are not counted.
 */
export class ThrottleCounterQueries extends Queries {
  /** Counts one hit, atomically under concurrency (INSERT … ON CONFLICT DO UPDATE locks the counter's row). */
  async hit(
    key: string,
    throttler: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottleCounter> {
    const [row] = await this.db.query<Array<{ hits: number; window_ms: string; blocked_ms: string | null }>>(
      `INSERT INTO throttle_hit AS t (key, throttler, hits, window_ends_at, blocked_until)
       VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond',
               CASE WHEN 1 > $4 THEN clock_timestamp() + $5 * interval '1 millisecond' END)
       ON CONFLICT (key, throttler) DO UPDATE SET
         hits = CASE WHEN t.blocked_until > clock_timestamp() THEN t.hits
                     WHEN t.window_ends_at <= clock_timestamp() THEN 1
                     ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.blocked_until > clock_timestamp() THEN t.window_ends_at
                               WHEN t.window_ends_at <= clock_timestamp()
                                 THEN clock_timestamp() + $3 * interval '1 millisecond'
                               ELSE t.window_ends_at END,
         blocked_until = CASE WHEN t.blocked_until > clock_timestamp() THEN t.blocked_until
                              WHEN t.window_ends_at > clock_timestamp() AND t.hits + 1 > $4
                                THEN clock_timestamp() + $5 * interval '1 millisecond'
                              WHEN t.window_ends_at <= clock_timestamp() AND 1 > $4
                                THEN clock_timestamp() + $5 * interval '1 millisecond'
                              END
       RETURNING hits,
                 (extract(epoch FROM window_ends_at - clock_timestamp()) * 1000)::bigint AS window_ms,
                 (extract(epoch FROM blocked_until - clock_timestamp()) * 1000)::bigint AS blocked_ms`,
      [key, throttler, ttl, limit, blockDuration],
    );
    return {
      hits: row.hits,
      windowMs: Number(row.window_ms),
      blockedMs: row.blocked_ms === null ? null : Number(row.blocked_ms),
    };
  }

  /** Removes counters whose window and block are over. */
  async deleteExpired(): Promise<void> {
    await this.db.query(
      `DELETE FROM throttle_hit WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
