import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';

/** Expired counters are swept this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Rate-limit counters in Postgres (the unlogged `throttle_hit` table), so every API process counts
 * the same requests: one statement per hit, atomic under concurrency (INSERT … ON CONFLICT DO
 * UPDATE locks the counter's row). A fixed window of `ttl` ms per key; once the hits pass `limit`
 * the key is blocked for `blockDuration` ms, and hits while blocked are not counted.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const [row] = await this.dataSource.query<
      Array<{ hits: number; window_ms: string; blocked_ms: string | null }>
    >(
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
      [key, throttlerName, ttl, limit, blockDuration],
    );
    const blockedMs = row.blocked_ms === null ? 0 : Math.max(0, Number(row.blocked_ms));
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(Number(row.window_ms) / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.ceil(blockedMs / 1000),
    };
  }

  /** Removes counters whose window and block are over (a crash may also empty the unlogged table: harmless). */
  async sweep(): Promise<void> {
    await this.dataSource
      .query(
        `DELETE FROM throttle_hit WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
      )
      .catch(() => undefined);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
