import { CampaignPlanVersion } from '../../../../libs/database/src/campaign/campaign-plan-version.entity';
import { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import { CAMPAIGN_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-process';
import { TASK_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-task';
import { deadlineDateOf } from '../common/deadline-date';
import type {
  CampaignView,
  PlanVersionSummaryView,
  TaskSummaryView,
  WindowView,
} from './dto/campaign-view.dto';

/** A campaign row as the API shows it (lists and the head of a detail): ISO times, status label. */
export function campaignView(campaign: Campaign): CampaignView {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
    planVersion: campaign.planVersion,
    window: windowView(campaign.windowStart, campaign.windowEnd),
    createdBy: campaign.createdBy,
    createdAt: campaign.createdAt.toISOString(),
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    launchedBy: campaign.launchedBy,
    pledgeDeadline: campaign.pledgeDeadline?.toISOString() ?? null,
    pledgeDeadlineDate: deadlineDateOf(campaign.pledgeDeadline),
    pausedSince: campaign.pausedSince?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
  };
}

/** A campaign's window: ISO instants, and the day its end was written as when it is a whole day. */
export function windowView(start: Date, end: Date): WindowView {
  return { start: start.toISOString(), end: end.toISOString(), endDate: deadlineDateOf(end) };
}

/** A task row as a campaign's detail lists it. */
export function taskSummary(task: CampaignTask): TaskSummaryView {
  return {
    key: task.key,
    parentKey: task.parentKey,
    order: task.ord,
    name: task.name,
    lead: task.leadUnit,
    cooperating: task.cooperatingUnits,
    isGroup: task.isGroup,
    dependsOn: task.dependsOn,
    status: task.status,
    statusLabel: TASK_STATUS_LABELS[task.status] ?? task.status,
    deadline: task.deadline.toISOString(),
    deadlineDate: deadlineDateOf(task.deadline),
    originalDeadline: task.originalDeadline.toISOString(),
    originalDeadlineDate: deadlineDateOf(task.originalDeadline),
    target:
      task.targetQuantity === null ? null : { quantity: task.targetQuantity, unit: task.targetUnit ?? '' },
    quantityDone: task.quantityDone,
    percentDone: task.percentDone,
    escalationLevel: task.escalationLevel,
    behindPace: task.behindPace,
    submittedAt: task.submittedAt?.toISOString() ?? null,
    acceptedAt: task.acceptedAt?.toISOString() ?? null,
    closedAt: task.closedAt?.toISOString() ?? null,
    version: task.version,
  };
}

/**
 * Rows of a stored final report or bulletin, with the day as written beside each deadline: the
 * ones frozen before `deadlineDate` existed get it from their deadline, the same value.
 */
export function withDeadlineDates<T extends { deadline: string }>(
  rows: T[],
): Array<T & { deadlineDate: string | null }> {
  return rows.map((row) => ({ ...row, deadlineDate: deadlineDateOf(row.deadline) }));
}

/** A stored plan version; `current` is the version the campaign runs (or will launch). */
export function versionSummary(version: CampaignPlanVersion, current: number): PlanVersionSummaryView {
  return {
    version: version.version,
    name: version.resolved.name,
    tasks: version.resolved.tasks.length,
    reason: version.reason,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    appliedAt: version.appliedAt?.toISOString() ?? null,
    current: version.version === current,
  };
}
