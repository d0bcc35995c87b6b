import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Runtime } from '@temporalio/worker';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { Environment } from '../../../libs/config/src/environment';
import { createLogger } from '../../../libs/config/src/logging';
import { requireSetting } from '../../../libs/config/src/require-setting';
import { dataSourceOptions } from '../../../libs/database/src/data-source-options';
import { PinoTemporalLogger } from '../../../libs/temporal/src/temporal-logger';
import { TemporalWorkerService } from './temporal-worker.service';
import { WORKER_LOGGER } from './worker-logger';

let runtimeInstalled = false;

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => dataSourceOptions(requireSetting(env, 'DATABASE_URL')),
    }),
  ],
  providers: [
    {
      provide: WORKER_LOGGER,
      inject: [Environment],
      useFactory: (env: Environment) => {
        const logger = createLogger(env, 'worker');
        // The Temporal runtime is process-wide and can be installed once.
        if (!runtimeInstalled) {
          Runtime.install({ logger: new PinoTemporalLogger(logger) });
          runtimeInstalled = true;
        }
        return logger;
      },
    },
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
