import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../../../../libs/domain/src/access/roles';
import type { CurrentUser } from '../access/current-user';
import { API_TOKEN_PREFIX, hashSecret } from './secrets';

export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token chain) the token was issued in: it works only while that is live. */
  sid: string;
}

const rejected = () =>
  new UnauthorizedException({ code: 'NOT_AUTHENTICATED', message: '未登录或登录已失效' });

/** Turns a bearer token (a session JWT or an API token) into the current user, read fresh from the database. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async authenticate(token: string): Promise<CurrentUser> {
    if (token.startsWith(API_TOKEN_PREFIX)) return this.fromApiToken(token);
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw rejected();
    }
    // Checked against the database on every request, in one indexed lookup with the person and
    // their unit (no cache, so every API process agrees at once): sign-out, a reused refresh
    // token, a closed session, a deactivation or a role change take effect on the next request.
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(String(claims.sub)))
      throw rejected();
    const [row] = await this.dataSource.query<PersonRow[]>(
      `${PERSON_SELECT}
        WHERE u.id = $1 AND u.active AND EXISTS (
          SELECT 1 FROM refresh_token r
           WHERE r.session_id = $2 AND r.user_id = $1 AND r.revoked_at IS NULL AND r.expires_at > now())`,
      [claims.sub, claims.sid],
    );
    if (!row) throw rejected();
    return currentUser(row, { kind: 'session' });
  }

  private async fromApiToken(token: string): Promise<CurrentUser> {
    // One round trip: the live token, its person and unit; the last use is written at most once a
    // minute (a write on every request would cost each call a WAL flush).
    const [row] = await this.dataSource.query<Array<PersonRow & { token_id: string }>>(
      `WITH token AS (
         SELECT id, user_id, last_used_at FROM api_token
          WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
       touched AS (
         UPDATE api_token a SET last_used_at = now() FROM token t
          WHERE a.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
       ${PERSON_SELECT.replace('SELECT', 'SELECT t.id AS token_id,')}
         JOIN token t ON t.user_id = u.id
        WHERE u.active`,
      [hashSecret(token)],
    );
    if (!row) throw rejected();
    return currentUser(row, { kind: 'api-token', tokenId: row.token_id });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PersonRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  unit_path: string;
  roles: Role[];
  must_change_password: boolean;
}

const PERSON_SELECT = `SELECT u.id, u.username, u.display_name, u.unit_code, n.path AS unit_path, u.roles,
         u.must_change_password
    FROM app_user u JOIN unit n ON n.code = u.unit_code`;

function currentUser(row: PersonRow, via: CurrentUser['via']): CurrentUser {
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
