import { Global, Module } from '@nestjs/common';
import { Environment, loadEnvironment } from './environment';

/** Provides the validated `Environment`; the process stops at boot if a variable is wrong. */
@Global()
@Module({
  providers: [{ provide: Environment, useFactory: () => loadEnvironment() }],
  exports: [Environment],
})
export class ConfigModule {}
