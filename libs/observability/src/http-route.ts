import type { IncomingMessage } from 'node:http';

const routes = new WeakMap<IncomingMessage, string>();

/** Records the route pattern an API request matched (the API's `onRequest` hook, once routed). */
export function rememberRoute(request: IncomingMessage, pattern: string | undefined): void {
  if (pattern !== undefined) routes.set(request, pattern);
}

/**
 * The route pattern an API request matched (`/api/ledgers/:id`), never its raw URL. Undefined for
 * a path no route answers.
 */
export function routeOf(request: IncomingMessage): string | undefined {
  return routes.get(request);
}
