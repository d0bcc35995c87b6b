import type { IncomingMessage } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import fastifyMultipart from '@fastify/multipart';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Environment, loadEnvironment } from '../../../libs/config/src/environment';
import { requestIdFor } from '../../../libs/config/src/request-id';
import { rememberRoute } from '../../../libs/observability/src/http-route';
import { AppModule } from './app.module';
import { renderFrameworkError } from './common/api-error.filter';
import { BODY_LIMIT_BYTES, useCheckedBodyParsers } from './common/request-body-parsers';
import { useYamlPlanParser } from './campaigns/plan-body';
import { useCors, useSecurityHeaders } from './common/security-headers';
import { ApiMetrics } from './metrics/api-metrics';
import { buildOpenApiDocument } from './openapi-document';
import { CONSOLE_ROUTE, serveConsole } from './web-console/serve-console';

export const API_PREFIX = 'api';

/** Applied to every application, including the preview one that only writes the OpenAPI document. */
export function applyRoutePrefix<App extends { setGlobalPrefix(prefix: string): unknown }>(app: App): App {
  app.setGlobalPrefix(API_PREFIX);
  return app;
}

/**
 * The HTTP server under Nest: Fastify, whose routing and request objects cost about a third less
 * CPU per request than Express's (bench/dashboards.ts, the one-row list). Behind a TLS-terminating
 * proxy, TRUST_PROXY (e.g. `loopback` or `1`, validated at boot) makes the protocol `https`, so
 * the session cookies get `Secure`, and `request.ip` the client's address from X-Forwarded-For
 * (rate limits count by it). Unset, X-Forwarded-For is ignored.
 */
export function createHttpAdapter(env: Pick<Environment, 'TRUST_PROXY'> = loadEnvironment()): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: env.TRUST_PROXY ? trustProxy(env.TRUST_PROXY) : false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Identifiers in paths are checked by validation (400), not refused by the router as unknown.
    routerOptions: { maxParamLength: 2048, ignoreTrailingSlash: true },
    // A path that is not valid percent-encoding answers in the error shape, like any bad input.
    frameworkErrors: renderFrameworkError,
    // The id in every log line of the request and in its error body, echoed as X-Request-Id.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request.headers),
  });
}

/** The API as `main.ts` serves it and the e2e tests call it: created, configured, initialised. */
export async function createApiApp(options: NestApplicationOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), {
    bufferLogs: true,
    bodyParser: false,
    ...options,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Everything the API application needs before its routes are registered (`createApiApp`). */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  const env = app.get(Environment);
  const fastify = app.getHttpAdapter().getInstance();
  // The API route a request matched, for the tracing span and the request metrics; the request's id.
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route !== CONSOLE_ROUTE) rememberRoute(request.raw, route);
    void reply.header('X-Request-Id', request.id);
    done();
  });
  // Every answered request timed under that route (a Fastify hook: a Nest middleware runs through middie).
  const metrics = app.get(ApiMetrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request.raw, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  useSecurityHeaders(fastify);
  useCors(app, env);
  useCheckedBodyParsers(fastify);
  useYamlPlanParser(fastify);
  await app.register(fastifyMultipart);
  await app.register(fastifyCookie);
  // Weak ETags on answers, so a client holding one revalidates it with a 304 (as Express did).
  await app.register(fastifyEtag, { weak: true });
  await serveConsole(app);
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
