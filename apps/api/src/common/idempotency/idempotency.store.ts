import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  decideIdempotency,
  IDEMPOTENCY_TTL_MS,
} from '../../../../../libs/domain/src/idempotency/idempotency-key';

/** A claim older than this that never completed belongs to an API process that is gone. */
export const IDEMPOTENCY_LEASE_MS = 5 * 60 * 1000;

export interface IdempotentRequest {
  caller: string;
  key: string;
  method: string;
  route: string;
  fingerprint: string;
}

export type ClaimOutcome =
  | { kind: 'run'; claim: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused' }
  | { kind: 'wait' };

interface Row {
  fingerprint: string;
  claim: string;
  completed: boolean;
  status: number | null;
  response: unknown;
  claimed_at: Date;
  created_at: Date;
}

/** The `idempotency_key` table: one claim per caller and key, then the answer it gave. */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** One attempt to claim the key: atomically (INSERT … ON CONFLICT DO NOTHING), or what is there. */
  async claim(request: IdempotentRequest): Promise<ClaimOutcome> {
    const claim = randomUUID();
    const inserted = await this.dataSource.query<Array<{ claim: string }>>(
      `INSERT INTO idempotency_key (caller, key, method, route, fingerprint, claim)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (caller, key) DO NOTHING
       RETURNING claim`,
      [request.caller, request.key, request.method, request.route, request.fingerprint, claim],
    );
    if (inserted.length === 1) return { kind: 'run', claim };
    const rows = await this.dataSource.query<Row[]>(
      `SELECT fingerprint, claim, completed, status, response, claimed_at, created_at
         FROM idempotency_key WHERE caller = $1 AND key = $2`,
      [request.caller, request.key],
    );
    const row = rows[0];
    if (!row) return this.claim(request); // released in between: try again
    const decision = decideIdempotency(
      {
        fingerprint: row.fingerprint,
        completed: row.completed,
        claimedAt: row.claimed_at,
        createdAt: row.created_at,
      },
      request.fingerprint,
      new Date(),
      IDEMPOTENCY_LEASE_MS,
    );
    switch (decision) {
      case 'reused':
        return { kind: 'reused' };
      case 'replay':
        return { kind: 'replay', status: row.status ?? 200, body: row.response };
      case 'wait':
        return { kind: 'wait' };
      case 'run':
      case 'take-over': {
        // Expired or abandoned: start afresh, unless another request got there first.
        const [, taken] = await this.dataSource.query<[unknown[], number]>(
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
            decision === 'run',
            row.claim,
          ],
        );
        return taken === 1 ? { kind: 'run', claim } : { kind: 'wait' };
      }
    }
  }

  /** Stores the answer of the request that holds the claim. */
  async complete(request: IdempotentRequest, claim: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET completed = true, status = $4, response = $5::json
        WHERE caller = $1 AND key = $2 AND claim = $3`,
      [request.caller, request.key, claim, status, JSON.stringify(body ?? null)],
    );
  }

  /** Gives the key up (a 5xx): the client may retry and run the command again. */
  async release(request: IdempotentRequest, claim: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE caller = $1 AND key = $2 AND claim = $3`, [
      request.caller,
      request.key,
      claim,
    ]);
  }

  /** Forgets every key older than 24 hours. */
  async sweep(): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM idempotency_key WHERE created_at < now() - $1::int * interval '1 millisecond'`,
      [IDEMPOTENCY_TTL_MS],
    );
    return affected;
  }
}
