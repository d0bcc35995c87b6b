import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SubsidyPaymentQueries } from '../../libs/database/src/housing/subsidy-payment.queries';

export interface TransferRequest {
  /** The same key always means the same transfer: a repeated request must not pay again. */
  idempotencyKey: string;
  payee: string;
  amountFen: number;
  reference: string;
}

export interface TransferReceipt {
  transactionId: string;
  paidAt: string;
}

/** A refusal for good (limit exceeded, account closed …): retrying the same request cannot succeed. */
export class PaymentRefusedError extends Error {}

/**
 * Where subsidies are paid (资金兑付). Any other error than `PaymentRefusedError` is transient
 * (gateway down, timeout) and the transfer is retried with the same idempotency key.
 */
export interface PaymentGateway {
  transfer(request: TransferRequest): Promise<TransferReceipt>;
}

export interface SimulatedGatewaySettings {
  /** Share of calls that fail as if the gateway were unreachable (0–1). */
  failureRate: number;
  /** Single transfers above this are refused. */
  limitFen: number;
  random?: () => number;
}

/**
 * A gateway for development and tests that keeps its own books in Postgres
 * (`simulated_gateway_transfer`): one transfer per idempotency key, like a real bank's API.
 */
export function simulatedGateway(dataSource: DataSource, settings: SimulatedGatewaySettings): PaymentGateway {
  const random = settings.random ?? Math.random;
  const books = new SubsidyPaymentQueries(dataSource.manager);
  return {
    async transfer(request) {
      if (random() < settings.failureRate) throw new Error('simulated gateway unavailable');
      if (request.amountFen <= 0 || request.amountFen > settings.limitFen)
        throw new PaymentRefusedError(`单笔金额 ${(request.amountFen / 100).toFixed(2)} 元超出支付限额`);
      const booked = await books.simulatedTransfer({
        idempotencyKey: request.idempotencyKey,
        payee: request.payee,
        amountFen: request.amountFen,
        transactionId: `SIM-${randomUUID()}`,
      });
      if (booked.amountFen !== request.amountFen)
        throw new PaymentRefusedError('同一幂等键已用于不同金额的转账');
      return { transactionId: booked.transactionId, paidAt: booked.createdAt.toISOString() };
    },
  };
}

/**
 * A gateway reached over HTTP: `POST <url>` with the transfer as JSON and an `Idempotency-Key`
 * header; a 2xx answer carries `{ transactionId, paidAt }`, a 4xx answer is a refusal (its
 * `message` is the reason), anything else is retried.
 */
export function httpGateway(url: string, timeoutMs = 30_000): PaymentGateway {
  return {
    async transfer(request) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify({
          payee: request.payee,
          amountFen: request.amountFen,
          reference: request.reference,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as Partial<TransferReceipt> & {
        message?: string;
      };
      if (response.status >= 400 && response.status < 500)
        throw new PaymentRefusedError(body.message ?? `支付渠道拒绝（HTTP ${response.status}）`);
      if (!response.ok || !body.transactionId || !body.paidAt)
        throw new Error(`payment gateway answered ${response.status}`);
      return { transactionId: body.transactionId, paidAt: body.paidAt };
    },
  };
}
