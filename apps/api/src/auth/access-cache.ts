import type { CurrentUser } from '../access/current-user';

/** Generation slots for people (a person's id picks one): bounded memory, a collision only costs a lookup. */
const STRIPES = 1024;
/** Entries kept at most; the oldest stored goes first. */
export const ACCESS_CACHE_MAX_ENTRIES = 10_000;

/** One cached answer: who the token acts for, until when, and when its use was last written (API tokens). */
export interface AccessCacheEntry {
  readonly user: Readonly<CurrentUser>;
  readonly expiresAt: number;
  /** When this process last wrote the API token's `last_used_at` (or its lookup did). */
  touchedAt: number;
}

/**
 * What the cache's generations were when a lookup began (taken before its query runs). An answer is
 * stored only if nothing that could concern it was invalidated meanwhile: the lookup may have read
 * the row before a change committed while the change's notification arrived before the store.
 */
export interface AccessLookupTicket {
  readonly userId: string | undefined;
  readonly global: number;
  readonly stripe: number;
  readonly any: number;
}

/**
 * The access guard's short-lived cache of "who this token acts for" (key: a session's `sub` and
 * `sid`, or an API token's hash). It answers only while the process LISTENs on `access_change`
 * (AccessChangeListener calls `setListening`): before the connection is up, after it is lost and
 * while it reconnects, the cache is empty and bypassed, so it never serves what a missed
 * notification should have dropped. A notification (or the process's own change, at once after its
 * commit) drops a person's entries; `*` drops everything.
 */
export class AccessCache {
  private readonly entries = new Map<string, AccessCacheEntry & { userId: string }>();
  private readonly keysOfUser = new Map<string, Set<string>>();
  private readonly stripes = new Uint32Array(STRIPES);
  private listening = false;
  /** Bumped by `forgetAll` (and every change of the connection). */
  private global = 0;
  /** Bumped by every invalidation: a lookup that cannot name its person (an API token) checks this one. */
  private any = 0;

  constructor(
    /** How long an answer is reused; 0 turns the cache off. */
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = ACCESS_CACHE_MAX_ENTRIES,
  ) {}

  /** Whether the cache is on at all (a TTL above 0): only then does the API LISTEN. */
  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Whether the cache answers and stores now: on, and listening. */
  get active(): boolean {
    return this.enabled && this.listening;
  }

  /** Entries held, for tests. */
  get size(): number {
    return this.entries.size;
  }

  /** The LISTEN connection is up (true) or gone (false): either way everything held is dropped. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.forgetAll();
  }

  /** The live entry of `key`, or undefined (also whenever the cache is not active). */
  get(key: string): AccessCacheEntry | undefined {
    if (!this.active) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  /** To be taken before the lookup's query runs; `userId` when the token names its person (a session). */
  begin(userId?: string): AccessLookupTicket {
    return {
      userId,
      global: this.global,
      stripe: userId === undefined ? 0 : this.stripes[stripeOf(userId)],
      any: this.any,
    };
  }

  /**
   * Keeps a lookup's answer until `validUntil` (the token's own end) or the TTL, whichever comes
   * first, unless anything that could concern it was invalidated since `ticket` was taken or the
   * cache is not active. Answers whether it was stored.
   */
  store(ticket: AccessLookupTicket, key: string, user: CurrentUser, validUntil: Date | null): boolean {
    if (!this.active || ticket.global !== this.global) return false;
    if (ticket.userId === undefined ? ticket.any !== this.any : ticket.userId !== user.id) return false;
    if (ticket.userId !== undefined && this.stripes[stripeOf(user.id)] !== ticket.stripe) return false;
    const now = this.now();
    const expiresAt = Math.min(now + this.ttlMs, validUntil ? validUntil.getTime() : Infinity);
    if (expiresAt <= now) return false;
    this.delete(key);
    while (this.entries.size >= this.maxEntries) this.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { user: snapshot(user), expiresAt, touchedAt: now, userId: user.id });
    const keys = this.keysOfUser.get(user.id) ?? new Set<string>();
    keys.add(key);
    this.keysOfUser.set(user.id, keys);
    return true;
  }

  /** Drops a person's entries, and keeps lookups of them already running from storing. */
  forgetUser(userId: string): void {
    this.stripes[stripeOf(userId)]++;
    this.any++;
    for (const key of this.keysOfUser.get(userId) ?? []) this.entries.delete(key);
    this.keysOfUser.delete(userId);
  }

  /** Drops everything, and keeps every lookup already running from storing. */
  forgetAll(): void {
    this.global++;
    this.any++;
    this.entries.clear();
    this.keysOfUser.clear();
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.keysOfUser.get(entry.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfUser.delete(entry.userId);
  }
}

/** A copy the caller may not change (a request's user is its own copy, see `copyOfUser`). */
function snapshot(user: CurrentUser): Readonly<CurrentUser> {
  return Object.freeze({
    ...user,
    roles: Object.freeze([...user.roles]) as CurrentUser['roles'],
    via: Object.freeze({ ...user.via }),
  });
}

/** A cached user as a request's own (mutable) object. */
export function copyOfUser(user: Readonly<CurrentUser>): CurrentUser {
  return { ...user, roles: [...user.roles], via: { ...user.via } };
}

/** FNV-1a of the id, into one of the generation slots. */
function stripeOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % STRIPES;
}
