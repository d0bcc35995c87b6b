import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { Environment } from '../../../libs/config/src/environment';
import { structuredLogging } from '../../../libs/config/src/logger.module';
import { requireSetting } from '../../../libs/config/src/require-setting';
import { dataSourceOptions } from '../../../libs/database/src/data-source-options';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { HouseholdReconcilerService } from './household-reconciler.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    ConfigModule,
    structuredLogging('worker'),
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => dataSourceOptions(requireSetting(env, 'DATABASE_URL'), {}, env),
    }),
    TemporalClientModule,
  ],
  providers: [TemporalWorkerService, HouseholdReconcilerService],
})
export class WorkerModule {}
