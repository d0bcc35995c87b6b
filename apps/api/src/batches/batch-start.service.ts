import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { batchWorkflowId } from '../../../../libs/contracts/src/batch/batch';
import { BatchQueries } from '../../../../libs/database/src/batch/batch.queries';
import type { Batch } from '../../../../libs/database/src/batch/batch.entity';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import type { TaskCommand } from '../../../../libs/domain/src/campaign/campaign-task';
import type { ItemCommand } from '../../../../libs/domain/src/rectification/item-process';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { batchWorkflow } from '../../../../workflows/batch/batch.workflow';
import { auditActor, CurrentUser } from '../access/current-user';
import { commandObjectId } from '../common/idempotency/idempotency-context';
import { fieldInvalid } from '../common/validation-failed';
import { stepCommand } from '../housing/household-step-command';
import { BatchFilterCheck } from './batch-filter-check.service';
import { BatchProgressService } from './batch-progress.service';
import type {
  BatchBody,
  BatchView,
  HouseholdBatchFilter,
  ItemBatchFilter,
  ItemBatchStep,
  TaskBatchFilter,
  TaskBatchStep,
} from './dto/batch.dto';

/**
 * Starting a batch: its filter and step are checked, the batch is recorded, and its workflow
 * started, which freezes the matches and applies the step to each (batch.activities.ts).
 */
@Injectable()
export class BatchStartService {
  constructor(
    private readonly batches: BatchQueries,
    private readonly users: UserQueries,
    private readonly check: BatchFilterCheck,
    private readonly progress: BatchProgressService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
  ) {}

  /** The step each object gets, as its single route would send it, after the kind's filter is checked. */
  private async command(caller: CurrentUser, body: BatchBody): Promise<Batch['step']> {
    if (body.kind === 'rectification-step') {
      await this.check.itemUnitPath(caller, body.filter as ItemBatchFilter);
      return this.itemCommand(body.step as ItemBatchStep);
    }
    if (body.kind === 'campaign-task-step') {
      await this.check.checkTaskFilter(caller, body.filter as TaskBatchFilter);
      const step = body.step as TaskBatchStep;
      return step.type === 'extend'
        ? { type: 'extend', deadline: deadlineInstant(step.deadline!).toISOString(), reason: step.reason! }
        : ({ type: 'accept', note: step.note! } satisfies TaskCommand);
    }
    await this.check.programmeFor(caller, body.filter as HouseholdBatchFilter);
    return stepCommand(body.step);
  }

  private async itemCommand(step: ItemBatchStep): Promise<ItemCommand> {
    switch (step.type) {
      case 'record-progress':
        return { type: 'record-progress', note: step.note! };
      case 'pause':
      case 'resume':
        return { type: step.type, reason: step.reason! };
      case 'decide-extension':
        return { type: 'decide-extension', approve: step.approve!, reason: step.reason! };
      case 'reassign': {
        const person = step.personId ? await this.users.byId(step.personId) : null;
        if (!person?.active) throw fieldInvalid('step.personId', '须为在岗人员', '新责任人须为在岗人员');
        return {
          type: 'reassign',
          personId: person.id,
          personName: person.displayName,
          reason: step.reason!,
        };
      }
    }
  }

  /**
   * Records the batch, then starts its workflow (which reads the row, so it is committed first). If
   * Temporal is unreachable the answer is 503 and the row waits unstarted; a retry with the same
   * Idempotency-Key derives the same id, finds the row and starts the workflow once.
   */
  async start(caller: CurrentUser, body: BatchBody): Promise<BatchView> {
    const command = await this.command(caller, body);
    const id = commandObjectId('batch') ?? randomUUID();
    await this.batches.recordOnce({
      id,
      kind: body.kind,
      filter: { ...body.filter },
      step: command,
      caller: {
        userId: caller.id,
        unitCode: caller.unitCode,
        unitPath: caller.unitPath,
        roles: caller.roles,
        actor: auditActor(caller),
      },
      createdBy: caller.id,
      status: 'resolving',
      total: null,
      finishedAt: null,
    });
    try {
      await this.temporal.workflow.start<typeof batchWorkflow>('batchWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: batchWorkflowId(id),
        args: [{ batchId: id }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return this.progress.progress(caller, id, { page: 1, pageSize: 50 });
  }
}
