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
    headersSetBy(
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(csp) },
        frameguard: { action: 'deny' },
        strictTransportSecurity: false,
      }),
    );
  const forApi = headersFor(API_CSP);
  const forDocs = headersFor(DOCS_CSP);
  const hsts = headersSetBy(helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true }));
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers = /^\/docs(\/|\?|$)/.test(request.url) ? forDocs : forApi;
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    if (request.protocol === 'https') for (const [name, value] of hsts) reply.raw.setHeader(name, value);
    done();
  });
}

type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The headers a helmet middleware sets, read once at boot: with no function among the directives
 * (no per-request nonce) they are the same for every request, and running helmet's chain of
 * middlewares on each one cost about 2% of the API's CPU on a one-row list.
 */
function headersSetBy(middleware: Middleware): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined, // X-Powered-By, which Fastify never sets
  };
  let done = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    done = error === undefined;
  });
  if (!done) throw new Error('helmet did not set its headers at once, without an error');
  return headers;
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
