import { formatCst } from '../time/china-time';
import type { PlanProblem, ResolvedPlan, ResolvedTask } from './campaign-plan';

export interface PlanChange {
  /** Tasks in the new version only (started as new task workflows). */
  added: ResolvedTask[];
  /** Tasks whose name, units, deadline, target, measure, pace or dependencies changed. */
  revised: ResolvedTask[];
  /** Why the new version cannot apply to a running campaign (a task removed, a task turned into a group or back, window start moved): empty when it can. */
  problems: PlanProblem[];
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a task's resolved fields differ between versions (its position in the plan aside). */
function differs(before: ResolvedTask, after: ResolvedTask): boolean {
  return (
    before.name !== after.name ||
    before.parentKey !== after.parentKey ||
    before.isGroup !== after.isGroup ||
    before.lead !== after.lead ||
    !sameList(before.cooperating, after.cooperating) ||
    Date.parse(before.deadline) !== Date.parse(after.deadline) ||
    !sameJson(before.target, after.target) ||
    !sameJson(before.measure, after.measure) ||
    !sameJson(before.pace, after.pace) ||
    !sameList(before.dependsOn, after.dependsOn)
  );
}

/** What a new plan version changes in a launched campaign, and whether it may. */
export function planChange(current: ResolvedPlan, next: ResolvedPlan): PlanChange {
  const before = new Map(current.tasks.map((task) => [task.key, task]));
  const after = new Set(next.tasks.map((task) => task.key));
  const added: ResolvedTask[] = [];
  const revised: ResolvedTask[] = [];
  const problems: PlanProblem[] = [];

  if (Date.parse(current.window.start) !== Date.parse(next.window.start)) {
    problems.push({
      path: 'window.start',
      problem: `行动已启动，开始时间不能更改（原为 ${formatCst(new Date(current.window.start))}）`,
    });
  }
  for (const task of current.tasks) {
    if (!after.has(task.key)) {
      problems.push({ path: 'tasks', problem: `任务 "${task.key}" 已在推进，新版本不能删除它` });
    }
  }
  for (const task of next.tasks) {
    const old = before.get(task.key);
    if (!old) {
      added.push(task);
      continue;
    }
    if (!old.isGroup && task.isGroup) {
      problems.push({ path: 'tasks', problem: `任务 "${task.key}" 已在推进，不能改为含子任务的任务组` });
    } else if (old.isGroup && !task.isGroup) {
      problems.push({ path: 'tasks', problem: `任务组 "${task.key}" 不能改为没有子任务的单项任务` });
    }
    if (differs(old, task)) revised.push(task);
  }
  return { added, revised, problems };
}
