import { Queries } from '../queries';

/** What names one idempotent request: the caller's key, and what the request was. */
export interface IdempotencyKeyClaim {
  caller: string;
  key: string;
  method: string;
  route: string;
  fingerprint: string;
}

/** A key's row as the decision about a repeated request needs it. */
export interface IdempotencyKeyRow {
  fingerprint: string;
  claim: string;
  completed: boolean;
  status: number | null;
  response: unknown;
  claimedAt: Date;
  createdAt: Date;
}

/** The `idempotency_key` table: one claim per caller and key, then the answer it gave. */
export class IdempotencyKeyQueries extends Queries {
  /** Claims the key atomically (INSERT … ON CONFLICT DO NOTHING): false when it is already held. */
  async insertClaim(request: IdempotencyKeyClaim, claim: string): Promise<boolean> {
    const inserted = await this.db.query<Array<{ claim: string }>>(
      `INSERT INTO idempotency_key (caller, key, method, route, fingerprint, claim)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (caller, key) DO NOTHING
       RETURNING claim`,
      [request.caller, request.key, request.method, request.route, request.fingerprint, claim],
    );
    return inserted.length === 1;
  }

  async row(caller: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    const rows = await this.db.query<
      Array<Omit<IdempotencyKeyRow, 'claimedAt' | 'createdAt'> & { claimed_at: Date; created_at: Date }>
    >(
      `SELECT fingerprint, claim, completed, status, response, claimed_at, created_at
         FROM idempotency_key WHERE caller = $1 AND key = $2`,
      [caller, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { claimed_at: claimedAt, created_at: createdAt, ...rest } = row;
    return { ...rest, claimedAt, createdAt };
  }

  /**
   * Takes an expired or abandoned key over for `request` under `claim`, unless another request
   * took it since `previousClaim` (false then). `restart` starts the key's 24 hours afresh.
   */
  async takeOver(
    request: IdempotencyKeyClaim,
    claim: string,
    previousClaim: string,
    restart: boolean,
  ): Promise<boolean> {
    const [, taken] = await this.db.query<[unknown[], number]>(
      `UPDATE idempotency_key
          SET method = $3, route = $4, fingerprint = $5, claim = $6, claimed_at = now(),
              created_at = CASE WHEN $7 THEN now() ELSE created_at END,
              completed = false, status = NULL, response = NULL
        WHERE caller = $1 AND key = $2 AND claim = $8
        RETURNING claim`,
      [
        request.caller,
        request.key,
        request.method,
        request.route,
        request.fingerprint,
        claim,
        restart,
        previousClaim,
      ],
    );
    return taken === 1;
  }

  /** Stores the answer of the request that holds the claim. */
  async complete(
    request: Pick<IdempotencyKeyClaim, 'caller' | 'key'>,
    claim: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET completed = true, status = $4, response = $5::json
        WHERE caller = $1 AND key = $2 AND claim = $3`,
      [request.caller, request.key, claim, status, JSON.stringify(body ?? null)],
    );
  }

  /** Gives the key up, if `claim` still holds it. */
  async release(request: Pick<IdempotencyKeyClaim, 'caller' | 'key'>, claim: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE caller = $1 AND key = $2 AND claim = $3`, [
      request.caller,
      request.key,
      claim,
    ]);
  }

  /** Forgets every key created more than `ttlMs` ago; answers how many. */
  async deleteOlderThan(ttlMs: number): Promise<number> {
    const [, affected] = await this.db.query<[unknown, number]>(
      `DELETE FROM idempotency_key WHERE created_at < now() - $1::int * interval '1 millisecond'`,
      [ttlMs],
    );
    return affected;
  }
}
