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

export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { code?: string; message?: string; details?: ApiError['details'] };
  return new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? `请求失败（${response.status}）`,
    body.details,
  );
}
