import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import { requireSetting } from '../../../../libs/config/src/require-setting';
import { AccessCacheModule } from './access-cache.module';
import { PostgresThrottlerStorage } from '../common/rate-limits/postgres-throttler-storage';
import { rateLimits } from '../common/rate-limits/rate-limits';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator.service';
import { FirstAdminService } from './first-admin.service';
import { SessionsService } from './sessions.service';
import { WebAuthController } from './web-auth.controller';

@Module({
  imports: [
    AccessCacheModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => {
        // A key object made once: given the secret as a string, jsonwebtoken first tries it as a
        // public key on every verification, and that failed attempt cost ≈ 0.6 ms per request.
        const key = createSecretKey(Buffer.from(requireSetting(env, 'JWT_SECRET'), 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: 'campaign-engine' },
          verifyOptions: { algorithms: ['HS256'], issuer: 'campaign-engine' },
        };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [Environment, DataSource],
      useFactory: (env: Environment, dataSource: DataSource) => ({
        throttlers: rateLimits(env),
        // Counters in Postgres: every API process counts the same requests.
        storage: new PostgresThrottlerStorage(dataSource),
      }),
    }),
  ],
  controllers: [AuthController, WebAuthController],
  providers: [AuthService, SessionsService, Authenticator, FirstAdminService],
  exports: [Authenticator],
})
export class AuthModule {}
