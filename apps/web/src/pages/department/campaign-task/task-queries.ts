import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { numberOf, objectOf, textOf } from './view-values';

export const taskQueryKey = (campaignId: string, taskKey: string) =>
  ['campaign-task', campaignId, taskKey] as const;

export type TaskDetail = components['schemas']['TaskDetailView'];

export function fetchTask(campaignId: string, taskKey: string): Promise<TaskDetail> {
  return must(
    api.GET('/api/campaigns/{id}/tasks/{key}', { params: { path: { id: campaignId, key: taskKey } } }),
  );
}

/** The loosely typed parts of a task, read as the API sends them. */
export function taskFacts(task: TaskDetail) {
  const target = objectOf<{ quantity: number; unit: string }>(task.target);
  const measure = task.measure as unknown;
  return {
    target,
    quantityDone: numberOf(task.quantityDone),
    percentDone: numberOf(task.percentDone),
    /** Progress numbers come from a ledger or a programme: the unit reports a narrative only. */
    linked: measure !== 'reported',
    linkedTo:
      objectOf<{ ledger?: string }>(measure)?.ledger !== undefined
        ? '整改台账'
        : objectOf<{ programme?: string }>(measure)?.programme !== undefined
          ? '危房改造项目'
          : null,
    lastReturnReason: textOf(task.lastReturnReason),
    closedAt: textOf(task.closedAt),
    extensions: task.extensions as unknown as Array<{ from: string; to: string; reason: string; at: string }>,
  };
}

/** Share done, 0..100, for the progress bar: quantity against target, else the percentage. */
export function shareDone(facts: ReturnType<typeof taskFacts>): number | null {
  if (facts.target && facts.quantityDone !== null && facts.target.quantity > 0)
    return Math.min(100, Math.round((facts.quantityDone / facts.target.quantity) * 1000) / 10);
  return facts.percentDone;
}
