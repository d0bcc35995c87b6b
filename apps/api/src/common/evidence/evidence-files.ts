import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Repository, type ObjectLiteral } from 'typeorm';
import {
  EvidenceFileQueries,
  type EvidenceTable,
} from '../../../../../libs/database/src/platform/evidence-file.queries';
import { CommonErrors } from '../errors/common.errors';
import { acceptEvidence, type UploadedEvidence } from '../evidence-rules';
import { commandObjectId } from '../idempotency/idempotency-context';
import { storeEvidenceThenSend, type AttachEvidenceStep } from '../store-then-send';

/**
 * Evidence acceptance, storage and download, the same for every process that keeps files
 * (rectification items, households, campaign tasks); each process says only where its files live
 * and how its step is sent.
 */

/**
 * A process's evidence table: `evidenceFiles.of(Entity)` (EvidenceFileQueries, injected). A
 * TypeORM repository is still taken while the services move their SQL into query classes.
 */
export type EvidenceFiles<E extends ObjectLiteral> = EvidenceTable<E> | Repository<E>;

const tableOf = <E extends ObjectLiteral>(files: EvidenceFiles<E>): EvidenceTable<E> =>
  files instanceof Repository ? new EvidenceFileQueries(files.manager).of<E>(files.target) : files;

/**
 * Checks an uploaded file (acceptEvidence), stores it for its owner under an id that a keyed retry
 * of the same command reuses, and sends the `attach-evidence` step naming it: the file is removed
 * if the step is refused (storeEvidenceThenSend).
 */
export async function receiveEvidence<E extends ObjectLiteral>(options: {
  files: EvidenceFiles<E>;
  /** The owner's id (item, household): the idempotent command's evidence id is derived from it. */
  ownerId: string;
  /** The owner's columns on the file, as the entity names them (`{ itemId }`, `{ householdId }`). */
  owner: Record<string, string>;
  file: UploadedEvidence | undefined;
  uploadedBy: string;
  send: (step: AttachEvidenceStep) => Promise<unknown>;
}): Promise<void> {
  const evidence = acceptEvidence(options.file);
  await storeEvidenceThenSend({
    files: tableOf(options.files),
    owner: options.owner,
    evidenceId: commandObjectId(`evidence:${options.ownerId}`) ?? randomUUID(),
    evidence,
    uploadedBy: options.uploadedBy,
    send: options.send,
  });
}

/**
 * One evidence file with its content, found by id among its owner's files (`owner` maps the
 * table's owner columns to their values), or 404 EVIDENCE_NOT_FOUND.
 */
export async function evidenceWithContent<E extends ObjectLiteral>(
  files: EvidenceFiles<E>,
  evidenceId: string,
  owner: Record<string, string>,
): Promise<E> {
  const file = await tableOf(files).withContent(evidenceId, owner);
  if (!file) throw CommonErrors.error('EVIDENCE_NOT_FOUND');
  return file;
}

/** Sends a stored evidence file as a download: its type, UTF-8 name and SHA-256 in the headers. */
export function sendEvidence(
  response: FastifyReply,
  file: { mediaType: string; fileName: string; sha256: string; content: Buffer },
): void {
  void response
    .type(file.mediaType)
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('X-Content-SHA256', file.sha256)
    .send(file.content);
}
