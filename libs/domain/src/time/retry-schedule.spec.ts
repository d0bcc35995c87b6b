import { nextTryAt } from './retry-schedule';

describe('nextTryAt', () => {
  const at = new Date('2026-12-01T02:00:00.000Z');
  const policy = { initialIntervalMs: 10_000, backoffCoefficient: 2, maximumIntervalMs: 3_600_000 };

  it('doubles from the initial interval after each failed try', () => {
    expect(nextTryAt(policy, 1, at)?.toISOString()).toBe('2026-12-01T02:00:10.000Z');
    expect(nextTryAt(policy, 2, at)?.toISOString()).toBe('2026-12-01T02:00:20.000Z');
    expect(nextTryAt(policy, 4, at)?.toISOString()).toBe('2026-12-01T02:01:20.000Z');
  });

  it('waits at most the maximum interval, and gives none after the last allowed try', () => {
    expect(nextTryAt(policy, 30, at)?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(nextTryAt({ ...policy, maximumAttempts: 3 }, 3, at)).toBeNull();
    expect(nextTryAt({ ...policy, maximumAttempts: 3 }, 2, at)).not.toBeNull();
  });
});
