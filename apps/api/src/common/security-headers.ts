import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { corsOrigins, Environment } from '../../../../libs/config/src/environment';

/** The JSON API loads nothing and is framed by nobody. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
/** The OpenAPI pages (Swagger UI): their own scripts and styles, inline styles, data: images. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * helmet's security headers on every response, with the API's own CSP (the OpenAPI pages get
 * theirs); the console's pages replace the CSP and Referrer-Policy with their own
 * (`serve-console.ts`), HTML documents theirs (`html-document`). HSTS only on HTTPS requests
 * (behind a TLS proxy: with TRUST_PROXY set, so the request's protocol is `https`).
 */
export function useSecurityHeaders(fastify: FastifyInstance): void {
  const headersFor = (csp: string) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(csp) },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false,
    });
  const forApi = headersFor(API_CSP);
  const forDocs = headersFor(DOCS_CSP);
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  type Middleware = (
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers: Middleware = /^\/docs(\/|\?|$)/.test(request.url) ? forDocs : forApi;
    headers(request.raw, reply.raw, (error?: unknown) => {
      if (error || request.protocol !== 'https') return done(error as Error | undefined);
      hsts(request.raw, reply.raw, done);
    });
  });
}

/** `"default-src 'none'; frame-ancestors 'none'"` as helmet's directive object. */
function cspDirectives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

/**
 * CORS only for the origins CORS_ORIGINS lists (with credentials: the console's refresh cookie);
 * unset, no CORS headers at all, so browsers keep other origins' pages out.
 */
export function useCors(app: NestFastifyApplication, env: Environment): void {
  const origins = corsOrigins(env);
  if (origins.length === 0) return;
  app.enableCors({
    origin: origins,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Last-Event-ID'],
    exposedHeaders: ['Idempotent-Replayed', 'X-Request-Id', 'Content-Disposition', 'X-Content-SHA256'],
    maxAge: 600,
  });
}
