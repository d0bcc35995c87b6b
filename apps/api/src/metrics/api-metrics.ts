import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import {
  type BusinessMetricsSnapshot,
  type LabelledCount,
  readBusinessMetrics,
} from '../../../../libs/database/src/metrics/business-metrics.queries';
import { routeOf } from '../../../../libs/observability/src/http-route';
import {
  API_METRICS,
  API_PROCESS_PREFIX,
  BUSINESS_METRICS,
} from '../../../../libs/observability/src/metric-names';

/** Request latency buckets (seconds): most answers take milliseconds, commands wait for a worker. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The API's Prometheus registry: request rate and latency by route and status, and the business
 * gauges, read from the read model when scraped and reused for METRICS_CACHE_SECONDS.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: API_METRICS.httpRequestDuration,
    help: 'API requests by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly logger = new Logger(ApiMetrics.name);
  /** The read of the counts: `at` when it finished (undefined while it runs, shared by every gauge). */
  private cached?: { at?: number; snapshot: Promise<BusinessMetricsSnapshot | undefined> };
  private last?: BusinessMetricsSnapshot;

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {
    // the process: memory, CPU, event loop lag, handles
    collectDefaultMetrics({ register: this.registry, prefix: API_PROCESS_PREFIX });
    const gauge = (
      name: string,
      help: string,
      read: (s: BusinessMetricsSnapshot) => number | LabelledCount[],
      label?: string,
    ) => {
      const snapshot = () => this.snapshot();
      new Gauge({
        name,
        help,
        labelNames: label ? [label] : [],
        registers: [this.registry],
        async collect() {
          const current = await snapshot();
          this.reset();
          if (!current) return;
          const value = read(current);
          if (typeof value === 'number') this.set(value);
          else for (const row of value) this.set({ [label!]: row.label }, row.count);
        },
      });
    };
    const m = BUSINESS_METRICS;
    gauge(m.itemsOpen, 'Open rectification items by status', (s) => s.itemsOpenByStatus, 'status');
    gauge(m.itemsOverdue, 'Open rectification items past their full deadline', (s) => s.itemsOverdue);
    gauge(
      m.itemsEscalated,
      'Open rectification items by escalation level',
      (s) => s.itemsEscalatedByLevel,
      'level',
    );
    gauge(m.tasksOpen, 'Campaign tasks not accepted yet by status', (s) => s.tasksOpenByStatus, 'status');
    gauge(
      m.tasksEscalated,
      'Campaign tasks not accepted yet by escalation level',
      (s) => s.tasksEscalatedByLevel,
      'level',
    );
    gauge(m.households, 'Households by pipeline stage', (s) => s.householdsByStage, 'stage');
    gauge(
      m.householdsEscalated,
      'Households by escalation level',
      (s) => s.householdsEscalatedByLevel,
      'level',
    );
    gauge(
      m.paymentsRefused,
      'Households whose subsidy the gateway refused, waiting for a retry',
      (s) => s.paymentsRefused,
    );
    gauge(m.importsRunning, 'Household imports still starting pipelines', (s) => s.importsRunning);
    gauge(
      m.importHouseholdsWaiting,
      'Households of running imports not started yet',
      (s) => s.importHouseholdsWaiting,
    );
    gauge(m.batchesRunning, 'Bulk batches not finished', (s) => s.batchesRunning);
    gauge(m.batchItemsPending, 'Items of unfinished bulk batches not done yet', (s) => s.batchItemsPending);
  }

  /** Counts an answered request under its route pattern (`unmatched`: a 404) with how long it took. */
  observe(request: IncomingMessage, status: number, seconds: number): void {
    this.requests.observe(
      { method: request.method ?? 'GET', route: routeOf(request) ?? 'unmatched', status: String(status) },
      seconds,
    );
  }

  /** The read model's counts, one query round per cache period; the last good ones when a read fails. */
  private snapshot(): Promise<BusinessMetricsSnapshot | undefined> {
    const at = this.cached?.at;
    if (this.cached && (at === undefined || Date.now() - at < this.env.METRICS_CACHE_SECONDS * 1000))
      return this.cached.snapshot;
    const cached: NonNullable<ApiMetrics['cached']> = {
      snapshot: readBusinessMetrics(this.dataSource).then(
        (snapshot) => {
          cached.at = Date.now();
          return (this.last = snapshot);
        },
        (error: unknown) => {
          this.logger.warn(
            `business metrics not read: ${error instanceof Error ? error.message : String(error)}`,
          );
          this.cached = undefined;
          return this.last;
        },
      ),
    };
    this.cached = cached;
    return cached.snapshot;
  }

  /** The exposition text for GET /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
