import { spawn } from 'node:child_process';
import { afterExit, restartDelayMs, supervise } from './supervisor';

describe('restart back-off', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelayMs(n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('counts failures in a row, and starts over after a minute up', () => {
    let failures = 0;
    const delays: number[] = [];
    for (const upMs of [500, 800, 2000, 59_999]) {
      const next = afterExit(failures, upMs);
      failures = next.failures;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(afterExit(failures, 60_000)).toEqual({ failures: 1, delayMs: 1000 });
  });
});

describe('supervise', () => {
  it('starts a killed child again after the back-off, logs it, and restarts no more once stopped', async () => {
    const logs: string[] = [];
    const supervised = supervise({
      name: 'worker',
      start: () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }),
      log: (line) => logs.push(line),
      policy: { initialMs: 200, maxMs: 1000, resetAfterMs: 60_000 },
      graceMs: 2000,
    });
    try {
      const first = supervised.current()!;
      await new Promise((resolve) => first.once('spawn', resolve));
      first.kill('SIGKILL');
      const deadline = Date.now() + 5000;
      while (supervised.restarts() === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const second = supervised.current();
      expect(second?.pid).toBeDefined();
      expect(second?.pid).not.toBe(first.pid);
      expect(logs).toEqual([
        'worker exited unexpectedly (SIGKILL); restarting in 0.2 s',
        'restarting worker',
      ]);
    } finally {
      await supervised.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(supervised.current()).toBeUndefined();
    expect(supervised.restarts()).toBe(1);
  });
});
