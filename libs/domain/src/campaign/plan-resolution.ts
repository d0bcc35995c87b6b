import { cstDate, deadlineInstant } from '../time/china-time';
import { addIsoDuration, parseIsoDuration } from '../time/iso-duration';
import { DEFAULT_CAMPAIGN_LADDER } from './campaign-ladder';
import type {
  CampaignPlanDocument,
  DeadlineSpec,
  MeasureSpec,
  ResolvedGoal,
  ResolvedPlan,
  ResolvedTask,
  TaskSpec,
  WeeklyAt,
  WorkingCalendar,
} from './campaign-plan';
import { addWorkingDays, subtractWorkingDays } from './working-calendar';

const DAY_MS = 86_400_000;

export const DEFAULT_BULLETIN = { weekday: 1, time: '09:00' } as const;
export const DEFAULT_PLEDGE_WITHIN = 'P3D';
export const DEFAULT_PACE_MARGIN = 10;

/** A window bound as an instant: a date alone starts at the beginning of its day (start) or ends at the end of it (end). */
export function windowInstant(value: string, bound: 'start' | 'end'): Date {
  const instant = deadlineInstant(value);
  return bound === 'start' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(instant.getTime() - DAY_MS)
    : instant;
}

/** A deadline spec as an instant, given the campaign window (ISO instants) — 倒排工期 and working days included. */
export function resolveDeadline(
  spec: DeadlineSpec,
  window: { start: string; end: string },
  calendar: WorkingCalendar,
): Date {
  if (typeof spec === 'string') return deadlineInstant(spec);
  if ('beforeEnd' in spec) {
    const duration = parseIsoDuration(spec.beforeEnd);
    return addIsoDuration(new Date(window.end), { ...duration, sign: duration.sign === 1 ? -1 : 1 });
  }
  if ('workingDaysBeforeEnd' in spec) {
    // The window's last CST day: the end instant is exclusive (the end of that day).
    const lastDay = cstDate(new Date(new Date(window.end).getTime() - 1));
    return deadlineInstant(subtractWorkingDays(calendar, lastDay, spec.workingDaysBeforeEnd));
  }
  const firstDay = cstDate(new Date(window.start));
  return deadlineInstant(addWorkingDays(calendar, firstDay, spec.workingDaysAfterStart));
}

/** A valid document (planProblems empty) resolved: instants, inheritance, defaults (ladder, cadence, pledgeWithin P3D, paceMargin 10). */
export function resolvePlan(document: CampaignPlanDocument, calendar: WorkingCalendar): ResolvedPlan {
  const window = {
    start: windowInstant(document.window.start, 'start').toISOString(),
    end: windowInstant(document.window.end, 'end').toISOString(),
  };
  const tasks: ResolvedTask[] = [];
  const resolveTask = (spec: TaskSpec, parent: ResolvedTask | null): void => {
    const subtasks = spec.subtasks ?? [];
    const deadlineSpec = spec.deadline ?? null;
    const task: ResolvedTask = {
      key: spec.key,
      parentKey: parent?.key ?? null,
      order: tasks.length,
      name: spec.name,
      lead: spec.lead ?? parent?.lead ?? '',
      cooperating: [...(spec.cooperating ?? parent?.cooperating ?? [])],
      deadline:
        deadlineSpec !== null
          ? resolveDeadline(deadlineSpec, window, calendar).toISOString()
          : (parent?.deadline ?? ''),
      target: spec.target ? { quantity: spec.target.quantity, unit: spec.target.unit } : null,
      measure: copyMeasure(spec.measure ?? 'reported'),
      pace: spec.pace ? spec.pace.map((p) => ({ time: p.time, share: p.share })) : null,
      dependsOn: [...(spec.dependsOn ?? [])],
      isGroup: subtasks.length > 0,
    };
    tasks.push(task);
    for (const sub of subtasks) resolveTask(sub, task);
  };
  for (const spec of document.tasks) resolveTask(spec, null);

  const goals: ResolvedGoal[] = (document.goals ?? []).map((goal) => ({
    key: goal.key,
    name: goal.name,
    target: goal.target,
    unit: goal.unit,
    tasks: [...goal.tasks],
    aggregate: goal.aggregate ?? 'mean-percent',
  }));
  const cadence = document.cadence ?? {};
  return {
    name: document.name,
    window,
    goals,
    tasks,
    cadence: {
      bulletin: copyWeekly(cadence.bulletin ?? DEFAULT_BULLETIN),
      dispatchMeeting: cadence.dispatchMeeting ? copyWeekly(cadence.dispatchMeeting) : null,
      monthlyReportDay: cadence.monthlyReportDay ?? null,
    },
    ladder: (document.ladder ?? DEFAULT_CAMPAIGN_LADDER).map((step) => ({
      ...step,
      audience: [...step.audience],
      notice: { ...step.notice },
    })),
    pledgeWithin: document.pledgeWithin ?? DEFAULT_PLEDGE_WITHIN,
    paceMargin: document.paceMargin ?? DEFAULT_PACE_MARGIN,
  };
}

// Copies, so a resolved plan shares nothing with its document or the defaults.
function copyMeasure(measure: MeasureSpec): MeasureSpec {
  if (typeof measure === 'string') return measure;
  return 'ledger' in measure ? { ledger: measure.ledger } : { programme: measure.programme };
}

function copyWeekly(at: WeeklyAt): WeeklyAt {
  return { weekday: at.weekday, time: at.time };
}
