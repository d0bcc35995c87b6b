import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdempotencyStore } from './idempotency.store';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Forgets idempotency keys older than 24 hours, at start and every hour (a claim also ignores them). */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencySweeper.name);
  private readonly store: IdempotencyStore;
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new IdempotencyStore(dataSource);
  }

  onApplicationBootstrap(): void {
    this.sweep();
    this.timer = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    this.store.sweep().then(
      (removed) => removed > 0 && this.logger.log({ removed }, 'expired idempotency keys removed'),
      (error: unknown) => this.logger.warn({ error: String(error) }, 'idempotency key sweep failed'),
    );
  }
}
