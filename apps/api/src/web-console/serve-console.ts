import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

function securityHeaders(reply: FastifyReply): void {
  void reply.headers({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': CONSOLE_CSP,
  });
}

/** Paths the API answers itself: the JSON API and the OpenAPI pages. */
const API_PATHS = /^\/(api|docs|docs-json)(\/|$)/;

/** The route that serves the console: every GET no API route matches. */
export const CONSOLE_ROUTE = '/*';

const NOT_BUILT =
  '网页控制台尚未构建：请先运行 npm run build:web（npm start 会自动构建），然后刷新本页。\n' +
  '接口仍可使用：/api，接口文档：/docs\n';

/** The file under `dir` a request path names, if there is one (never outside `dir`). */
function fileUnder(dir: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  const file = path.resolve(dir, relative);
  if (relative === '' || !file.startsWith(dir + path.sep) || relative.includes('\0')) return undefined;
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? relative : undefined;
}

/**
 * Serves the built console (dist/web) at `/`: hashed files under /assets cached for a year,
 * index.html never cached, any other non-API GET path answered with index.html (deep links).
 * Unknown /api paths stay the API's JSON 404 (the route defers to the not-found handler).
 */
export async function serveConsole(app: NestFastifyApplication, dir = webDistDir()): Promise<void> {
  const root = path.resolve(dir);
  await app.register(fastifyStatic, { root, serve: false });
  const serve = (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = request.url.split('?')[0];
    if (API_PATHS.test(urlPath)) return reply.callNotFound();
    securityHeaders(reply);
    const file = fileUnder(root, urlPath);
    if (urlPath.startsWith('/assets/')) {
      if (!file)
        return reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .header('Cache-Control', 'no-cache')
          .send('文件不存在\n');
      return reply.sendFile(file, { maxAge: 365 * 86_400_000, immutable: true });
    }
    if (file && !file.endsWith('.html')) return reply.sendFile(file, { maxAge: 3_600_000 });
    void reply.header('Cache-Control', 'no-cache');
    if (!fs.existsSync(path.join(root, 'index.html')))
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.sendFile(file ?? 'index.html', { cacheControl: false });
  };
  app.getHttpAdapter().getInstance().get(CONSOLE_ROUTE, serve);
}
