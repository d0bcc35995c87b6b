import { deadlineInstant } from './china-time';
import {
  daysLeft,
  daysOverdue,
  deadlineDate,
  showDeadline,
  showDeadlineProse,
  showInstant,
} from './deadline-display';

const cst = (wall: string) => new Date(`${wall}+08:00`);

describe('the deadline display rule', () => {
  it('shows a date deadline as the day written, not the next midnight', () => {
    const deadline = deadlineInstant('2026-12-15');
    expect(deadline.toISOString()).toBe('2026-12-15T16:00:00.000Z');
    expect(deadlineDate(deadline)).toBe('2026-12-15');
    expect(deadlineDate(deadline.toISOString())).toBe('2026-12-15');
    expect(showDeadline(deadline)).toBe('2026-12-15');
    expect(showDeadlineProse(deadline)).toBe('2026年12月15日');
  });

  it('reads exactly 00:00:00.000 CST as a date deadline, one millisecond either side as an instant', () => {
    expect(deadlineDate(cst('2026-12-16T00:00:00.000'))).toBe('2026-12-15');
    expect(deadlineDate(cst('2026-12-16T00:00:00.001'))).toBeNull();
    expect(deadlineDate(cst('2026-12-15T23:59:59.999'))).toBeNull();
    expect(showDeadline(cst('2026-12-15T23:59:59'))).toBe('2026-12-15 23:59');
    expect(showDeadlineProse(cst('2026-12-15T23:59:59'))).toBe('2026年12月15日 23:59');
    // midnight UTC is 08:00 CST: an instant, not a date
    expect(deadlineDate('2026-12-15T00:00:00Z')).toBeNull();
    expect(showDeadline('2026-12-15T00:00:00Z')).toBe('2026-12-15 08:00');
  });

  it('shows other deadline instants with their CST time', () => {
    expect(showDeadline('2026-12-15T10:00:00Z')).toBe('2026-12-15 18:00');
    expect(showDeadlineProse('2026-12-15T10:00:00Z')).toBe('2026年12月15日 18:00');
    // 18:00 UTC is already the next CST day
    expect(showDeadline('2026-12-15T18:00:00Z')).toBe('2026-12-16 02:00');
  });

  it('steps back across a month end and a year end', () => {
    expect(showDeadline(deadlineInstant('2026-11-30'))).toBe('2026-11-30');
    expect(showDeadline(deadlineInstant('2024-02-29'))).toBe('2024-02-29');
    expect(showDeadline(deadlineInstant('2026-12-31'))).toBe('2026-12-31');
    expect(showDeadlineProse(deadlineInstant('2026-12-31'))).toBe('2026年12月31日');
    expect(deadlineDate(cst('2027-01-01T00:00:00'))).toBe('2026-12-31');
    expect(showDeadlineProse(cst('2027-01-05T09:30:00'))).toBe('2027年1月5日 09:30');
  });

  it('shows non-deadline times as they are, midnight included', () => {
    expect(showInstant(cst('2026-12-16T00:00:00'))).toBe('2026-12-16 00:00');
    expect(showInstant('2026-11-23T11:05:00Z')).toBe('2026-11-23 19:05');
  });

  it('refuses what is not an instant, and has no written day for it', () => {
    expect(deadlineDate('12月15日前')).toBeNull();
    expect(deadlineDate(new Date(Number.NaN))).toBeNull();
    expect(() => showDeadline('not a date')).toThrow('not an instant');
    expect(() => showDeadlineProse(new Date(Number.NaN))).toThrow('not an instant');
    expect(() => showInstant('')).toThrow('not an instant');
    expect(() => daysLeft('x', new Date())).toThrow('not an instant');
    expect(() => daysOverdue(deadlineInstant('2026-12-15'), 'x')).toThrow('not an instant');
  });

  describe('days left and days overdue', () => {
    const deadline = deadlineInstant('2026-12-15');

    it('counts the written day as the last day: 0 left on it, 1 overdue from the first second after', () => {
      expect(daysLeft(deadline, cst('2026-12-14T12:00:00'))).toBe(1);
      expect(daysLeft(deadline, cst('2026-12-15T00:00:00'))).toBe(0);
      expect(daysLeft(deadline, cst('2026-12-15T23:59:59'))).toBe(0);
      expect(daysOverdue(deadline, cst('2026-12-15T23:59:59'))).toBe(0);
      expect(daysLeft(deadline, cst('2026-12-16T00:00:00'))).toBe(0);
      expect(daysLeft(deadline, cst('2026-12-16T00:00:01'))).toBeNull();
      expect(daysOverdue(deadline, cst('2026-12-16T00:00:01'))).toBe(1);
      expect(daysOverdue(deadline, cst('2026-12-18T09:00:00'))).toBe(3);
    });

    it('counts across a month end and a year end', () => {
      expect(daysLeft(deadlineInstant('2027-01-02'), cst('2026-12-30T10:00:00'))).toBe(3);
      expect(daysOverdue(deadlineInstant('2026-11-30'), cst('2026-12-02T08:00:00'))).toBe(2);
      expect(daysOverdue(deadlineInstant('2026-12-31'), cst('2027-01-01T00:00:01'))).toBe(1);
    });

    it('counts an instant deadline by the CST day it falls on', () => {
      const evening = cst('2026-12-15T18:00:00');
      expect(daysLeft(evening, cst('2026-12-15T09:00:00'))).toBe(0);
      // overdue on the deadline's own day counts 1
      expect(daysOverdue(evening, cst('2026-12-15T19:00:00'))).toBe(1);
      expect(daysOverdue(evening, cst('2026-12-17T08:00:00'))).toBe(2);
    });
  });
});
