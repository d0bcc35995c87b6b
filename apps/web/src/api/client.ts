import createClient from 'openapi-fetch';
import { apiErrorFrom, apiErrorOf } from './api-error';
import type { paths } from './schema';
import { currentAccessToken, refreshSession, setPasswordChangeRequired } from './session';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A key for one intent of a person (one click of "submit"): retries of it are applied once. */
export function newCommandKey(): string {
  return crypto.randomUUID();
}

/**
 * fetch with the session: the bearer token from memory, an Idempotency-Key on every command that
 * has none, and one refresh-and-retry when the access token has expired.
 */
export async function authorisedFetch(input: Request): Promise<Response> {
  const request = input.clone();
  if (COMMAND_METHODS.has(request.method) && !request.headers.has(IDEMPOTENCY_HEADER)) {
    request.headers.set(IDEMPOTENCY_HEADER, newCommandKey());
  }
  const send = (token: string | null) => {
    const attempt = request.clone();
    if (token) attempt.headers.set('Authorization', `Bearer ${token}`);
    return fetch(attempt);
  };
  const token = currentAccessToken() ?? (await refreshSession());
  const response = await send(token);
  if (response.status === 403) await notePasswordChange(response);
  if (response.status !== 401) return response;
  const renewed = await refreshSession();
  return renewed && renewed !== token ? send(renewed) : response;
}

/** A 403 PASSWORD_CHANGE_REQUIRED (an admin reset the password meanwhile) sends the console to 设置新密码. */
async function notePasswordChange(response: Response): Promise<void> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: string } | null;
  if (body?.code === 'PASSWORD_CHANGE_REQUIRED') setPasswordChangeRequired(true);
}

/** The typed API: paths, parameters and bodies come from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: authorisedFetch });

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the API's code and problems. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  // openapi-fetch has read the body of a refusal already (as `error`): the Response cannot be read again.
  if (!response.ok) throw apiErrorOf(response.status, error);
  return data as T;
}

/** Opens a file the API serves (XLSX, printable HTML, evidence) in a new tab, signed in. */
export async function openApiFile(path: string, filename?: string): Promise<void> {
  const response = await authorisedFetch(new Request(path));
  if (!response.ok) throw await apiErrorFrom(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  if (filename) link.download = filename;
  else link.target = '_blank';
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
