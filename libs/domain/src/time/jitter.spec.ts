import { jitterMs } from './jitter';

describe('jitterMs', () => {
  it('is the same for the same key and stays inside the window', () => {
    expect(jitterMs('household:p1:0001', 3_600_000)).toBe(jitterMs('household:p1:0001', 3_600_000));
    for (let i = 0; i < 1000; i++) {
      const value = jitterMs(`household:p1:${i}`, 60_000);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(60_000);
    }
  });

  it('spreads 10,000 keys over the window: no minute of an hour gets more than twice its share', () => {
    const perMinute = new Array<number>(60).fill(0);
    for (let i = 0; i < 10_000; i++)
      perMinute[Math.floor(jitterMs(`household:p1:${i}`, 3_600_000) / 60_000)]++;
    expect(Math.max(...perMinute)).toBeLessThan((10_000 / 60) * 2);
    expect(Math.min(...perMinute)).toBeGreaterThan(0);
  });

  it('is zero without a window', () => {
    expect(jitterMs('anything', 0)).toBe(0);
  });
});
