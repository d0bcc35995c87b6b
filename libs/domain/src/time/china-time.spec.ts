import {
  cstDate,
  cstDayStart,
  cstMonthRange,
  deadlineInstant,
  formatCst,
  nextMondayMorningCst,
  nextDailyCst,
  nextWeeklyCst,
  nextMonthlyCst,
  startsCstDay,
  endOfCstDayAfter,
} from './china-time';

describe('China Standard Time rules', () => {
  it('reads a date alone as the end of that day in CST', () => {
    // "6月底前" in seed 001: before 1 July 00:00 CST
    expect(deadlineInstant('2019-06-30').toISOString()).toBe('2019-06-30T16:00:00.000Z');
    expect(deadlineInstant('2019-12-31').toISOString()).toBe('2019-12-31T16:00:00.000Z');
    expect(deadlineInstant('2020-02-29').toISOString()).toBe('2020-02-29T16:00:00.000Z');
  });

  it('keeps a full instant as given', () => {
    expect(deadlineInstant('2019-06-30T12:00:00+08:00').toISOString()).toBe('2019-06-30T04:00:00.000Z');
    expect(deadlineInstant('2019-06-30T04:00:00Z').toISOString()).toBe('2019-06-30T04:00:00.000Z');
  });

  it('refuses what is not a date or an instant', () => {
    expect(() => deadlineInstant('2019-02-30')).toThrow('not a calendar date');
    expect(() => deadlineInstant('6月底')).toThrow('neither a date');
    expect(() => deadlineInstant('2019-06')).toThrow('neither a date');
  });

  it('starts a calendar day at midnight CST, and refuses what is not one', () => {
    expect(cstDayStart('2026-06-15').toISOString()).toBe('2026-06-14T16:00:00.000Z');
    expect(cstDayStart('2024-02-29').toISOString()).toBe('2024-02-28T16:00:00.000Z');
    // the day starts on that date in CST, whatever the UTC date of the instant
    expect(cstDate(cstDayStart('2026-07-01'))).toBe('2026-07-01');
    expect(() => cstDayStart('2026-02-29')).toThrow('not a calendar date');
    expect(() => cstDayStart('2026-6-15')).toThrow('not a date (YYYY-MM-DD)');
    expect(() => cstDayStart('2026-06-15T00:00:00+08:00')).toThrow('not a date (YYYY-MM-DD)');
  });

  it('shows instants in CST', () => {
    expect(formatCst(new Date('2026-11-23T11:05:00Z'))).toBe('2026-11-23 19:05');
    expect(formatCst(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24 00:30');
    expect(cstDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
  });

  it('finds the next Monday 09:00 CST for the weekly bulletin', () => {
    // Monday 23 Nov 2026, 19:05 CST → Monday 30 Nov 09:00 CST
    expect(nextMondayMorningCst(new Date('2026-11-23T11:05:00Z')).toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
    // Monday 08:00 CST → the same morning, 09:00
    expect(nextMondayMorningCst(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe(
      '2026-11-23T01:00:00.000Z',
    );
    // Sunday 23:30 CST → the next morning
    expect(nextMondayMorningCst(new Date('2026-11-22T15:30:00Z')).toISOString()).toBe(
      '2026-11-23T01:00:00.000Z',
    );
  });

  it('bounds a month in China Standard Time, December rolling into the next year', () => {
    expect(cstMonthRange('2026-06')).toEqual({
      start: new Date('2026-05-31T16:00:00.000Z'),
      end: new Date('2026-06-30T16:00:00.000Z'),
    });
    expect(cstMonthRange('2026-12').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(() => cstMonthRange('2026-13')).toThrow('not a month');
  });
});

describe('the next CST time of day, weekday and day of month', () => {
  const at = (iso: string) => new Date(iso);

  it('finds the next 09:00 CST strictly after a moment', () => {
    expect(nextDailyCst(9 * 60, at('2026-06-15T00:59:59Z')).toISOString()).toBe('2026-06-15T01:00:00.000Z');
    expect(nextDailyCst(9 * 60, at('2026-06-15T01:00:00Z')).toISOString()).toBe('2026-06-16T01:00:00.000Z');
    // 23:30 CST on the 15th is already the 15th in CST but 15:30 UTC: the next 09:00 is the 16th's
    expect(nextDailyCst(9 * 60, at('2026-06-15T15:30:00Z')).toISOString()).toBe('2026-06-16T01:00:00.000Z');
  });

  it('finds the next weekday at a time, a week later when it has just passed', () => {
    // 2026-06-15 is a Monday
    expect(nextWeeklyCst(5, 17 * 60 + 30, at('2026-06-15T02:00:00Z')).toISOString()).toBe(
      '2026-06-19T09:30:00.000Z',
    );
    expect(nextWeeklyCst(1, 9 * 60, at('2026-06-15T01:00:00Z')).toISOString()).toBe(
      '2026-06-22T01:00:00.000Z',
    );
    expect(nextMondayMorningCst(at('2026-06-15T00:30:00Z')).toISOString()).toBe('2026-06-15T01:00:00.000Z');
    // Sunday 23:00 CST is Sunday 15:00 UTC: Monday 09:00 CST is ten hours later
    expect(nextMondayMorningCst(at('2026-06-14T15:00:00Z')).toISOString()).toBe('2026-06-15T01:00:00.000Z');
  });

  it('finds the next day of month at an hour, rolling into the next month', () => {
    expect(nextMonthlyCst(5, 9, at('2026-06-04T12:00:00Z')).toISOString()).toBe('2026-06-05T01:00:00.000Z');
    expect(nextMonthlyCst(5, 9, at('2026-06-05T01:00:00Z')).toISOString()).toBe('2026-07-05T01:00:00.000Z');
  });

  it('tells a CST midnight and the end of the CST day some days later', () => {
    expect(startsCstDay(at('2026-06-14T16:00:00Z'))).toBe(true);
    expect(startsCstDay(at('2026-06-15T00:00:00Z'))).toBe(false);
    // issued 23:00 CST on 15 June (15:00 UTC): three days later ends at 00:00 CST on 19 June
    expect(endOfCstDayAfter(at('2026-06-15T15:00:00Z'), 3).toISOString()).toBe('2026-06-18T16:00:00.000Z');
  });
});
