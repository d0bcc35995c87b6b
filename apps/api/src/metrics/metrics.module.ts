import { Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '../../../../libs/config/src/environment';
import { ApiMetrics } from './api-metrics';
import { startMetricsServer } from './metrics-server';

/**
 * The API's Prometheus metrics: every request timed under its route pattern (`configure-app.ts`
 * hooks `ApiMetrics.observe` into Fastify), and with METRICS_PORT
 * `GET /metrics` served on that port (behind METRICS_TOKEN when set), never on the public one.
 */
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class MetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsModule.name);
  private server?: Awaited<ReturnType<typeof startMetricsServer>>;

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly env: Environment,
  ) {}

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
