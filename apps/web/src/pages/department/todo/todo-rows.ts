import type { components } from '../../../api/schema';
import { daysLeft } from '../../../../../../libs/domain/src/time/deadline-display';
import { daysText } from '../../../shared/deadline';
import { daysTextAsOf } from '../campaign-task/view-values';

type UnitTaskView = components['schemas']['UnitTaskView'];
/** A to-do row as the API sends it (the document types its nullable strings loosely). */
export type UnitTask = Omit<UnitTaskView, 'deadline' | 'escalationLabel'> & {
  deadline: string | null;
  escalationLabel: string | null;
};
export type UnitTaskKind = UnitTask['kind'];

export function unitTasksOf(items: UnitTaskView[]): UnitTask[] {
  return items as unknown as UnitTask[];
}

export const KIND_FILTERS: Array<{ value: UnitTaskKind | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'campaign-task', label: '攻坚任务' },
  { value: 'rectification', label: '整改问题' },
  { value: 'housing', label: '危房改造' },
];

/**
 * The console page where a to-do is done: the API's `link` names the object it reads
 * (`/api/campaigns/<id>/tasks/<key>`, `/api/rectifications/<id>`, `/api/housing/households?…`).
 */
export function workPath(task: UnitTask): string {
  const path = task.link.replace(/^\/api/, '');
  if (path.startsWith('/housing/households')) return path.replace('/housing/households', '/households');
  return path;
}

/** 剩余 N 天 / 逾期 N 天 as of the API's `asOf`, by the one day-counting rule of libs/domain. */
export function taskDaysText(task: UnitTask, asOf: string): string {
  if (!task.deadline) return '';
  if (task.overdue) return daysTextAsOf(task.deadline, asOf);
  // Paused items are not overdue though past their deadline: no count then.
  return daysText(daysLeft(task.deadline, asOf), null);
}
