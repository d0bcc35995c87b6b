import { patched } from '@temporalio/workflow';

/** The patch that hands undelivered notifications to the next run instead of waiting for them. */
export const HAND_OVER_DELIVERIES = 'hand-over-deliveries-at-continue-as-new';

/**
 * Webhook deliveries that run beside a workflow's process (a receiver that is down must not hold
 * the ladder back). Deliveries are retried without limit, so a workflow never waits for them before
 * continue-as-new: the notifications still undelivered are handed to the next run (its input's
 * `undelivered`), which delivers them again (the activity skips those already delivered and sends
 * each with its id as Idempotency-Key).
 */
export class Deliveries {
  private readonly running: Array<Promise<unknown>> = [];
  private readonly undelivered = new Set<string>();

  constructor(private readonly deliver: (input: { notificationIds: string[] }) => Promise<unknown>) {}

  send(notificationIds: string[]): void {
    if (notificationIds.length === 0) return;
    for (const id of notificationIds) this.undelivered.add(id);
    this.running.push(
      this.deliver({ notificationIds }).then(() => {
        for (const id of notificationIds) this.undelivered.delete(id);
      }),
    );
  }

  /** Every delivery so far (a run that completes delivers before it ends). */
  all(): Promise<unknown> {
    return Promise.all(this.running);
  }

  /**
   * Before continue-as-new: the ids still undelivered, for the next run's input. Runs recorded
   * before the patch waited for every delivery instead (and hand over none).
   */
  async handOver(): Promise<string[]> {
    if (patched(HAND_OVER_DELIVERIES)) return [...this.undelivered].sort();
    await this.all();
    return [];
  }
}
