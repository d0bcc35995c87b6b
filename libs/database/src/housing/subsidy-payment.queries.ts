import { Queries } from '../queries';

/** A subsidy paid: one row per payment attempt's idempotency key. */
export interface SubsidyPaymentRow {
  idempotencyKey: string;
  householdId: string;
  attempt: number;
  amountFen: number;
  transactionId: string;
  paidAt: string;
}

/** The last failed try of a household's subsidy payment. */
export interface SubsidyFailureRow {
  householdId: string;
  paymentAttempt: number;
  try: number;
  reason: string;
  failedAt: Date;
  nextTryAt: Date | null;
}

/** The books of subsidy payments (资金兑付): receipts, the last failed try, and the simulated gateway's own. */
export class SubsidyPaymentQueries extends Queries {
  /** Books a receipt once per idempotency key (a repeated call adds nothing). */
  async bookPayment(payment: SubsidyPaymentRow): Promise<void> {
    await this.db.query(
      `INSERT INTO subsidy_payment (idempotency_key, household_id, attempt, amount_fen, transaction_id, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        payment.idempotencyKey,
        payment.householdId,
        payment.attempt,
        payment.amountFen,
        payment.transactionId,
        payment.paidAt,
      ],
    );
  }

  /** Keeps the household's last failed try, replacing the one before. */
  async recordFailure(failure: SubsidyFailureRow): Promise<void> {
    await this.db.query(
      `INSERT INTO subsidy_payment_failure (household_id, payment_attempt, try, reason, failed_at, next_try_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (household_id) DO UPDATE SET payment_attempt = EXCLUDED.payment_attempt, try = EXCLUDED.try,
         reason = EXCLUDED.reason, failed_at = EXCLUDED.failed_at, next_try_at = EXCLUDED.next_try_at`,
      [
        failure.householdId,
        failure.paymentAttempt,
        failure.try,
        failure.reason,
        failure.failedAt,
        failure.nextTryAt,
      ],
    );
  }

  async clearFailure(householdId: string): Promise<void> {
    await this.db.query(`DELETE FROM subsidy_payment_failure WHERE household_id = $1`, [householdId]);
  }

  /**
   * The simulated gateway's transfer under the key: booked now if the key is new, else the one
   * booked before (whatever its amount).
   */
  async simulatedTransfer(transfer: {
    idempotencyKey: string;
    payee: string;
    amountFen: number;
    transactionId: string;
  }): Promise<{ amountFen: number; transactionId: string; createdAt: Date }> {
    await this.db.query(
      `INSERT INTO simulated_gateway_transfer (idempotency_key, payee, amount_fen, transaction_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING`,
      [transfer.idempotencyKey, transfer.payee, transfer.amountFen, transfer.transactionId],
    );
    const [row] = await this.db.query<
      Array<{ amount_fen: string; transaction_id: string; created_at: Date }>
    >(
      `SELECT amount_fen, transaction_id, created_at FROM simulated_gateway_transfer WHERE idempotency_key = $1`,
      [transfer.idempotencyKey],
    );
    return {
      amountFen: Number(row.amount_fen),
      transactionId: row.transaction_id,
      createdAt: row.created_at,
    };
  }
}
