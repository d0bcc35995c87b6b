import { canReachUnit, readsAcrossUnits } from '../../../../libs/domain/src/access/unit-reach';
import {
  leadsTask,
  maySeeTask,
  mayWorkOnTask,
  NOT_LEAD_UNIT,
  NOT_YOUR_TASK,
  type TaskScope,
} from '../../../../libs/domain/src/campaign/task-access';
import type { CurrentUser } from '../access/current-user';
import { CampaignErrors } from './campaign.errors';

/**
 * Per-object rules for campaigns (the task rules are libs/domain task-access). The cross-unit roles
 * see every campaign; a department sees a campaign that names its unit (or a unit below it) as lead
 * or cooperating unit.
 */
export type { TaskScope };
export { maySeeTask };

/** Whether the caller may see a campaign naming units at these paths. */
export function maySeeCampaign(caller: CurrentUser, namedUnitPaths: string[]): boolean {
  return readsAcrossUnits(caller) || namedUnitPaths.some((path) => canReachUnit(caller, path));
}

/** Reports progress and uploads evidence: a department of the lead or a cooperating unit. */
export function assertMayWorkOn(caller: CurrentUser, task: TaskScope): void {
  if (!mayWorkOnTask(caller, task)) throw CampaignErrors.error(NOT_YOUR_TASK.code, NOT_YOUR_TASK.message);
}

/** Submits the task as complete: a department of the lead unit only. */
export function assertLeads(caller: CurrentUser, task: TaskScope): void {
  if (!leadsTask(caller, task)) throw CampaignErrors.error(NOT_LEAD_UNIT.code, NOT_LEAD_UNIT.message);
}

/** Reading a task of another unit's: refused (the plan names it, so its existence is no secret). */
export function assertMaySeeTask(caller: CurrentUser, task: TaskScope): void {
  if (!maySeeTask(caller, task)) throw CampaignErrors.error('NOT_YOUR_TASK', '无权查看其他单位的任务');
}
