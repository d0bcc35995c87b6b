/**
 * The filter of a campaign's task list (the battle map's task table: ?unit=&status=&level=), as one
 * predicate the console's table and the batches over "all tasks that match" both use.
 */
export interface TaskFilter {
  /** A unit code: tasks it leads or cooperates on. */
  unit?: string | null;
  status?: string | null;
  /** An escalation level (1 …): tasks at that step. */
  level?: number | null;
}

export interface FilteredTask {
  leadUnit: string;
  cooperatingUnits: readonly string[];
  status: string;
  escalationLevel: number;
}

export function matchesTaskFilter(task: FilteredTask, filter: TaskFilter): boolean {
  if (filter.unit && task.leadUnit !== filter.unit && !task.cooperatingUnits.includes(filter.unit))
    return false;
  if (filter.status && task.status !== filter.status) return false;
  if (filter.level !== null && filter.level !== undefined && task.escalationLevel !== filter.level)
    return false;
  return true;
}
