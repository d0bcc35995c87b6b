import { LRUCache } from 'lru-cache';

/** Tokens kept at most; the least recently used goes first. */
export const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Session tokens (JWTs) whose signature this process has verified, each kept by its exact text
 * until its `exp`: the same text always verifies the same way, so only the expiry needs checking
 * again, and that is done on every read. Whether the session behind it is still live is not this
 * cache's answer (the access cache and the database decide that on every request).
 */
export class VerifiedTokens<Claims extends { exp?: number }> {
  private readonly held: LRUCache<string, Claims>;

  constructor(
    max = VERIFIED_TOKENS_MAX,
    private readonly now: () => number = Date.now,
  ) {
    // The expiry is checked here against `now`, not by the cache's own clock: a token is refused
    // from the millisecond jsonwebtoken would refuse it (`exp` in whole seconds).
    this.held = new LRUCache<string, Claims>({ max });
  }

  /** The claims of `token` if it was verified here and has not expired, else undefined. */
  get(token: string): Claims | undefined {
    const claims = this.held.get(token);
    if (claims === undefined) return undefined;
    if (this.now() >= claims.exp! * 1000) {
      this.held.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Keeps what verifying `token` gave; a token without `exp` is not kept (it is verified each time). */
  remember(token: string, claims: Claims): void {
    if (typeof claims.exp !== 'number' || this.now() >= claims.exp * 1000) return;
    this.held.set(token, claims);
  }

  /** Tokens held, for tests. */
  get size(): number {
    return this.held.size;
  }
}
