import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { campaignTaskWorkflowId, taskCommandUpdate } from '../../libs/contracts/src/campaign/campaign';
import { CampaignTaskQueries } from '../../libs/database/src/campaign/campaign-task.queries';
import type { TaskCommand } from '../../libs/domain/src/campaign/campaign-task';
import { taskNotWorkable, taskStepRefusal } from '../../libs/domain/src/campaign/task-access';
import type { TaskFilter } from '../../libs/domain/src/campaign/task-filter';
import { callerOf, sendStep, type BatchKindHandler } from './batch-kind';

/**
 * `campaign-task-step`: one step on the tasks of a campaign that the battle map's task filter
 * matches (sub-tasks and tasks without sub-tasks: a group is worked on through its sub-tasks).
 */
export function taskBatch(dataSource: DataSource, client: Client): BatchKindHandler {
  return {
    async resolve(manager, batch) {
      const filter = batch.filter as TaskFilter & { campaign: string };
      const caller = callerOf(batch);
      const stepType = (batch.step as TaskCommand).type;
      const matching = await new CampaignTaskQueries(manager).matching(filter.campaign, filter, caller);
      return matching.map(({ task, scope }) => ({
        objectId: task.key,
        label: `${task.key} ${task.name}`,
        refusal: taskStepRefusal(caller, scope, stepType),
      }));
    },

    async apply(batch, item) {
      const campaignId = (batch.filter as { campaign: string }).campaign;
      const { campaign, task } = await new CampaignTaskQueries(dataSource.manager).campaignAndTask(
        campaignId,
        item.objectId,
      );
      const refusal = taskNotWorkable(campaign, task);
      if (refusal) return refusal;
      return sendStep(
        client,
        batch,
        item.objectId,
        task.workflowId ?? campaignTaskWorkflowId(campaignId, task.key),
        taskCommandUpdate,
      );
    },
  };
}
