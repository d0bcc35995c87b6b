import 'reflect-metadata';
import './tracing';
import { EnvironmentError, loadEnvironment } from '../../../libs/config/src/environment';
import { createApiApp } from './configure-app';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const app = await createApiApp();
  await app.listen(env.PORT, process.env.HOST ?? '0.0.0.0');
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
