import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES_EXTENSION } from './api-errors.decorator';
import { CommonErrors } from './common.errors';
import type { DeclaredError } from './error-catalogue';

type Operation = Record<string, unknown> & {
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * What every route may answer: Postgres down, and for a route with input, input it cannot read. Any
 * body sent to a command is read before the route judges it, so a route that takes none may also
 * answer what reading it finds (a body too large, broken JSON, an encoding or charset it cannot
 * read), and a body in another type than the route consumes is refused (415, `BadInputCheck`).
 */
function everyRoute(operation: Operation, method: (typeof METHODS)[number]): DeclaredError[] {
  const withInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  const readsBodies = operation.requestBody !== undefined || method !== 'get';
  return [
    ...CommonErrors.pick('DATABASE_UNAVAILABLE'),
    ...(withInput ? CommonErrors.pick('VALIDATION_FAILED') : []),
    ...(readsBodies
      ? CommonErrors.pick(
          'INVALID_JSON',
          'PAYLOAD_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
          'UNSUPPORTED_ENCODING',
          'UNSUPPORTED_CHARSET',
        )
      : []),
    ...(operation.requestBody !== undefined ? CommonErrors.pick('INVALID_BODY') : []),
  ];
}

/**
 * Turns the error codes routes declare (`@ApiErrors`, and the shared decorators' own lists) into
 * one response per status, each listing its codes and their messages, with `code` an enum in the
 * schema; the codes every route may answer are added here, once.
 */
export function addErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as Operation | undefined;
      if (!operation) continue;
      const declared: DeclaredError[] = [];
      for (const key of Object.keys(operation).filter((k) => k.startsWith(ERROR_CODES_EXTENSION))) {
        declared.push(...(operation[key] as DeclaredError[]));
        delete operation[key];
      }
      const byStatus = new Map<number, Map<string, DeclaredError>>();
      for (const error of [...declared, ...everyRoute(operation, method)]) {
        const codes = byStatus.get(error.status) ?? new Map<string, DeclaredError>();
        codes.set(error.code, error);
        byStatus.set(error.status, codes);
      }
      for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
        const listed = [...codes.values()].sort((a, b) => a.code.localeCompare(b.code));
        operation.responses[String(status)] = {
          description: listed.map((e) => `${e.code}：${e.message}`).join('；'),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/ErrorBody' },
                  {
                    type: 'object',
                    properties: { code: { type: 'string', enum: listed.map((e) => e.code) } },
                  },
                ],
              },
            },
          },
        };
      }
    }
  }
  return document;
}
