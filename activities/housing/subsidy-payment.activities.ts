import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { HouseholdFacts, PAYMENT_REFUSED } from '../../libs/contracts/src/housing/household-pipeline';
import { PaymentGateway, PaymentRefusedError } from './payment-gateway';

export interface SubsidyReceipt {
  transactionId: string;
  paidAt: string;
  amountFen: number;
}

/** The idempotency key of one payment attempt of a household's subsidy. */
export const subsidyKey = (facts: Pick<HouseholdFacts, 'programmeId' | 'householdNo'>, attempt: number) =>
  `subsidy:${facts.programmeId}:${facts.householdNo}:${attempt}`;

/**
 * Pays a household's subsidy (资金兑付) through the gateway and books the receipt. The attempt's
 * idempotency key goes with every try, so a worker that dies after the gateway paid but before
 * Temporal heard back pays nothing more when the activity runs again: it gets the same receipt.
 */
export function createSubsidyPaymentActivities(dataSource: DataSource, gateway: PaymentGateway) {
  return {
    async paySubsidy({
      facts,
      attempt,
    }: {
      facts: HouseholdFacts;
      attempt: number;
    }): Promise<SubsidyReceipt> {
      const idempotencyKey = subsidyKey(facts, attempt);
      const amountFen = facts.plannedSubsidyFen;
      let receipt;
      try {
        receipt = await gateway.transfer({
          idempotencyKey,
          payee: `${facts.headName}（${facts.householdNo}）`,
          amountFen,
          reference: `危房改造补助 ${facts.householdNo}`,
        });
      } catch (error) {
        if (error instanceof PaymentRefusedError)
          throw ApplicationFailure.create({
            type: PAYMENT_REFUSED,
            message: error.message,
            nonRetryable: true,
          });
        throw error;
      }
      await dataSource.query(
        `INSERT INTO subsidy_payment (idempotency_key, household_id, attempt, amount_fen, transaction_id, paid_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
        [idempotencyKey, facts.householdId, attempt, amountFen, receipt.transactionId, receipt.paidAt],
      );
      return { ...receipt, amountFen };
    },
  };
}
