/** A refusal from the API in its one error shape (apps/api/src/common/error-body.ts). */
export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
  }

  /** Problems per field path, for forms that show each next to its field. */
  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details) ? this.details : [];
  }
}

/** The ApiError of a refusal whose body has been read already (openapi-fetch reads it as `error`). */
export function apiErrorOf(status: number, parsed: unknown): ApiError {
  const body = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as {
    code?: string;
    message?: string;
    details?: ApiError['details'];
  };
  return new ApiError(
    status,
    body.code ?? `HTTP_${status}`,
    body.message ?? `请求失败（${status}）`,
    body.details,
  );
}

export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => ({}));
  return apiErrorOf(response.status, body);
}
