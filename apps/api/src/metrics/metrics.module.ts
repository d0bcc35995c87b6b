import {
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  RequestMethod,
} from '@nestjs/common';
import { Environment } from '../../../../libs/config/src/environment';
import { ApiMetrics } from './api-metrics';
import { startMetricsServer } from './metrics-server';

/**
 * The API's Prometheus metrics: every request timed under its route pattern, and with METRICS_PORT
 * `GET /metrics` served on that port (behind METRICS_TOKEN when set), never on the public one.
 */
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class MetricsModule implements NestModule, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsModule.name);
  private server?: Awaited<ReturnType<typeof startMetricsServer>>;

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly env: Environment,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.metrics.middleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.METRICS_PORT) return;
    this.server = await startMetricsServer(this.env.METRICS_PORT, () => this.metrics.exposition(), {
      token: this.env.METRICS_TOKEN,
    });
    this.logger.log(
      `metrics on :${this.server.port}/metrics${this.env.METRICS_TOKEN ? ' (token required)' : ''}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
