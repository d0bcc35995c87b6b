import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  IdempotencyKeyQueries,
  type IdempotencyKeyClaim,
} from '../../../../../libs/database/src/platform/idempotency-key.queries';
import {
  decideIdempotency,
  IDEMPOTENCY_TTL_MS,
} from '../../../../../libs/domain/src/idempotency/idempotency-key';

/** A claim older than this that never completed belongs to an API process that is gone. */
export const IDEMPOTENCY_LEASE_MS = 5 * 60 * 1000;

export type IdempotentRequest = IdempotencyKeyClaim;

export type ClaimOutcome =
  | { kind: 'run'; claim: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused' }
  | { kind: 'wait' };

/** Idempotency keys: one claim per caller and key, then the answer it gave (IdempotencyKeyQueries). */
export class IdempotencyStore {
  private readonly keys: IdempotencyKeyQueries;

  constructor(dataSource: DataSource) {
    this.keys = new IdempotencyKeyQueries(dataSource.manager);
  }

  /** One attempt to claim the key: atomically (INSERT … ON CONFLICT DO NOTHING), or what is there. */
  async claim(request: IdempotentRequest): Promise<ClaimOutcome> {
    const claim = randomUUID();
    if (await this.keys.insertClaim(request, claim)) return { kind: 'run', claim };
    const row = await this.keys.row(request.caller, request.key);
    if (!row) return this.claim(request); // released in between: try again
    const decision = decideIdempotency(row, request.fingerprint, new Date(), IDEMPOTENCY_LEASE_MS);
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
        const taken = await this.keys.takeOver(request, claim, row.claim, decision === 'run');
        return taken ? { kind: 'run', claim } : { kind: 'wait' };
      }
    }
  }

  /** Stores the answer of the request that holds the claim. */
  complete(request: IdempotentRequest, claim: string, status: number, body: unknown): Promise<void> {
    return this.keys.complete(request, claim, status, body);
  }

  /** Gives the key up (a 5xx): the client may retry and run the command again. */
  release(request: IdempotentRequest, claim: string): Promise<void> {
    return this.keys.release(request, claim);
  }

  /** Forgets every key older than 24 hours. */
  sweep(): Promise<number> {
    return this.keys.deleteOlderThan(IDEMPOTENCY_TTL_MS);
  }
}
