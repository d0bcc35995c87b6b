import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiToken } from '../../../../libs/database/src/identity/api-token.entity';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
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
    // Checked against the database on every request (no cache, so every API process agrees at
    // once): sign-out, a reused refresh token or a closed session ends the access token with it.
    if (typeof claims.sid !== 'string' || !(await this.sessionIsLive(claims.sub, claims.sid)))
      throw rejected();
    return this.currentUser(claims.sub, { kind: 'session' });
  }

  private async sessionIsLive(userId: string, sessionId: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM refresh_token
        WHERE session_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now() LIMIT 1`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  private async fromApiToken(token: string): Promise<CurrentUser> {
    const tokens = this.dataSource.getRepository(ApiToken);
    const row = await tokens.findOneBy({ tokenHash: hashSecret(token), revokedAt: IsNull() });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) throw rejected();
    await tokens.update({ id: row.id }, { lastUsedAt: new Date() });
    return this.currentUser(row.userId, { kind: 'api-token', tokenId: row.id });
  }

  private async currentUser(userId: string, via: CurrentUser['via']): Promise<CurrentUser> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || !user.active) throw rejected();
    const unit = await this.dataSource.getRepository(Unit).findOneByOrFail({ code: user.unitCode });
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      unitCode: user.unitCode,
      unitPath: unit.path,
      roles: user.roles,
      via,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
