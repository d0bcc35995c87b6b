import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { Environment } from '../../../libs/config/src/environment';
import { structuredLogging } from '../../../libs/config/src/logger.module';
import { requireSetting } from '../../../libs/config/src/require-setting';
import { dataSourceOptions } from '../../../libs/database/src/data-source-options';
import { runMigrations } from '../../../libs/database/src/migrate';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { ApiErrorFilter } from './common/api-error.filter';
import { AccessGuard } from './access/access.guard';
import { BadInputCheck } from './common/bad-input';
import { IdempotencySweeper } from './common/idempotency/idempotency-sweeper';
import { createValidationPipe } from './common/validation.pipe';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { BulletinsModule } from './bulletins/bulletins.module';
import { CalendarModule } from './calendar/calendar.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { HealthModule } from './health/health.module';
import { HousingModule } from './housing/housing.module';
import { LeaderQueueModule } from './leader-queue/leader-queue.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RectificationsModule } from './rectifications/rectifications.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';
import { ReadModelModule } from './read-model/read-model.module';

@Module({
  imports: [
    ConfigModule,
    structuredLogging('api'),
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: async (env: Environment) => {
        const url = requireSetting(env, 'DATABASE_URL');
        // Under the same advisory lock as `npm run migrate`: API replicas starting together wait
        // for each other instead of racing on an empty database.
        if (env.DB_MIGRATE_ON_START) await runMigrations(url);
        return dataSourceOptions(url, {}, env);
      },
    }),
    ReadModelModule,
    TemporalClientModule,
    MetricsModule,
    AuditModule,
    AuthModule,
    HealthModule,
    UnitsModule,
    UsersModule,
    LedgersModule,
    LeaderQueueModule,
    HousingModule,
    RectificationsModule,
    NotificationsModule,
    BulletinsModule,
    CalendarModule,
    CampaignsModule,
    DiagnosticsModule,
    BatchesModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    // The global guards, in the order they run: who is calling and may they, then what they sent.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: BadInputCheck },
    IdempotencySweeper,
  ],
})
export class AppModule {}
