import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Environment } from '../../config/src/environment';
import { requireSetting } from '../../config/src/require-setting';
import { TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './temporal.tokens';

/** The Temporal client for the API: one connection per process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [Environment],
      // lazy: the API starts (and reports not-ready) even while Temporal is down.
      useFactory: (env: Environment) => Connection.lazy({ address: requireSetting(env, 'TEMPORAL_ADDRESS') }),
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
