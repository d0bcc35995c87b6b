import 'reflect-metadata';
import './tracing';
import { NestFactory } from '@nestjs/core';
import { EnvironmentError, loadEnvironment } from '../../../libs/config/src/environment';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(env.PORT, process.env.HOST ?? '0.0.0.0');
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
