import * as fs from 'node:fs';
import type { Request } from 'express';

/**
 * With ERROR_CODES_ANSWERED_LOG set (the integration tests set it), every error code the API
 * answers is appended to that file with its route, so the tests can check that the OpenAPI
 * document lists each code on the route that answered it. Unset in production: nothing is written.
 */
export function recordAnsweredCode(request: Request, status: number, code: string): void {
  const file = process.env.ERROR_CODES_ANSWERED_LOG;
  const route = (request.route as { path?: string } | undefined)?.path;
  if (!file || !route) return;
  const line = { method: request.method.toLowerCase(), route: `${request.baseUrl}${route}`, status, code };
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}
