import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { Environment } from '../../config/src/environment';
import { requireSetting } from '../../config/src/require-setting';
import { TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './temporal.tokens';

/** Attempts of one gRPC call from the API (the SDK's default is 10, backing off to about 20 s). */
const API_GRPC_ATTEMPTS = 5;

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
      useFactory: (env: Environment) =>
        Connection.lazy({
          address: requireSetting(env, 'TEMPORAL_ADDRESS'),
          interceptors: [
            makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_GRPC_ATTEMPTS })),
          ],
        }),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, Environment],
      useFactory: (connection: Connection, env: Environment) =>
        new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
    },
  ],
  exports: [TEMPORAL_CLIENT, TEMPORAL_CONNECTION],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
