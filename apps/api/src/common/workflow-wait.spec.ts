import { ServiceUnavailableException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { boundedWorkflowCall } from './workflow-wait';

/** A gRPC service error as @grpc/grpc-js raises it (what the Temporal client's helpers recognise). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

/**
 * A Temporal connection that honours `withDeadline` and `withAbortSignal` like the real one (the
 * call fails with DEADLINE_EXCEEDED or CANCELLED) and whose frontend is up or down.
 */
function fakeClient(frontendUp: boolean): Pick<Client, 'connection'> {
  let deadline: number | undefined;
  let signal: AbortSignal | undefined;
  const connection = {
    withDeadline: async <T>(d: number, fn: () => Promise<T>) => {
      deadline = d;
      return fn();
    },
    withAbortSignal: async <T>(s: AbortSignal, fn: () => Promise<T>) => {
      signal = s;
      return fn();
    },
    workflowService: {
      getSystemInfo: () =>
        frontendUp ? Promise.resolve({}) : Promise.reject(grpcError(14, 'connect ECONNREFUSED')),
    },
  };
  /** A call no worker answers: it ends only by its deadline or its abort signal. */
  const hang = () =>
    new Promise<never>((_, reject) => {
      const d = deadline!;
      const s = signal!;
      const timer = setTimeout(() => reject(grpcError(4, 'Deadline exceeded')), d - Date.now());
      s.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(grpcError(1, 'Cancelled on client'));
      });
    });
  return { connection: Object.assign(connection, { hang }) as unknown as Client['connection'] };
}

const hangOf = (client: Pick<Client, 'connection'>) =>
  (client.connection as unknown as { hang: () => Promise<never> }).hang;

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceUnavailableException);
  return (error as ServiceUnavailableException).getResponse() as {
    code: string;
    details: Record<string, unknown>;
  };
}

describe('boundedWorkflowCall', () => {
  it('returns the result of a call answered in time', async () => {
    await expect(boundedWorkflowCall(fakeClient(true), 5, () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('answers WORKER_UNAVAILABLE at the bound when the frontend answers but nobody takes the step', async () => {
    const client = fakeClient(true);
    const started = Date.now();
    const body = await failure(boundedWorkflowCall(client, 2, hangOf(client)));
    expect(body.code).toBe('WORKER_UNAVAILABLE');
    expect(body.details).toMatchObject({
      waitSeconds: 2,
      mayStillApply: true,
      retryWithSameKeyIsSafe: false,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('answers TEMPORAL_UNAVAILABLE within about two seconds when the frontend does not answer, long before the bound', async () => {
    const client = fakeClient(false);
    const started = Date.now();
    const body = await failure(boundedWorkflowCall(client, 30, hangOf(client)));
    expect(body.code).toBe('TEMPORAL_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers TEMPORAL_UNAVAILABLE at once when the call itself is refused (UNAVAILABLE)', async () => {
    const body = await failure(
      boundedWorkflowCall(fakeClient(false), 30, () =>
        Promise.reject(grpcError(14, 'No connection established')),
      ),
    );
    expect(body.code).toBe('TEMPORAL_UNAVAILABLE');
  });

  it('passes other errors on unchanged', async () => {
    const refusal = new Error('illegal step');
    await expect(boundedWorkflowCall(fakeClient(true), 5, () => Promise.reject(refusal))).rejects.toBe(
      refusal,
    );
  });
});
