import type { HttpException } from '@nestjs/common';
import type {
  CampaignPlanDocument,
  PlanProblem,
  TaskSpec,
} from '../../../../libs/domain/src/campaign/campaign-plan';
import { CampaignErrors } from './campaign.errors';

/** Every problem of a plan, each with its path in the document. */
export function planInvalid(
  problems: PlanProblem[],
  code: 'PLAN_INVALID' | 'PLAN_CHANGE_REFUSED' = 'PLAN_INVALID',
): HttpException {
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.path || '计划'}：${p.problem}`)
    .join('；');
  const what = code === 'PLAN_INVALID' ? '计划有误' : '新版本计划不能用于已启动的行动';
  return CampaignErrors.error(
    code,
    `${what}（${problems.length} 处）：${shown}${problems.length > 3 ? '……' : ''}`,
    problems,
  );
}

export const isValidPlan = (_document: unknown, problems: PlanProblem[]): _document is CampaignPlanDocument =>
  problems.length === 0;

/** The document with one more task: at the end of the plan, or as the last sub-task of `parentKey`. */
export function withTask(
  document: CampaignPlanDocument,
  task: unknown,
  parentKey?: string,
): { document: unknown; found: boolean } {
  if (parentKey === undefined)
    return { document: { ...document, tasks: [...document.tasks, task] }, found: true };
  let found = false;
  const visit = (tasks: TaskSpec[]): unknown[] =>
    tasks.map((spec) => {
      if (spec.key === parentKey) {
        found = true;
        return { ...spec, subtasks: [...(spec.subtasks ?? []), task] };
      }
      return spec.subtasks ? { ...spec, subtasks: visit(spec.subtasks) } : spec;
    });
  return { document: { ...document, tasks: visit(document.tasks) }, found };
}
