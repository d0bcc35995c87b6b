import type { Role } from '../../../domain/src/access/roles';
import { Queries } from '../queries';

/** The person a bearer token acts for, with their unit's path. */
export interface AuthenticatedPerson {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  unit_path: string;
  roles: Role[];
  must_change_password: boolean;
  /** When the token stops working by itself (its session's last live refresh token, or the API token, expires); null: never. */
  valid_until: Date | null;
}

const PERSON_COLUMNS = `u.id, u.username, u.display_name, u.unit_code, n.path AS unit_path, u.roles,
         u.must_change_password`;
const PERSON_FROM = `app_user u JOIN unit n ON n.code = u.unit_code`;

/**
 * Who a request acts for: one indexed lookup of the person with their unit. The API caches the
 * answer briefly (apps/api/src/auth/access-cache.ts), dropped on the `access_change` notifications
 * (access-change.queries.ts).
 */
export class AuthenticationQueries extends Queries {
  /** The active person of a session that still has a live refresh token. */
  async personOfSession(userId: string, sessionId: string): Promise<AuthenticatedPerson | undefined> {
    const [row] = await this.prepared<AuthenticatedPerson>(
      `SELECT ${PERSON_COLUMNS}, s.valid_until
         FROM ${PERSON_FROM}
         CROSS JOIN LATERAL (
           SELECT max(r.expires_at) AS valid_until FROM refresh_token r
            WHERE r.session_id = $2 AND r.user_id = $1 AND r.revoked_at IS NULL AND r.expires_at > now()) s
        WHERE u.id = $1 AND u.active AND s.valid_until IS NOT NULL`,
      [userId, sessionId],
    );
    return row;
  }

  /**
   * The active person of a live API token, in one round trip; the token's last use is written at
   * most once a minute (a write on every request would cost each call a WAL flush).
   */
  async personOfApiToken(
    tokenHash: string,
  ): Promise<(AuthenticatedPerson & { token_id: string }) | undefined> {
    const [row] = await this.db.query<Array<AuthenticatedPerson & { token_id: string }>>(
      `WITH token AS (
         SELECT id, user_id, last_used_at, expires_at FROM api_token
          WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
       touched AS (
         UPDATE api_token a SET last_used_at = now() FROM token t
          WHERE a.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
       SELECT t.id AS token_id, ${PERSON_COLUMNS}, t.expires_at AS valid_until
         FROM ${PERSON_FROM}
         JOIN token t ON t.user_id = u.id
        WHERE u.active`,
      [tokenHash],
    );
    return row;
  }

  /**
   * Records a use of an API token answered without the lookup (from the API's access cache): at
   * most once a minute, whichever API process asks.
   */
  async touchApiToken(tokenId: string): Promise<void> {
    await this.db.query(
      `UPDATE api_token SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }
}
