import type { IncomingMessage } from 'node:http';

/**
 * The route pattern an API request matched (`/api/ledgers/:id`), never its raw URL: Express sets
 * `request.route` once the router has matched it. Undefined for a path no route answers.
 */
export function routeOf(request: IncomingMessage): string | undefined {
  const route = (request as IncomingMessage & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : undefined;
}
