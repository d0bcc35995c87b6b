/**
 * With no webhook configured (NOTIFICATION_WEBHOOK_URL unset) nothing is pushed anywhere: an
 * activity that answers the notifications it wrote (`notificationIds`, which its workflow hands to
 * `deliverNotifications`) answers none, so no workflow schedules a delivery that would do nothing.
 * Each such delivery cost an activity task and a workflow task per notifying change: at a deadline
 * shared by thousands of households, two of every three workflow tasks. The notifications are
 * written as before and read in the console.
 */
export function withNothingToPush<T extends object>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities) as Array<[string, unknown]>)
    wrapped[name] =
      typeof activity === 'function'
        ? async (...args: unknown[]) =>
            withoutNotificationIds(await (activity as (...a: unknown[]) => unknown).apply(activities, args))
        : activity;
  return wrapped as T;
}

function withoutNotificationIds(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'notificationIds' in result)
    return { ...result, notificationIds: [] };
  return result;
}
