/**
 * The `Idempotency-Key` of a command: a client-chosen token (a UUID from the web console) that
 * makes a retry of the same request answer the first result instead of applying it twice.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** How long a key is remembered: a retry after that is a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type ParsedIdempotencyKey = { ok: true; key: string | null } | { ok: false; problem: string };

/**
 * The header as Node hands it over: absent → no key; present → 1–200 visible ASCII characters
 * (0x21–0x7E, no spaces), sent once.
 */
export function parseIdempotencyKey(raw: string | string[] | undefined): ParsedIdempotencyKey {
  if (raw === undefined) return { ok: true, key: null };
  if (Array.isArray(raw)) return { ok: false, problem: '只能发送一个' };
  if (raw.length === 0) return { ok: false, problem: '不能为空' };
  if (raw.length > IDEMPOTENCY_KEY_MAX_LENGTH)
    return { ok: false, problem: `长度不能超过 ${IDEMPOTENCY_KEY_MAX_LENGTH} 个字符` };
  if (!/^[\x21-\x7e]+$/.test(raw)) return { ok: false, problem: '只能包含可见的 ASCII 字符（不含空格）' };
  return { ok: true, key: raw };
}

/** What the API has stored for a key when another request with the same key arrives. */
export interface StoredIdempotencyRecord {
  fingerprint: string;
  completed: boolean;
  claimedAt: Date;
  createdAt: Date;
}

export type IdempotencyDecision =
  /** Nothing stored (or it expired): this request runs the command. */
  | 'run'
  /** The same key was used for another request (other route or body). */
  | 'reused'
  /** The first request finished: answer its stored result. */
  | 'replay'
  /** The first request is still running: wait for it, then replay. */
  | 'wait'
  /** The first request claimed the key but went silent (its API process died): run it again. */
  | 'take-over';

/**
 * How a request with an already-claimed key proceeds. A fingerprint that differs is refused even
 * while the first runs; an expired record no longer counts; a claim older than `leaseMs` that
 * never completed belongs to a process that is gone.
 */
export function decideIdempotency(
  existing: StoredIdempotencyRecord | null,
  fingerprint: string,
  now: Date,
  leaseMs: number,
): IdempotencyDecision {
  if (!existing || now.getTime() - existing.createdAt.getTime() >= IDEMPOTENCY_TTL_MS) return 'run';
  if (existing.fingerprint !== fingerprint) return 'reused';
  if (existing.completed) return 'replay';
  return now.getTime() - existing.claimedAt.getTime() >= leaseMs ? 'take-over' : 'wait';
}

/** A 2xx or 4xx answer is the command's result and is replayed; a 5xx is not (the client may retry). */
export function isReplayableStatus(status: number): boolean {
  return status >= 200 && status < 500;
}
