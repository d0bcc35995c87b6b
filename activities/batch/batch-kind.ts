import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import { batchUpdateId } from '../../libs/contracts/src/batch/batch';
import type { AuditActor } from '../../libs/database/src/audit/audit-trail';
import type { BatchItem } from '../../libs/database/src/batch/batch-item.entity';
import type { Batch } from '../../libs/database/src/batch/batch.entity';
import type { Role } from '../../libs/domain/src/access/roles';

/** Why one object of a batch was not acted on: a reason code and its Chinese message. */
export interface Refusal {
  code: string;
  message: string;
}

/** One object of the frozen list: what it is known by, and its refusal if the caller may not act on it. */
export interface FrozenObject {
  objectId: string;
  label: string;
  refusal: Refusal | null;
}

/** How one kind of batch finds its objects and takes the step on one of them. */
export interface BatchKindHandler {
  /** The objects the filter matches at the batch's start, in a stable order, each checked for the caller. */
  resolve(manager: EntityManager, batch: Batch): Promise<FrozenObject[]>;
  /** Takes the step on one object: null when applied, else why not. Throws only to be retried. */
  apply(batch: Batch, item: BatchItem): Promise<Refusal | null>;
}

export const callerOf = (batch: Batch) => ({
  ...batch.caller,
  id: batch.caller.userId,
  roles: batch.caller.roles as Role[],
});

/**
 * Sends an object's step through the same update as its single route, with the batch's update id
 * from the batch and the object (a retried chunk or a resumed batch applies nothing twice). A step
 * the workflow refuses, or a workflow that has ended, is this object's result; anything else is
 * thrown to be retried.
 */
export async function sendStep<Ret, Command>(
  client: Client,
  batch: Batch,
  objectId: string,
  workflowId: string,
  update: UpdateDefinition<Ret, [{ command: Command; actor: AuditActor }]>,
): Promise<Refusal | null> {
  try {
    await client.workflow.getHandle(workflowId).executeUpdate(update, {
      args: [{ command: batch.step as Command, actor: batch.caller.actor }],
      updateId: batchUpdateId(batch.id, objectId),
    });
    return null;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
      return { code: error.cause.type ?? 'ILLEGAL_STEP', message: error.cause.message };
    if (error instanceof WorkflowNotFoundError)
      return { code: 'PROCESS_ENDED', message: '该事项的流程已结束，不能再办理' };
    throw error;
  }
}
