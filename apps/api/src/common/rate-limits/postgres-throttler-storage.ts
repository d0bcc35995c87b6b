import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';
import { ThrottleCounterQueries } from '../../../../../libs/database/src/platform/throttle-counter.queries';

/** Expired counters are swept this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Rate-limit counters in Postgres (the unlogged `throttle_hit` table, ThrottleCounterQueries), so
 * every API process counts the same requests: one statement per hit, atomic under concurrency. A
 * fixed window of `ttl` ms per key; once the hits pass `limit` the key is blocked for
 * `blockDuration` ms, and hits while blocked are not counted.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly sweeper: NodeJS.Timeout;
  private readonly counters: ThrottleCounterQueries;

  constructor(dataSource: DataSource) {
    this.counters = new ThrottleCounterQueries(dataSource.manager);
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
    const counter = await this.counters.hit(key, throttlerName, ttl, limit, blockDuration);
    const blockedMs = counter.blockedMs === null ? 0 : Math.max(0, counter.blockedMs);
    return {
      totalHits: counter.hits,
      timeToExpire: Math.max(0, Math.ceil(counter.windowMs / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.ceil(blockedMs / 1000),
    };
  }

  /** Removes counters whose window and block are over (a crash may also empty the unlogged table: harmless). */
  async sweep(): Promise<void> {
    await this.counters.deleteExpired().catch(() => undefined);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
