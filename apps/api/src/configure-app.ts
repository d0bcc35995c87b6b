import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { buildOpenApiDocument } from './openapi-document';

export const API_PREFIX = 'api';

/** Applied to every application, including the preview one that only writes the OpenAPI document. */
export function applyRoutePrefix(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  return app;
}

/** Everything main.ts and the e2e tests both apply to the Nest application. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  applyRoutePrefix(app);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
