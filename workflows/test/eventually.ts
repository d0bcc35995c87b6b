import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eventually as pollUntil } from '../../test/support/eventually';

/** Polls (in real time, without skipping virtual time) until `check` passes; fails after 15 s naming `what`. */
export function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
): Promise<T> {
  return pollUntil(read, check, what, {
    timeoutMs: 15_000,
    intervalMs: 50,
    failure: (last) => `${what} did not happen: ${JSON.stringify(last)}`,
  });
}

/** The refusal an update got: its validator's ApplicationFailure (the test fails if it was accepted). */
export async function refusalOf(update: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
