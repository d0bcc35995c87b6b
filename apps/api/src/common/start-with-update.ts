import { ServiceUnavailableException } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowStartOptions,
} from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';
import { CommonErrors } from './errors/common.errors';
import { boundedWorkflowCall } from './workflow-wait';

export type StartWithUpdateOptions<W extends Workflow> = WorkflowStartOptions<W> & {
  workflowType: string;
  /** The request's update id (`commandUpdateId`): a retry with the same key waits on the same update. */
  updateId?: string;
  /** How long to wait for a worker to take the start and answer the update. */
  waitSeconds: number;
};

export type StartWithUpdateOutcome<Ret> = { done: true; result: Ret } | { done: false };

/**
 * Starts the workflow (or joins the one running under that id: USE_EXISTING) and sends it the
 * update in one call (update-with-start), then waits for the update's result, bounded: when no
 * worker takes it in time the workflow is started all the same and `{ done: false }` tells the
 * caller to answer "accepted, pending". A retry with the same update id waits on the same update
 * instead of sending another.
 */
const codeOf = (error: ServiceUnavailableException) => (error.getResponse() as { code?: string }).code;

export async function startWithUpdate<W extends Workflow, Ret>(
  client: Client,
  update: UpdateDefinition<Ret, []>,
  options: StartWithUpdateOptions<W>,
): Promise<StartWithUpdateOutcome<Ret>> {
  const { workflowType, updateId, waitSeconds, ...start } = options;
  const startWorkflowOperation = new WithStartWorkflowOperation<W>(workflowType, {
    ...(start as WorkflowStartOptions<W>),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  try {
    const result = await boundedWorkflowCall(client, waitSeconds, () =>
      client.workflow.executeUpdateWithStart(update, { args: [], updateId, startWorkflowOperation }),
    );
    return { done: true, result };
  } catch (error) {
    // Temporal down is answered as such; only a worker that did not answer in time goes on below.
    if (!(
      error instanceof ServiceUnavailableException && codeOf(error) === CommonErrors.codes.WORKER_UNAVAILABLE
    ))
      throw error;
  }
  // The bound passed: the start is one request, so the workflow runs unless it never reached the server.
  try {
    await client.workflow.getHandle(options.workflowId).describe();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    throw CommonErrors.error('WORKFLOW_SERVICE_UNAVAILABLE');
  }
  return { done: false };
}
