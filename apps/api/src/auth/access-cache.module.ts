import { Global, Module } from '@nestjs/common';
import { Environment } from '../../../../libs/config/src/environment';
import { AccessCache } from './access-cache';
import { AccessChangeListener } from './access-change-listener';

/** The access cache and its LISTEN connection; global, so every service that changes access can drop entries. */
@Global()
@Module({
  providers: [
    {
      provide: AccessCache,
      inject: [Environment],
      useFactory: (env: Environment) => new AccessCache(env.ACCESS_CACHE_TTL_SECONDS * 1000),
    },
    AccessChangeListener,
  ],
  exports: [AccessCache, AccessChangeListener],
})
export class AccessCacheModule {}
