import { IsNull } from 'typeorm';
import { Queries } from '../queries';
import { ApiToken } from './api-token.entity';

/** A machine client's API tokens (stored as hashes). Using one is `AuthenticationQueries.personOfApiToken`. */
export class ApiTokenQueries extends Queries {
  private get tokens() {
    return this.db.getRepository(ApiToken);
  }

  /** A person's tokens, live and revoked, oldest first. */
  ofUser(userId: string): Promise<ApiToken[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** Issues a token; the returned entity carries its generated id. */
  async insert(fields: Pick<ApiToken, 'userId' | 'name' | 'tokenHash' | 'expiresAt'>): Promise<ApiToken> {
    const row = this.tokens.create({ ...fields, createdAt: new Date(), lastUsedAt: null, revokedAt: null });
    await this.tokens.insert(row);
    return row;
  }

  /** Revokes a live token of this person; false when there is none (unknown, another's, or revoked). */
  async revoke(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.tokens.update(
      { id: tokenId, userId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return Boolean(result.affected);
  }
}
