import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { matchesTaskFilter } from '../../../../../../libs/domain/src/campaign/task-filter';
import type { TaskProgress } from './campaign-queries';

export type TaskSort = 'plan' | 'deadline' | 'level';
export const TASK_STATUSES = ['in-progress', 'submitted', 'accepted'] as const;

/** The battle map's filters and sort, kept in the URL so a link shows the same rows. */
export interface BattleMapFilters {
  /** a unit code: tasks it leads or cooperates on */
  unit: string | null;
  status: string | null;
  /** an escalation level (1 …): tasks at that step */
  level: number | null;
  sort: TaskSort;
}

export function useBattleMapFilters(): [BattleMapFilters, (change: Partial<BattleMapFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<BattleMapFilters>(() => {
    const level = Number(params.get('level'));
    const sort = params.get('sort');
    return {
      unit: params.get('unit') || null,
      status: params.get('status') || null,
      level: Number.isInteger(level) && level > 0 ? level : null,
      sort: sort === 'deadline' || sort === 'level' ? sort : 'plan',
    };
  }, [params]);
  const update = useCallback(
    (change: Partial<BattleMapFilters>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(change)) {
            if (
              value === null ||
              value === undefined ||
              value === '' ||
              (name === 'sort' && value === 'plan')
            )
              next.delete(name);
            else next.set(name, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}

export interface TaskNode extends TaskProgress {
  children?: TaskNode[];
}

function matches(task: TaskProgress, filters: BattleMapFilters): boolean {
  return matchesTaskFilter(
    {
      leadUnit: task.lead.code,
      cooperatingUnits: task.cooperating.map((u) => u.code),
      status: task.status,
      escalationLevel: task.escalationLevel,
    },
    filters,
  );
}

const compare: Record<TaskSort, ((a: TaskProgress, b: TaskProgress) => number) | null> = {
  plan: null,
  deadline: (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
  level: (a, b) => b.escalationLevel - a.escalationLevel,
};

/**
 * The task tree (group → sub-tasks) of the rows that pass the filters: a group stays when it or one
 * of its sub-tasks passes, with the sub-tasks that pass. Each level is sorted on its own (plan
 * order breaks ties: the API sends the tasks in plan order).
 */
export function taskTree(tasks: TaskProgress[], filters: BattleMapFilters): TaskNode[] {
  const order = compare[filters.sort];
  const sorted = (rows: TaskNode[]) => (order ? [...rows].sort(order) : rows);
  const children = new Map<string, TaskNode[]>();
  for (const task of tasks)
    if (task.parentKey !== null && matches(task, filters))
      children.set(task.parentKey, [...(children.get(task.parentKey) ?? []), task]);
  const roots: TaskNode[] = [];
  for (const task of tasks) {
    if (task.parentKey !== null) continue;
    const subs = children.get(task.key);
    if (subs) roots.push({ ...task, children: sorted(subs) });
    else if (matches(task, filters)) roots.push(task);
  }
  return sorted(roots);
}
