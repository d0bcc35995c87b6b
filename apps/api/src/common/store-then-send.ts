import { HttpException } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ObjectLiteral } from 'typeorm';
import type { EvidenceTable } from '../../../../libs/database/src/platform/evidence-file.queries';

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

/** The step that names a stored evidence file (the same shape in every workflow that takes one). */
export interface AttachEvidenceStep {
  type: 'attach-evidence';
  evidenceId: string;
  fileName: string;
  sha256: string;
}

/**
 * Stores an accepted evidence file for its owner (`{ itemId }`, `{ householdId }`) under
 * `evidenceId`, once (a keyed retry inserts nothing), then sends the step naming it
 * (`storeThenSend`: removed if refused, kept if the outcome is unknown).
 */
export async function storeEvidenceThenSend<E extends ObjectLiteral>(options: {
  files: EvidenceTable<E>;
  owner: Record<string, string>;
  evidenceId: string;
  evidence: { fileName: string; mediaType: string; sha256: string; content: Buffer };
  uploadedBy: string;
  send: (step: AttachEvidenceStep) => Promise<unknown>;
}): Promise<void> {
  const { files, owner, evidenceId, evidence } = options;
  await storeThenSend({
    store: () => files.storeOnce(owner, { id: evidenceId, ...evidence, uploadedBy: options.uploadedBy }),
    send: () =>
      options.send({
        type: 'attach-evidence',
        evidenceId,
        fileName: evidence.fileName,
        sha256: evidence.sha256,
      }),
    discard: () => files.remove(evidenceId, owner),
  });
}
