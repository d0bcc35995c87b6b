import { HttpException } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';

/** The workflow (or the check before it) refused the step: it will not apply. */
function isRefusal(error: unknown): boolean {
  if (error instanceof WorkflowUpdateFailedError) return true;
  return error instanceof HttpException && error.getStatus() >= 400 && error.getStatus() < 500;
}

/**
 * A file stored, then named in a step sent to its workflow — with no database transaction open
 * while Temporal answers (a worker that is away would hold a connection and the row's locks for
 * the whole bounded wait). The stored file is removed when the step is refused; it is kept when
 * the outcome is unknown (503: the step may still apply, and a retry with the same Idempotency-Key
 * stores it under the same id and joins the same update).
 */
export async function storeThenSend(steps: {
  store: () => Promise<void>;
  send: () => Promise<unknown>;
  discard: () => Promise<void>;
}): Promise<void> {
  await steps.store();
  try {
    await steps.send();
  } catch (error) {
    if (isRefusal(error)) await steps.discard();
    throw error;
  }
}
