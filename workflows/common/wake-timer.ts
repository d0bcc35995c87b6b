import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { workflowNow } from './workflow-time';

/** The patch after which a workflow keeps its wake-up timer across changes (`WakeTimer`). */
export const KEEP_WAKE_TIMER = 'keep-wake-timer-until-due-sooner';

/**
 * One durable timer that a workflow's loop keeps from one change to the next. It is armed again
 * only when the loop must wake sooner than it rings; a change that moves the next wake-up later
 * (a household's step moves its stall deadline) leaves it as it is, instead of cancelling it and
 * starting another (two history events, a timer task on the server and a cancellation in the
 * worker for every step). It then rings at the earlier time; the loop finds nothing due yet and
 * waits again, for the later time.
 */
export class WakeTimer {
  private armed?: { at: number; rang: boolean; scope: CancellationScope };

  /**
   * Waits until the timer rings (at `at`, or earlier if it was armed earlier) or `changed()` holds.
   * Answers whether it was the change.
   */
  async wait(at: number, changed: () => boolean): Promise<boolean> {
    if (!this.armed || this.armed.rang || this.armed.at > at) this.arm(at);
    const armed = this.armed!;
    await condition(() => changed() || armed.rang);
    return changed();
  }

  private arm(at: number): void {
    this.armed?.scope.cancel();
    const armed = { at, rang: false, scope: new CancellationScope() };
    this.armed = armed;
    armed.scope
      .run(() => sleep(at - workflowNow().getTime()))
      .then(
        () => (armed.rang = true),
        () => undefined, // cancelled: a sooner timer took its place
      );
  }
}
