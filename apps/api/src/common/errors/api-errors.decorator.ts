import { ApiExtension } from '@nestjs/swagger';
import type { DeclaredError } from './error-catalogue';

/** Operation extensions whose names start with this hold error codes; the document turns them into responses. */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

/**
 * The codes a route answers besides the ones every route may (bad input, outages: added by
 * `buildOpenApiDocument`), e.g. `@ApiErrors(HousingErrors.pick('HOUSEHOLD_NOT_FOUND'), WORKFLOW_COMMAND_ERRORS)`.
 * `source` names a shared decorator's own list (access, idempotency, rate limits), so several lists
 * on one route add up instead of replacing each other.
 */
export function ApiErrors(...lists: DeclaredError[][]): MethodDecorator & ClassDecorator {
  return ApiErrorsOf('route', ...lists);
}

export function ApiErrorsOf(source: string, ...lists: DeclaredError[][]): MethodDecorator & ClassDecorator {
  return ApiExtension(`${ERROR_CODES_EXTENSION}-${source}`, lists.flat()) as MethodDecorator & ClassDecorator;
}
