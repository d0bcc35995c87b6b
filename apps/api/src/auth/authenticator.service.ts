import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  AuthenticatedPerson,
  AuthenticationQueries,
} from '../../../../libs/database/src/identity/authentication.queries';
import { CommonErrors } from '../common/errors/common.errors';
import type { CurrentUser } from '../access/current-user';
import { AccessCache, copyOfUser } from './access-cache';
import { API_TOKEN_PREFIX, hashSecret } from './secrets';
import { VerifiedTokens } from './verified-tokens';

export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token chain) the token was issued in: it works only while that is live. */
  sid: string;
  exp?: number;
}

const rejected = () => CommonErrors.error('NOT_AUTHENTICATED');

/** An API token's `last_used_at` is written at most this often (the lookup's own rule, see personOfApiToken). */
export const API_TOKEN_TOUCH_MS = 60_000;

/**
 * Turns a bearer token (a session JWT or an API token) into the current user: read from the
 * database, or from the access cache (AccessCache: short-lived, dropped on every change that could
 * alter the answer, bypassed while its notifications may be missed). A JWT's signature is
 * checked once per token text and process (VerifiedTokens), its expiry on every request; refusals
 * are never cached.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);
  private readonly verified = new VerifiedTokens<AccessTokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly queries: AuthenticationQueries,
    private readonly cache: AccessCache,
  ) {}

  async authenticate(token: string): Promise<CurrentUser> {
    if (token.startsWith(API_TOKEN_PREFIX)) return this.fromApiToken(token);
    const claims = await this.claimsOf(token);
    // Checked against the database (or a cache its changes empty): sign-out, a reused refresh
    // token, a closed session, a deactivation or a role change take effect on the next request.
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(String(claims.sub)))
      throw rejected();
    const key = `session:${claims.sub}:${claims.sid}`;
    const hit = this.cache.get(key);
    if (hit) return copyOfUser(hit.user);
    const ticket = this.cache.begin(claims.sub);
    const row = await this.queries.personOfSession(claims.sub, claims.sid);
    if (!row) throw rejected();
    const user = currentUser(row, { kind: 'session' });
    this.cache.store(ticket, key, user, row.valid_until);
    return user;
  }

  /** The claims of a session token whose signature and expiry hold (401 otherwise). */
  private async claimsOf(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known) return known;
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw rejected();
    }
    this.verified.remember(token, claims);
    return claims;
  }

  private async fromApiToken(token: string): Promise<CurrentUser> {
    const tokenHash = hashSecret(token);
    const key = `api-token:${tokenHash}`;
    const hit = this.cache.get(key);
    if (hit) {
      if (hit.user.via.kind === 'api-token' && Date.now() - hit.touchedAt >= API_TOKEN_TOUCH_MS) {
        hit.touchedAt = Date.now();
        this.touch(hit.user.via.tokenId);
      }
      return copyOfUser(hit.user);
    }
    const ticket = this.cache.begin();
    const row = await this.queries.personOfApiToken(tokenHash);
    if (!row) throw rejected();
    const user = currentUser(row, { kind: 'api-token', tokenId: row.token_id });
    this.cache.store(ticket, key, user, row.valid_until);
    return user;
  }

  /** Records an API token's use answered from the cache; the request does not wait for it, a failure is logged. */
  private touch(tokenId: string): void {
    this.queries.touchApiToken(tokenId).catch((error: unknown) => {
      this.logger.warn(
        `recording the use of API token ${tokenId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function currentUser(row: AuthenticatedPerson, via: CurrentUser['via']): CurrentUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitCode: row.unit_code,
    unitPath: row.unit_path,
    roles: row.roles,
    via,
    mustChangePassword: row.must_change_password,
  };
}
