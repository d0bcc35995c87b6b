import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
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

/** HSTS for HTTPS requests (behind a TLS proxy: with TRUST_PROXY set, so `req.secure` is true). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers every response would get from helmet's defaults, without the package. */
const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

/**
 * Security headers on every response (helmet's set): the console's pages replace the CSP and
 * Referrer-Policy with their own (`serve-console.ts`), HTML documents theirs (`html-document`).
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use((request: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', /^\/docs(\/|$)/.test(request.path) ? DOCS_CSP : API_CSP);
    if (request.secure) response.setHeader('Strict-Transport-Security', HSTS);
    next();
  });
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
