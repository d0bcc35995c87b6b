import { temporalConnectionSecurity } from '../../../libs/temporal/src/connection-options';
import * as fs from 'node:fs';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { httpGateway, PaymentGateway, simulatedGateway } from '../../../activities/housing/payment-gateway';
import { Environment } from '../../../libs/config/src/environment';
import { requireSetting } from '../../../libs/config/src/require-setting';
import { PinoTemporalLogger } from '../../../libs/temporal/src/temporal-logger';
import { TEMPORAL_CLIENT } from '../../../libs/temporal/src/temporal.tokens';
import { activeTracing } from '../../../libs/observability/src/tracing';
import { WORKFLOWS_PATH } from '../../../libs/temporal/src/workflow-bundle';
import { workerTracingOptions } from '../../../libs/temporal/src/workflow-tracing';

/**
 * Runs the Temporal worker inside the Nest application context, so activities receive their
 * dependencies by injection. Shutdown drains in-flight tasks before the process exits.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: Environment,
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installRuntime(this.logger, this.env.WORKER_METRICS_PORT);
    this.connection = await NativeConnection.connect({
      address: requireSetting(this.env, 'TEMPORAL_ADDRESS'),
      ...temporalConnectionSecurity(this.env),
    });
    const tracing = activeTracing();
    // A prebuilt bundle carries no tracing interceptors (workflow-bundle.ts): a traced worker
    // bundles its workflows at start with them instead.
    const bundlePath = tracing ? undefined : this.env.WORKFLOW_BUNDLE_PATH;
    if (bundlePath && !fs.existsSync(bundlePath))
      throw new Error(`WORKFLOW_BUNDLE_PATH does not exist: ${bundlePath}`);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
      activities: createActivities({
        dataSource: this.dataSource,
        webhook: {
          url: this.env.NOTIFICATION_WEBHOOK_URL,
          timeoutMs: 10_000,
          format: this.env.NOTIFICATION_WEBHOOK_FORMAT,
          secret: this.env.NOTIFICATION_WEBHOOK_SECRET,
          signingSecret: this.env.WEBHOOK_SIGNING_SECRET,
        },
        paymentGateway: this.paymentGateway(),
        documents: { issuingUnitCode: this.env.ISSUING_UNIT_CODE },
        temporal: {
          client: this.client,
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          householdStartChunk: this.env.HOUSEHOLD_START_CHUNK,
        },
      }),
      ...workerTracingOptions(tracing),
      maxCachedWorkflows: this.env.WORKER_MAX_CACHED_WORKFLOWS,
      stickyQueueScheduleToStartTimeout: `${this.env.WORKER_STICKY_TIMEOUT_SECONDS}s`,
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.fatal({ err: error }, 'Temporal worker stopped unexpectedly');
      process.exitCode = 1;
    });
    this.logger.info(
      { taskQueue: this.env.TEMPORAL_TASK_QUEUE, bundle: bundlePath ?? 'built at start' },
      'worker running',
    );
  }

  private paymentGateway(): PaymentGateway {
    if (this.env.PAYMENT_GATEWAY === 'http')
      return httpGateway(requireSetting(this.env, 'PAYMENT_GATEWAY_URL'));
    return simulatedGateway(this.dataSource, {
      failureRate: this.env.SIMULATED_GATEWAY_FAILURE_RATE,
      limitFen: this.env.SIMULATED_GATEWAY_LIMIT_YUAN * 100,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/**
 * The Temporal runtime is process-wide and takes its logger and telemetry once, before the first
 * connection. With WORKER_METRICS_PORT it serves the SDK's worker metrics (`temporal_*`) in
 * Prometheus format itself, on every interface at that port (a port for the operator's network, not
 * published). Where a runtime exists already (a test that made one first), its settings stay.
 */
function installRuntime(logger: PinoLogger, metricsPort: number | undefined): void {
  try {
    Runtime.install({
      logger: new PinoTemporalLogger(logger.logger),
      ...(metricsPort
        ? {
            telemetryOptions: {
              metrics: {
                prometheus: {
                  bindAddress: `0.0.0.0:${metricsPort}`,
                  countersTotalSuffix: true,
                  useSecondsForDurations: true,
                },
              },
            },
          }
        : {}),
    });
  } catch {
    // already installed (a test that made one first): its logger and telemetry stay
    if (metricsPort)
      logger.warn(
        { metricsPort },
        'WORKER_METRICS_PORT not served: the Temporal runtime was installed before the worker started',
      );
  }
}
