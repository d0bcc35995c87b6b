import type { WorkflowHandle } from '@temporalio/client';

/** Activities and workflow tasks of a workflow that are scheduled and not finished (0: idle). */
export async function busy(handle: WorkflowHandle): Promise<number> {
  const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
  let workflowTasks = 0;
  for (const event of history.events ?? []) {
    if (event.workflowTaskScheduledEventAttributes) workflowTasks++;
    if (
      event.workflowTaskCompletedEventAttributes ||
      event.workflowTaskFailedEventAttributes ||
      event.workflowTaskTimedOutEventAttributes
    )
      workflowTasks--;
  }
  return workflowTasks + (description.raw.pendingActivities?.length ?? 0);
}
