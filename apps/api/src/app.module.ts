import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { Environment } from '../../../libs/config/src/environment';
import { pinoOptions } from '../../../libs/config/src/logging';
import { requireSetting } from '../../../libs/config/src/require-setting';
import { dataSourceOptions } from '../../../libs/database/src/data-source-options';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { ApiErrorFilter } from './common/api-error.filter';
import { createValidationPipe } from './common/validation.pipe';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { HealthModule } from './health/health.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        pinoHttp: {
          ...pinoOptions(env, 'api'),
          // Honour a caller's X-Request-Id (a gateway's), else make one; echo it back.
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          customAttributeKeys: { reqId: 'requestId' },
          autoLogging: { ignore: (req) => req.url === '/api/health' },
        },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) =>
        dataSourceOptions(requireSetting(env, 'DATABASE_URL'), { migrationsRun: env.DB_MIGRATE_ON_START }),
    }),
    TemporalClientModule,
    HealthModule,
    DiagnosticsModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
  ],
})
export class AppModule {}
