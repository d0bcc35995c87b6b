import { ApplicationFailure, Context } from '@temporalio/activity';
import { msOptionalToNumber } from '@temporalio/common/lib/time';
import { DataSource } from 'typeorm';
import { HouseholdFacts, PAYMENT_REFUSED } from '../../libs/contracts/src/housing/household-pipeline';
import { SubsidyPaymentQueries } from '../../libs/database/src/housing/subsidy-payment.queries';
import { nextTryAt } from '../../libs/domain/src/time/retry-schedule';
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
  const payments = new SubsidyPaymentQueries(dataSource.manager);
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
        if (error instanceof PaymentRefusedError) {
          await payments.clearFailure(facts.householdId);
          throw ApplicationFailure.create({
            type: PAYMENT_REFUSED,
            message: error.message,
            nonRetryable: true,
          });
        }
        await recordFailure(payments, facts.householdId, attempt, error);
        throw error;
      }
      await payments.bookPayment({
        idempotencyKey,
        householdId: facts.householdId,
        attempt,
        amountFen,
        transactionId: receipt.transactionId,
        paidAt: receipt.paidAt,
      });
      await payments.clearFailure(facts.householdId);
      return { ...receipt, amountFen };
    },
  };
}

/**
 * Keeps the last failed try of a subsidy payment the gateway did not take (down, timing out):
 * why, when, and when Temporal tries again by the activity's retry policy, so the household view
 * shows it. Best effort: a failure to record it never hides the gateway's error.
 */
async function recordFailure(
  payments: SubsidyPaymentQueries,
  householdId: string,
  attempt: number,
  error: unknown,
) {
  const reason = error instanceof Error ? error.message : String(error);
  const failedAt = new Date();
  let tryNumber = 1;
  let nextTry: Date | null = null;
  try {
    const info = Context.current().info;
    tryNumber = info.attempt;
    const policy = info.retryPolicy;
    nextTry = nextTryAt(
      {
        initialIntervalMs: msOptionalToNumber(policy?.initialInterval) ?? 1000,
        backoffCoefficient: policy?.backoffCoefficient,
        maximumIntervalMs: msOptionalToNumber(policy?.maximumInterval),
        maximumAttempts: policy?.maximumAttempts,
      },
      tryNumber,
      failedAt,
    );
  } catch {
    // outside an activity context (a direct call in a test): no retry schedule to tell
  }
  try {
    await payments.recordFailure({
      householdId,
      paymentAttempt: attempt,
      try: tryNumber,
      reason: reason.slice(0, 2000),
      failedAt,
      nextTryAt: nextTry,
    });
  } catch {
    // the gateway's error is what the retry is about; this record is only for people to read
  }
}
