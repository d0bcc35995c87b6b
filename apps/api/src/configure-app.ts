import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { Environment } from '../../../libs/config/src/environment';
import { useCheckedBodyParsers } from './common/bad-input';
import { useCors, useSecurityHeaders } from './common/security-headers';
import { buildOpenApiDocument } from './openapi-document';
import { serveConsole } from './web-console/serve-console';

export const API_PREFIX = 'api';

/** Applied to every application, including the preview one that only writes the OpenAPI document. */
export function applyRoutePrefix(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  return app;
}

/** Everything main.ts and the e2e tests both apply to the Nest application. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  const express = app as NestExpressApplication;
  // Behind a TLS-terminating proxy, TRUST_PROXY (e.g. `loopback` or `1`, validated at boot) makes
  // req.secure true, so the session cookies get `Secure`, and req.ip the client's address from
  // X-Forwarded-For (rate limits count by it). Unset, X-Forwarded-For is ignored.
  const env = app.get(Environment);
  const trusted = env.TRUST_PROXY;
  if (trusted) express.set('trust proxy', trustProxy(trusted));
  useSecurityHeaders(express);
  useCors(express, env);
  express.use(cookieParser());
  useCheckedBodyParsers(express);
  serveConsole(express);
  applyRoutePrefix(app);
  app.enableShutdownHooks();
  if (env.OPENAPI_UI)
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
