import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
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
 * (behind a TLS proxy: with TRUST_PROXY set, so `req.secure` is true).
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  const headersFor = (csp: string) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(csp) },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false,
    });
  const forApi = headersFor(API_CSP);
  const forDocs = headersFor(DOCS_CSP);
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const headers = /^\/docs(\/|$)/.test(request.path) ? forDocs : forApi;
    headers(request, response, (error?: unknown) => {
      if (error || !request.secure) return next(error);
      hsts(request, response, next);
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
export function useCors(app: NestExpressApplication, env: Environment): void {
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
