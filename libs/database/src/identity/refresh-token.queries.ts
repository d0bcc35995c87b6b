import { IsNull } from 'typeorm';
import { Queries } from '../queries';
import { RefreshToken } from './refresh-token.entity';

/** Refresh tokens (stored as hashes), one chain per session. */
export class RefreshTokenQueries extends Queries {
  private get tokens() {
    return this.db.getRepository(RefreshToken);
  }

  async insert(token: Pick<RefreshToken, 'userId' | 'sessionId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert({ ...token, createdAt: new Date(), revokedAt: null });
  }

  /** The token with this hash, locked for the rest of the transaction (a token is spent once). */
  byHashForUpdate(tokenHash: string): Promise<RefreshToken | null> {
    return this.tokens.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async revoke(id: string): Promise<void> {
    await this.tokens.update({ id }, { revokedAt: new Date() });
  }

  /** Closes every live session of a person. */
  async revokeAllOf(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
