import { canReachUnit, departmentReaches, readsAcrossUnits, type UnitActor } from '../access/unit-reach';
import type { TaskCommandType } from './campaign-task';

/**
 * Per-object rules for campaign tasks, as plain functions (the API's task routes and the batch
 * activities decide by these). The cross-unit roles see every task; a department sees the tasks its
 * unit leads or cooperates on, or is above in the unit tree (a township for its villages). Which
 * step is legal now the task workflow decides.
 */
export interface TaskScope {
  /** Unit paths of the lead unit and of the cooperating units. */
  leadPath: string;
  cooperatingPaths: string[];
}

export function maySeeTask(actor: UnitActor, task: TaskScope): boolean {
  return (
    readsAcrossUnits(actor) ||
    [task.leadPath, ...task.cooperatingPaths].some((path) => canReachUnit(actor, path))
  );
}

/** Reports progress and uploads evidence: a department of the lead or a cooperating unit. */
export function mayWorkOnTask(actor: UnitActor, task: TaskScope): boolean {
  return [task.leadPath, ...task.cooperatingPaths].some((path) => departmentReaches(actor, path));
}

/** Submits the task as complete: a department of the lead unit only. */
export function leadsTask(actor: UnitActor, task: TaskScope): boolean {
  return departmentReaches(actor, task.leadPath);
}

export const NOT_YOUR_TASK = { code: 'NOT_YOUR_TASK', message: '无权办理其他单位的任务' } as const;
export const NOT_LEAD_UNIT = { code: 'NOT_LEAD_UNIT', message: '只有牵头单位可以报请验收' } as const;

/** The command center's review of tasks (the single routes are for its role alone). */
const COMMAND_CENTER_STEPS: TaskCommandType[] = ['accept', 'return', 'extend'];

/** Whether the actor may take this step on this task, and if not, the refusal. */
export function taskStepRefusal(
  actor: UnitActor,
  task: TaskScope,
  step: TaskCommandType,
): { code: string; message: string } | null {
  if (step === 'report-progress') return mayWorkOnTask(actor, task) ? null : NOT_YOUR_TASK;
  if (step === 'submit') return leadsTask(actor, task) ? null : NOT_LEAD_UNIT;
  if (COMMAND_CENTER_STEPS.includes(step))
    return actor.roles.includes('command-center')
      ? null
      : { code: 'NOT_COMMAND_CENTER', message: '只有指挥部可以验收、退回或延期任务' };
  if (step === 'leader-decision')
    return actor.roles.includes('leadership')
      ? null
      : { code: 'NOT_LEADERSHIP', message: '只有领导小组可以作出决定' };
  return { code: 'NOT_YOUR_TASK', message: '无权办理该任务' };
}

/** Why no step can be taken on this task now whoever asks (a closed campaign, a group), or null. */
export function taskNotWorkable(
  campaign: { status: string },
  task: { key: string; isGroup: boolean; closedAt: Date | string | null },
): { code: 'CAMPAIGN_CLOSED' | 'GROUP_TASK'; message: string } | null {
  if (campaign.status === 'closed' || task.closedAt !== null)
    return { code: 'CAMPAIGN_CLOSED', message: '攻坚行动已结束，任务不能再办理' };
  if (task.isGroup) return { code: 'GROUP_TASK', message: `任务 ${task.key} 由子任务组成，请在子任务上办理` };
  return null;
}
