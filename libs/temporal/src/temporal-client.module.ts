import { temporalConnectionSecurity } from './connection-options';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { setTimeout as sleep } from 'node:timers/promises';
import { Environment } from '../../config/src/environment';
import { requireSetting } from '../../config/src/require-setting';
import { activeTracing } from '../../observability/src/tracing';
import { TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './temporal.tokens';

/** Attempts of one gRPC call from the API (the SDK's default is 10, backing off to about 20 s). */
const API_GRPC_ATTEMPTS = 5;
/** The longest pause between two attempts: 5 attempts back off at most about 1 s. */
const LONGEST_RETRY_DELAY_MS = 1_500;

/**
 * Retries of the API's gRPC calls, which stop once the connection is closing: a retry scheduled
 * before the close would otherwise run on the closed channel and throw outside any request.
 */
function stoppableRetries(): { interceptor: ReturnType<typeof makeGrpcRetryInterceptor>; stop: () => void } {
  const base = defaultGrpcRetryOptions({ maxAttempts: API_GRPC_ATTEMPTS });
  let stopped = false;
  return {
    interceptor: makeGrpcRetryInterceptor({
      ...base,
      retryableDecider: (attempt, status) => !stopped && base.retryableDecider(attempt, status),
    }),
    stop: () => {
      stopped = true;
    },
  };
}

const retries = Symbol('retries');
type ApiConnection = Connection & { [retries]?: { stop: () => void } };

/** The Temporal client for the API: one connection per process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [Environment],
      // lazy: the API starts (and reports not-ready) even while Temporal is down. Few retries: the
      // API answers an outage with a 503 within seconds (clients retry with their Idempotency-Key),
      // so a call it has given up on must not go on retrying for twenty seconds behind it.
      useFactory: (env: Environment) => {
        const { interceptor, stop } = stoppableRetries();
        const connection: ApiConnection = Connection.lazy({
          address: requireSetting(env, 'TEMPORAL_ADDRESS'),
          ...temporalConnectionSecurity(env),
          interceptors: [interceptor],
        });
        connection[retries] = { stop };
        return connection;
      },
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, Environment],
      // Tracing on: starts, updates and signals carry the caller's trace to the workflow.
      useFactory: (connection: Connection, env: Environment) =>
        new Client({
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          interceptors: activeTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : {},
        }),
    },
  ],
  exports: [TEMPORAL_CLIENT, TEMPORAL_CONNECTION],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: ApiConnection) {}

  async onApplicationShutdown(): Promise<void> {
    const pending = this.connection[retries];
    if (pending) {
      // No new retries; the ones already scheduled run (and end) before the channel closes.
      pending.stop();
      await sleep(LONGEST_RETRY_DELAY_MS);
    }
    await this.connection.close();
  }
}
