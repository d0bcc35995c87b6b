import type { ChildProcess } from 'node:child_process';
import { stopChild } from './temporal-dev-server';

/** How a supervised process is restarted: 1 s, 2 s, 4 s … capped; the count resets after a minute up. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A process that ran this long before exiting counts as healthy: its next restart waits `initialMs` again. */
  resetAfterMs: number;
}

export const RESTART_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

/** The wait before the `failures`-th restart in a row (1-based): initial × 2^(failures−1), capped. */
export function restartDelayMs(failures: number, policy: BackoffPolicy = RESTART_BACKOFF): number {
  const exponent = Math.max(0, failures - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min keeps the cap.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
}

/**
 * After an exit: how many failures in a row this makes (reset when the process had been up for
 * `resetAfterMs`) and how long to wait before starting it again.
 */
export function afterExit(
  previousFailures: number,
  upMs: number,
  policy: BackoffPolicy = RESTART_BACKOFF,
): { failures: number; delayMs: number } {
  const failures = (upMs >= policy.resetAfterMs ? 0 : previousFailures) + 1;
  return { failures, delayMs: restartDelayMs(failures, policy) };
}

export interface Supervised {
  /** The running child, undefined while waiting to restart. */
  current(): ChildProcess | undefined;
  /** Restarts so far. */
  restarts(): number;
  /** Stops the child (SIGTERM, then SIGKILL after `graceMs`) and restarts no more. */
  stop(): Promise<void>;
}

/**
 * Keeps a child process running: when it exits (crash, kill -9, a fatal error) it is started again
 * after `afterExit`'s back-off, and each exit and restart is logged. Only `stop()` ends it.
 */
export function supervise(options: {
  name: string;
  start: () => ChildProcess;
  log: (message: string) => void;
  policy?: BackoffPolicy;
  graceMs?: number;
}): Supervised {
  const policy = options.policy ?? RESTART_BACKOFF;
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let failures = 0;
  let restarts = 0;

  const launch = () => {
    timer = undefined;
    const startedAt = Date.now();
    const started = options.start();
    child = started;
    exited = new Promise((resolve) => started.once('exit', resolve));
    started.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      const next = afterExit(failures, Date.now() - startedAt, policy);
      failures = next.failures;
      options.log(
        `${options.name} exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${next.delayMs / 1000} s` +
          (failures > 1 ? ` (${failures} failures in a row)` : ''),
      );
      timer = setTimeout(() => {
        restarts++;
        options.log(`restarting ${options.name}`);
        launch();
      }, next.delayMs);
    });
  };
  launch();

  return {
    current: () => child,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (child) await stopChild(child, exited, options.graceMs ?? 20_000);
    },
  };
}
