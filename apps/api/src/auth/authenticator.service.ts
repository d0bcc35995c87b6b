import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  AuthenticatedPerson,
  AuthenticationQueries,
} from '../../../../libs/database/src/identity/authentication.queries';
import { CommonErrors } from '../common/errors/common.errors';
import type { CurrentUser } from '../access/current-user';
import { API_TOKEN_PREFIX, hashSecret } from './secrets';

export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token chain) the token was issued in: it works only while that is live. */
  sid: string;
}

const rejected = () => CommonErrors.error('NOT_AUTHENTICATED');

/** Turns a bearer token (a session JWT or an API token) into the current user, read fresh from the database. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly queries: AuthenticationQueries,
  ) {}

  async authenticate(token: string): Promise<CurrentUser> {
    if (token.startsWith(API_TOKEN_PREFIX)) return this.fromApiToken(token);
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw rejected();
    }
    // Checked against the database on every request: sign-out, a reused refresh token, a closed
    // session, a deactivation or a role change take effect on the next request.
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(String(claims.sub)))
      throw rejected();
    const row = await this.queries.personOfSession(claims.sub, claims.sid);
    if (!row) throw rejected();
    return currentUser(row, { kind: 'session' });
  }

  private async fromApiToken(token: string): Promise<CurrentUser> {
    const row = await this.queries.personOfApiToken(hashSecret(token));
    if (!row) throw rejected();
    return currentUser(row, { kind: 'api-token', tokenId: row.token_id });
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
