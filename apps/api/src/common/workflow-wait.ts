import { ServiceUnavailableException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { CommonErrors } from './errors/common.errors';
import { commandUpdateId, hasIdempotencyKey } from './idempotency/idempotency-context';

/** gRPC status codes the Temporal client reports (@grpc/grpc-js `status`). */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** After this long without an answer, a command checks whether the Temporal frontend still answers. */
const PROBE_AFTER_MS = 1000;
/** The frontend's own deadline in that check (and in `/api/ready`). */
export const TEMPORAL_PROBE_DEADLINE_MS = 1000;

function grpcCode(error: unknown): number | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

/** The call ran out of its bound (deadline or abort) before the server answered. */
export function isWaitExceeded(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(error);
  return code === GRPC_DEADLINE_EXCEEDED || code === GRPC_CANCELLED;
}

/** The Temporal frontend could not be reached at all (connection refused, reset, no route). */
export function isTemporalUnreachable(error: unknown): boolean {
  if (grpcCode(error) === GRPC_UNAVAILABLE) return true;
  return (
    error instanceof ServiceError &&
    /Failed to connect|UNAVAILABLE/.test(String(error.cause ?? error.message))
  );
}

/**
 * Whether the Temporal frontend answers within `TEMPORAL_PROBE_DEADLINE_MS` (a cheap call, no
 * namespace work). The answer is bounded by a timer of its own: the client's gRPC retry
 * interceptor backs off between attempts and notices a passed deadline only at its next attempt.
 */
export async function temporalAnswers(client: Pick<Client, 'connection'>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TEMPORAL_PROBE_DEADLINE_MS);
  });
  const call = client.connection
    .withDeadline(Date.now() + TEMPORAL_PROBE_DEADLINE_MS, () =>
      client.connection.workflowService.getSystemInfo({}),
    )
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a retry of the same request does, said in the answer so a client knows whether it may resend. */
function retryAdvice(): { mayStillApply: true; retryWithSameKeyIsSafe: boolean; advice: string } {
  const keyed = hasIdempotencyKey();
  return {
    mayStillApply: true,
    retryWithSameKeyIsSafe: keyed,
    advice: keyed
      ? '本次操作可能稍后仍会生效；用同一 Idempotency-Key 重试是安全的，不会重复办理'
      : '本次操作可能稍后仍会生效；请求未带 Idempotency-Key，重试前请先查看对象当前状态，以免重复办理',
  };
}

export function temporalUnavailable(): ServiceUnavailableException {
  return CommonErrors.error('TEMPORAL_UNAVAILABLE', undefined, retryAdvice());
}

export function workerUnavailable(waitSeconds: number): ServiceUnavailableException {
  return CommonErrors.error(
    'WORKER_UNAVAILABLE',
    `流程处理服务在 ${waitSeconds} 秒内未接手本次操作（可能未运行或过忙），请稍后重试`,
    { waitSeconds, ...retryAdvice() },
  );
}

const PROBE_FAILED = Symbol('temporal probe failed');

/**
 * The one bounded wait on a workflow that every command path uses (updates, update-with-start,
 * bulk steps). `call` runs under a gRPC deadline of `waitSeconds` and an abort signal:
 * - Temporal unreachable: `TEMPORAL_UNAVAILABLE` (503), within about two seconds: after one second
 *   without an answer the frontend is probed with a one-second deadline, and a failed probe
 *   aborts the call;
 * - the frontend answers but no worker completed the update in time: `WORKER_UNAVAILABLE` (503),
 *   saying the step may still apply when a worker takes it and whether a retry with the same
 *   Idempotency-Key is safe.
 * An update's result is returned only once the workflow task that ran its handler completed
 * (Temporal's COMPLETED stage), so a 2xx never answers a step the server did not durably accept.
 */
export async function boundedWorkflowCall<T>(
  client: Pick<Client, 'connection'>,
  waitSeconds: number,
  call: () => Promise<T>,
): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const probe = new Promise<typeof PROBE_FAILED | undefined>((resolve) => {
    timer = setTimeout(() => {
      void temporalAnswers(client).then((up) => {
        if (up) return resolve(undefined);
        abort.abort();
        resolve(PROBE_FAILED);
      });
    }, PROBE_AFTER_MS);
    timer.unref();
  });
  const run = client.connection.withAbortSignal(abort.signal, () =>
    client.connection.withDeadline(Date.now() + waitSeconds * 1000, call),
  );
  try {
    const outcome = await Promise.race<T | typeof PROBE_FAILED>([
      run,
      probe.then<T | typeof PROBE_FAILED>((p) => (p === PROBE_FAILED ? p : run)),
    ]);
    if (outcome === PROBE_FAILED) throw temporalUnavailable();
    return outcome;
  } catch (error) {
    if (error instanceof ServiceUnavailableException) throw error;
    if (isTemporalUnreachable(error)) throw temporalUnavailable();
    if (isWaitExceeded(error)) {
      if (abort.signal.aborted || !(await temporalAnswers(client))) throw temporalUnavailable();
      throw workerUnavailable(waitSeconds);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    // The race's loser must not surface as an unhandled rejection.
    run.catch(() => undefined);
  }
}

/**
 * Sends a command update to a workflow and waits for its result, bounded (`boundedWorkflowCall`).
 * The update id comes from the request's Idempotency-Key (`commandUpdateId`), so a retry after a
 * `WORKER_UNAVAILABLE` joins the same update instead of sending another.
 */
export function executeCommandUpdate<Ret, Arg>(
  client: Client,
  waitSeconds: number,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  args: [Arg],
): Promise<Ret> {
  const updateId = commandUpdateId(workflowId);
  return boundedWorkflowCall(client, waitSeconds, () =>
    client.workflow.getHandle(workflowId).executeUpdate(update, { args, updateId }),
  );
}
