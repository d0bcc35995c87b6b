import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/**
 * The idempotency scope of the command being handled: a hash of the caller, the key, the route
 * and the request's fingerprint, so a key dedups only the same caller's same request. Set by the
 * IdempotencyInterceptor around the handler; services read it through the functions below.
 */
interface CommandScope {
  scope: string;
  /** Updates sent so far to each workflow in this request: the second one gets its own id. */
  sent: Map<string, number>;
}

const storage = new AsyncLocalStorage<CommandScope>();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The scope of a keyed request; also the basis of every id derived for it. */
export function commandScope(caller: string, key: string, fingerprint: string): string {
  return sha256(['idempotency', caller, key, fingerprint].join('\n'));
}

/** Whether the request being handled carries an Idempotency-Key (a retry with it is deduplicated). */
export function hasIdempotencyKey(): boolean {
  return storage.getStore() !== undefined;
}

export function runInCommandScope<T>(scope: string, run: () => T): T {
  return storage.run({ scope, sent: new Map() }, run);
}

/**
 * The update id for the next update this request sends to `workflowId`: derived from the
 * request's key, so a retry sends the same id and Temporal applies the update once and answers
 * the first outcome. One id per object (a bulk step gets one per household or item). Without a
 * key: undefined, and the SDK draws a fresh id as before.
 */
export function commandUpdateId(workflowId: string): string | undefined {
  const current = storage.getStore();
  if (!current) return undefined;
  const n = (current.sent.get(workflowId) ?? 0) + 1;
  current.sent.set(workflowId, n);
  return `idem-${sha256([current.scope, workflowId, String(n)].join('\n'))}`;
}

/**
 * A UUID that a keyed request gives the object it creates (`ref` tells several apart), so a retry
 * addresses the same workflow; undefined without a key.
 */
export function commandObjectId(ref: string): string | undefined {
  const current = storage.getStore();
  if (!current) return undefined;
  const hex = sha256([current.scope, 'object', ref].join('\n'));
  // A version-5-shaped UUID (name-based, SHA hash) so it passes every UUID check.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
