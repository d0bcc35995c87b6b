import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';

/** How one error code answers: its HTTP status and the Chinese message a person reads. */
export interface ErrorDefinition {
  readonly status: number;
  readonly message: string;
}

/** `details` of the error shape: field problems, or facts that say more (ids, advice). */
export type ErrorDetails = Array<{ field: string; problems: string[] }> | Record<string, unknown> | unknown[];

type ErrorBodyFields = { code: string; message: string; details?: ErrorDetails };

/** Nest's own exception for a status, so `instanceof ConflictException` and the like keep holding. */
const BY_STATUS: Record<number, new (body: ErrorBodyFields) => HttpException> = {
  400: BadRequestException,
  401: UnauthorizedException,
  403: ForbiddenException,
  404: NotFoundException,
  409: ConflictException,
  410: GoneException,
  413: PayloadTooLargeException,
  415: UnsupportedMediaTypeException,
  422: UnprocessableEntityException,
  503: ServiceUnavailableException,
};

/** The exception of a declared code: Nest's exception for its status, the body in the error shape. */
function exceptionOf(status: number, body: ErrorBodyFields): HttpException {
  const Exception = BY_STATUS[status];
  return Exception ? new Exception(body) : new HttpException(body, status);
}

/** One declared code with how it answers: what a route lists in the OpenAPI document. */
export interface DeclaredError extends ErrorDefinition {
  readonly code: string;
}

/** Every code of every catalogue, to refuse one code declared twice with different answers. */
const declared = new Map<string, { area: string; definition: ErrorDefinition }>();

/** The codes of one area, their statuses and messages, and the one way to raise them. */
export interface ErrorCatalogue<Code extends string> {
  readonly area: string;
  /** The codes as an enum-like object: `HousingErrors.codes.HOUSEHOLD_NOT_FOUND`. */
  readonly codes: { readonly [C in Code]: C };
  readonly definitions: Readonly<Record<Code, ErrorDefinition>>;
  /** The exception to throw: the declared status, and the declared message unless one says more. */
  error(code: Code, message?: string, details?: ErrorDetails): HttpException;
  /** Some codes with how they answer, for `@ApiErrors(...)` on a route. */
  pick(...codes: Code[]): DeclaredError[];
}

/**
 * Declares the error codes of one area beside their Chinese messages (`housing.errors.ts`,
 * `rectification.errors.ts`, …). A code shared by several areas is declared once, in the area
 * that owns it (or `common.errors.ts`); declaring it again with another status or message throws
 * when the module loads.
 */
export function declareErrors<const D extends Record<string, ErrorDefinition>>(
  area: string,
  definitions: D,
): ErrorCatalogue<keyof D & string> {
  type Code = keyof D & string;
  for (const [code, definition] of Object.entries(definitions)) {
    const earlier = declared.get(code);
    if (
      earlier &&
      (earlier.definition.status !== definition.status || earlier.definition.message !== definition.message)
    )
      throw new Error(
        `error code ${code} of ${area} is already declared by ${earlier.area} with another answer`,
      );
    declared.set(code, { area, definition });
  }
  const codes = Object.fromEntries(Object.keys(definitions).map((code) => [code, code])) as {
    [C in Code]: C;
  };
  return {
    area,
    codes,
    definitions,
    error: (code, message, details) =>
      exceptionOf(definitions[code].status, {
        code,
        message: message ?? definitions[code].message,
        ...(details === undefined ? {} : { details }),
      }),
    pick: (...picked) => picked.map((code) => ({ code, ...definitions[code] })),
  };
}

/** Every code declared so far, with its area (for the OpenAPI document and its test). */
export function declaredErrorCodes(): ReadonlyMap<string, { area: string; definition: ErrorDefinition }> {
  return declared;
}
