import { randomUUID } from 'node:crypto';

/** A non-2xx answer, or none at all, from the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number | 'no answer',
    readonly body: string,
    route: string,
  ) {
    super(`${route}: ${status} ${body.slice(0, 300)}`);
  }
}

/** One request's answer as the fault harnesses record it. */
export interface AnswerRecord {
  at: number;
  ms: number;
  status: number | 'no answer';
  /** `METHOD /route` with ids as `:id` and no query. */
  route: string;
}

export type CommandResult<T> = { ok: true; body: T } | { ok: false; status: number; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP client of `npm run chaos` and `npm run cluster`: JSON requests to the API that `apiFor`
 * names for each request (`…/api`), each answer handed to `onAnswer`, and commands sent as a
 * careful client sends them.
 */
export function carefulClient(options: { apiFor: () => string; onAnswer?: (answer: AnswerRecord) => void }) {
  const record = options.onAnswer ?? (() => undefined);

  /** One JSON (or multipart) request; throws ApiError on a non-2xx answer or none at all. */
  async function request<T>(
    method: string,
    route: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
    api = options.apiFor(),
  ): Promise<T> {
    const at = Date.now();
    const label = `${method} ${route.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, '')}`;
    let response: Response;
    try {
      response = await fetch(`${api}${route}`, {
        method,
        headers: {
          ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(300_000),
      });
    } catch (error) {
      record({ at, ms: Date.now() - at, status: 'no answer', route: label });
      throw new ApiError('no answer', String((error as Error).cause ?? error), label);
    }
    const text = await response.text();
    record({ at, ms: Date.now() - at, status: response.status, route: label });
    if (!response.ok) throw new ApiError(response.status, text, label);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A command as a careful client sends it: one Idempotency-Key for the action, resent with the
   * same key while the answer is a 5xx, a 429, a 409 IDEMPOTENCY_IN_PROGRESS or none, until
   * `giveUpMs`. Other 4xx refusals are returned.
   */
  async function command<T>(
    method: string,
    route: string,
    token: string,
    body?: unknown,
    { giveUpMs = 600_000, api }: { giveUpMs?: number; api?: string } = {},
  ): Promise<CommandResult<T>> {
    const key = randomUUID();
    const started = Date.now();
    for (;;) {
      try {
        return {
          ok: true,
          body: await request<T>(method, route, token, body, { 'Idempotency-Key': key }, api),
        };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const transient =
          error.status === 'no answer' ||
          error.status >= 500 ||
          error.status === 429 ||
          (error.status === 409 && error.body.includes('IDEMPOTENCY_IN_PROGRESS'));
        if (!transient) return { ok: false, status: error.status, body: error.body };
        if (Date.now() - started > giveUpMs) throw error;
        await sleep(1000);
      }
    }
  }

  return { request, command };
}

/** A household as the list answers it, and a bulk step's answer: what both harnesses drive. */
export interface Household {
  id: string;
  householdNo: string;
  village: string;
  township: string;
}
export type BulkResult = Array<{ householdId: string; ok: boolean; code?: string; message?: string }>;
