/**
 * The current time inside workflow code. Temporal's sandbox replaces `Date` so that it returns the
 * time of the current workflow task, the same on every replay: this is Temporal's deterministic
 * clock, not the machine's. All workflow code reads time through here.
 */
export function workflowNow(): Date {
  return new Date(Date.now());
}

export function workflowNowIso(): string {
  return workflowNow().toISOString();
}
