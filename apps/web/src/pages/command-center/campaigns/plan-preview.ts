import type {
  CampaignPlanDocument,
  ResolvedPlan,
  ResolvedTask,
  WorkingCalendar,
} from '../../../../../../libs/domain/src/campaign/campaign-plan';
import { nextMonthly, nextWeekly } from '../../../../../../libs/domain/src/campaign/campaign-rules';
import { planChange } from '../../../../../../libs/domain/src/campaign/plan-change';
import { resolvePlan } from '../../../../../../libs/domain/src/campaign/plan-resolution';
import { calendarFromRows } from '../../../../../../libs/domain/src/campaign/working-calendar';
import { stepDueAt } from '../../../../../../libs/domain/src/escalation/ladder';

/** One row of the preview: a task's real deadline and the dates its ladder would fire on. */
export interface TaskPreview {
  key: string;
  parentKey: string | null;
  name: string;
  lead: string;
  cooperating: string[];
  deadline: string;
  isGroup: boolean;
  dependsOn: string[];
  ladder: Array<{ level: number; label: string; dueAt: string }>;
}

export interface CadenceEvent {
  kind: '周通报' | '调度会提醒' | '月报提醒';
  dueAt: string;
}

/** A group's progress is its sub-tasks' rollup: it runs no ladder of its own. */
export function taskPreviews(plan: ResolvedPlan): TaskPreview[] {
  return plan.tasks.map((task) => {
    const deadline = new Date(task.deadline);
    return {
      key: task.key,
      parentKey: task.parentKey,
      name: task.name,
      lead: task.lead,
      cooperating: task.cooperating,
      deadline: task.deadline,
      isGroup: task.isGroup,
      dependsOn: task.dependsOn,
      ladder: task.isGroup
        ? []
        : plan.ladder.map((step) => ({
            level: step.level,
            label: step.label,
            dueAt: stepDueAt(step, { basic: deadline, full: deadline }).toISOString(),
          })),
    };
  });
}

/**
 * The bulletins and reminders the campaign's cadence would send within its window, counted from
 * `from` (the launch, or the window's start before launch) with the workflow's own rules.
 */
export function cadenceSchedule(plan: ResolvedPlan, from: string, limit = 60): CadenceEvent[] {
  const end = Date.parse(plan.window.end);
  const events: CadenceEvent[] = [];
  const collect = (kind: CadenceEvent['kind'], next: (after: Date) => Date) => {
    let at = next(new Date(from));
    while (at.getTime() <= end && events.length < limit * 3) {
      events.push({ kind, dueAt: at.toISOString() });
      at = next(at);
    }
  };
  collect('周通报', (after) => nextWeekly(plan.cadence.bulletin, after));
  const meeting = plan.cadence.dispatchMeeting;
  if (meeting) collect('调度会提醒', (after) => nextWeekly(meeting, after));
  const day = plan.cadence.monthlyReportDay;
  if (day) collect('月报提醒', (after) => nextMonthly(day, after));
  return events.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, limit);
}

/** The years a document's window touches (their calendars are needed for working-day deadlines). */
export function windowYears(document: Record<string, unknown>): number[] {
  const window = (document.window ?? {}) as { start?: unknown; end?: unknown };
  const year = (value: unknown) =>
    typeof value === 'string' && /^\d{4}/.test(value) ? Number(value.slice(0, 4)) : null;
  const start = year(window.start);
  const end = year(window.end) ?? start;
  if (start === null || end === null || end < start || end - start > 5) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** The working calendar from GET /api/calendar/:year answers. */
export function calendarOf(
  years: Array<{
    year: number;
    known: boolean;
    holidays: Array<{ date: string }>;
    workdays: Array<{ date: string }>;
  }>,
): WorkingCalendar {
  return calendarFromRows(
    years.filter((y) => y.known).map((y) => y.year),
    years.flatMap((y) => [
      ...y.holidays.map((d) => ({ day: d.date, kind: 'holiday' as const })),
      ...y.workdays.map((d) => ({ day: d.date, kind: 'workday' as const })),
    ]),
  );
}

/** A document resolved as the API would, or null while it is not valid enough to resolve. */
export function resolveOrNull(
  document: Record<string, unknown>,
  calendar: WorkingCalendar,
): ResolvedPlan | null {
  try {
    const plan = resolvePlan(document as unknown as CampaignPlanDocument, calendar);
    return plan.tasks.every((task) => !Number.isNaN(Date.parse(task.deadline))) ? plan : null;
  } catch {
    return null;
  }
}

/** What changes from one resolved version to the next: tasks added and revised (deadline moves named), refusals. */
export interface PlanDifference {
  added: ResolvedTask[];
  revised: Array<{ before: ResolvedTask; after: ResolvedTask; deadlineMoved: boolean; changes: string[] }>;
  problems: Array<{ path: string; problem: string }>;
}

const FIELD_LABELS: Array<[keyof ResolvedTask, string]> = [
  ['name', '名称'],
  ['lead', '牵头单位'],
  ['cooperating', '配合单位'],
  ['deadline', '截止时间'],
  ['target', '目标'],
  ['measure', '计量方式'],
  ['pace', '序时进度'],
  ['dependsOn', '依赖'],
  ['parentKey', '所属任务'],
];

export function planDifference(current: ResolvedPlan, next: ResolvedPlan): PlanDifference {
  const change = planChange(current, next);
  const before = new Map(current.tasks.map((task) => [task.key, task]));
  return {
    added: change.added,
    problems: change.problems,
    revised: change.revised.map((after) => {
      const old = before.get(after.key) as ResolvedTask;
      const changes = FIELD_LABELS.filter(([field]) =>
        field === 'deadline'
          ? Date.parse(old.deadline) !== Date.parse(after.deadline)
          : JSON.stringify(old[field]) !== JSON.stringify(after[field]),
      ).map(([, label]) => label);
      return {
        before: old,
        after,
        deadlineMoved: Date.parse(old.deadline) !== Date.parse(after.deadline),
        changes,
      };
    }),
  };
}
