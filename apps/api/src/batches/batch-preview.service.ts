import { Injectable } from '@nestjs/common';
import { BatchMatchQueries } from '../../../../libs/database/src/batch/batch-match.queries';
import { CampaignTaskQueries } from '../../../../libs/database/src/campaign/campaign-task.queries';
import type { TaskCommandType } from '../../../../libs/domain/src/campaign/campaign-task';
import { taskStepRefusal } from '../../../../libs/domain/src/campaign/task-access';
import { householdReach, mayTakeHouseholdStep } from '../../../../libs/domain/src/housing/household-access';
import type { HouseholdCommandType } from '../../../../libs/domain/src/housing/household-process';
import { mayTakeItemStep } from '../../../../libs/domain/src/rectification/item-access';
import type { ItemCommandType } from '../../../../libs/domain/src/rectification/item-process';
import type { CurrentUser } from '../access/current-user';
import { BatchFilterCheck } from './batch-filter-check.service';
import type {
  BatchPreview,
  BatchPreviewBody,
  HouseholdBatchFilter,
  ItemBatchFilter,
  TaskBatchFilter,
} from './dto/batch.dto';

/** Before a batch starts: how many objects its filter matches, and how many the caller may take the step on. */
@Injectable()
export class BatchPreviewService {
  constructor(
    private readonly matches: BatchMatchQueries,
    private readonly tasks: CampaignTaskQueries,
    private readonly check: BatchFilterCheck,
  ) {}

  async preview(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    this.check.checkStepType(body.kind, body.stepType);
    if (body.kind === 'rectification-step') return this.previewItems(caller, body);
    if (body.kind === 'campaign-task-step') return this.previewTasks(caller, body);
    const filter = body.filter as HouseholdBatchFilter;
    const programme = await this.check.programmeFor(caller, filter);
    const stepType = body.stepType as HouseholdCommandType | undefined;
    const rows = await this.matches.households(programme, filter, caller, new Date());
    const scope = (h: { villagePath: string }) => ({
      villagePath: h.villagePath,
      housingBureau: programme.housingBureau,
    });
    return {
      matched: rows.length,
      actionable: rows.filter((h) =>
        stepType
          ? mayTakeHouseholdStep(caller, scope(h), stepType)
          : householdReach(caller, scope(h)).length > 0,
      ).length,
    };
  }

  private async previewItems(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    const filter = body.filter as ItemBatchFilter;
    const unitPath = await this.check.itemUnitPath(caller, filter);
    const rows = await this.matches.items({ ...filter, unitPath }, caller, new Date());
    const stepType = body.stepType as ItemCommandType | undefined;
    return {
      matched: rows.length,
      actionable: stepType ? rows.filter((i) => mayTakeItemStep(caller, i, stepType)).length : rows.length,
    };
  }

  private async previewTasks(caller: CurrentUser, body: BatchPreviewBody): Promise<BatchPreview> {
    const filter = body.filter as TaskBatchFilter;
    await this.check.checkTaskFilter(caller, filter);
    const tasks = await this.tasks.matching(filter.campaign, filter, caller);
    const stepType = body.stepType as TaskCommandType | undefined;
    return {
      matched: tasks.length,
      actionable: stepType
        ? tasks.filter(({ scope }) => taskStepRefusal(caller, scope, stepType) === null).length
        : tasks.length,
    };
  }
}
