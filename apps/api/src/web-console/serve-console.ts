import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { PROJECT_ROOT } from '../../../../libs/devstack/src/project-paths';

/** Where `npm run build:web` writes the console; override with WEB_DIST_DIR. */
export function webDistDir(): string {
  return process.env.WEB_DIST_DIR ?? path.join(PROJECT_ROOT, 'dist', 'web');
}

/**
 * The console's own scripts, styles and fonts; data: and blob: images (charts, previews); inline
 * styles (antd's CSS-in-JS); blob: frames and objects for files opened from the API. No framing.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(response: Response): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Content-Security-Policy', CONSOLE_CSP);
}

/** Paths the API answers itself: the JSON API and the OpenAPI pages. */
const API_PATHS = /^\/(api|docs|docs-json)(\/|$)/;

/**
 * express.static of the express Nest runs on (@nestjs/platform-express's own dependency), as
 * `useStaticAssets` uses it, to put a path check in front of it.
 */
const serveStatic = (
  createRequire(require.resolve('@nestjs/platform-express'))('express') as {
    static: (
      root: string,
      options: Parameters<NestExpressApplication['useStaticAssets']>[1],
    ) => RequestHandler;
  }
).static;

const NOT_BUILT =
  '网页控制台尚未构建：请先运行 npm run build:web（npm start 会自动构建），然后刷新本页。\n' +
  '接口仍可使用：/api，接口文档：/docs\n';

/**
 * Serves the built console (dist/web) at `/`: hashed files under /assets cached for a year,
 * index.html never cached, any other non-API GET path answered with index.html (deep links).
 * Unknown /api paths stay the API's JSON 404.
 */
export function serveConsole(app: NestExpressApplication, dir = webDistDir()): void {
  const index = path.join(dir, 'index.html');
  app.useStaticAssets(path.join(dir, 'assets'), {
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: 365 * 86_400_000,
    setHeaders: securityHeaders,
  });
  // The console's other files, never for an API path: looking one up on disk (a stat that finds
  // nothing, in the thread pool) cost every API request CPU and a round trip to the pool.
  const files = serveStatic(dir, {
    index: false,
    setHeaders: (response: Response, file: string) => {
      securityHeaders(response);
      response.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) =>
    API_PATHS.test(request.path) ? next() : files(request, response, next),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(request.path))
      return next();
    securityHeaders(response);
    response.setHeader('Cache-Control', 'no-cache');
    if (request.path.startsWith('/assets/')) {
      response.status(404).type('text/plain; charset=utf-8').send('文件不存在\n');
    } else if (!fs.existsSync(index)) {
      response.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    } else {
      response.sendFile(index);
    }
  });
}
