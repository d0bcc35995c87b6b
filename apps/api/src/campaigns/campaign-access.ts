import { ForbiddenException } from '@nestjs/common';
import { canReachUnit, readsAcrossUnits } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';

/**
 * Per-object rules for campaigns. The cross-unit roles see every campaign; a department sees a
 * campaign that names its unit (or a unit below it) as lead or cooperating unit, and of its tasks
 * those its unit leads or cooperates on, or is above in the unit tree (a township for its
 * villages). Which step is legal now the workflows decide.
 */
export interface TaskScope {
  /** Unit paths of the lead unit and of the cooperating units. */
  leadPath: string;
  cooperatingPaths: string[];
}

const asDepartment = (caller: CurrentUser): CurrentUser => ({ ...caller, roles: ['department'] });
const isDepartment = (caller: CurrentUser) => caller.roles.includes('department');

/** Whether the caller may see a campaign naming units at these paths. */
export function maySeeCampaign(caller: CurrentUser, namedUnitPaths: string[]): boolean {
  return readsAcrossUnits(caller) || namedUnitPaths.some((path) => canReachUnit(caller, path));
}

export function maySeeTask(caller: CurrentUser, task: TaskScope): boolean {
  return (
    readsAcrossUnits(caller) ||
    [task.leadPath, ...task.cooperatingPaths].some((path) => canReachUnit(caller, path))
  );
}

/** Reports progress and uploads evidence: a department of the lead or a cooperating unit. */
export function assertMayWorkOn(caller: CurrentUser, task: TaskScope): void {
  const department = asDepartment(caller);
  if (
    !isDepartment(caller) ||
    ![task.leadPath, ...task.cooperatingPaths].some((path) => canReachUnit(department, path))
  )
    throw new ForbiddenException({ code: 'NOT_YOUR_TASK', message: '无权办理其他单位的任务' });
}

/** Submits the task as complete: a department of the lead unit only. */
export function assertLeads(caller: CurrentUser, task: TaskScope): void {
  if (!isDepartment(caller) || !canReachUnit(asDepartment(caller), task.leadPath))
    throw new ForbiddenException({ code: 'NOT_LEAD_UNIT', message: '只有牵头单位可以报请验收' });
}

/** Reading a task of another unit's: refused (the plan names it, so its existence is no secret). */
export function assertMaySeeTask(caller: CurrentUser, task: TaskScope): void {
  if (!maySeeTask(caller, task))
    throw new ForbiddenException({ code: 'NOT_YOUR_TASK', message: '无权查看其他单位的任务' });
}
