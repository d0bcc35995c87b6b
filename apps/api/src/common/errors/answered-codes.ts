import * as fs from 'node:fs';
import type { FastifyRequest } from 'fastify';

/**
 * With ERROR_CODES_ANSWERED_LOG set (the integration tests set it), every error code the API
 * answers is appended to that file with its route, so the tests can check that the OpenAPI
 * document lists each code on the route that answered it. Unset in production: nothing is written.
 */
export function recordAnsweredCode(request: FastifyRequest, status: number, code: string): void {
  const file = process.env.ERROR_CODES_ANSWERED_LOG;
  const route = request.routeOptions?.url;
  if (!file || !route?.startsWith('/api/')) return;
  const line = { method: request.method.toLowerCase(), route, status, code };
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}
