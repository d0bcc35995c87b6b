import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import { RefreshTokenQueries } from '../../../../libs/database/src/identity/refresh-token.queries';
import type { AccessTokenClaims } from './authenticator.service';
import type { SessionView } from './dto/auth.dto';
import { hashSecret, newSecret } from './secrets';

const DAY_MS = 86_400_000;

/** Short-lived access JWTs and single-use refresh tokens (rotated on every use). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Environment,
  ) {}

  /** Opens a session (a sign-in), or continues `sessionId` with a rotated refresh token. */
  async open(
    manager: EntityManager,
    userId: string,
    sessionId: string = randomUUID(),
  ): Promise<Omit<SessionView, 'mustChangePassword'>> {
    const refreshToken = newSecret('');
    const refreshExpiresAt = new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    await new RefreshTokenQueries(manager).insert({
      userId,
      sessionId,
      tokenHash: hashSecret(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS }),
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      tokenType: 'Bearer',
    };
  }

  /**
   * Spends a refresh token: `spent` names its user. A token presented a second time means it was
   * copied: every session of that user is closed (`reused`), and the caller must commit that.
   */
  async spend(
    manager: EntityManager,
    refreshToken: string,
  ): Promise<
    | { outcome: 'spent'; userId: string; sessionId: string }
    | { outcome: 'reused'; userId: string }
    | { outcome: 'invalid' }
  > {
    const tokens = new RefreshTokenQueries(manager);
    const row = await tokens.byHashForUpdate(hashSecret(refreshToken));
    if (!row || row.expiresAt.getTime() <= Date.now()) return { outcome: 'invalid' };
    if (row.revokedAt) {
      await this.closeAll(manager, row.userId);
      return { outcome: 'reused', userId: row.userId };
    }
    await tokens.revoke(row.id);
    return { outcome: 'spent', userId: row.userId, sessionId: row.sessionId };
  }

  async closeAll(manager: EntityManager, userId: string): Promise<void> {
    await new RefreshTokenQueries(manager).revokeAllOf(userId);
  }
}
