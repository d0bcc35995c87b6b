import { seedCalendar } from './seed-004-plan.fixture';
import { addWorkingDays, calendarFromRows, isWorkingDay, subtractWorkingDays } from './working-calendar';

const calendar = seedCalendar();

describe('working calendar', () => {
  it('rests on weekends and listed holidays and works on weekdays and make-up days (调休)', () => {
    expect(isWorkingDay(calendar, '2018-09-28')).toBe(true); // Friday
    expect(isWorkingDay(calendar, '2018-09-23')).toBe(false); // Sunday
    expect(isWorkingDay(calendar, '2018-09-29')).toBe(true); // Saturday, make-up day for National Day
    expect(isWorkingDay(calendar, '2018-09-30')).toBe(true); // Sunday, make-up day
    expect(isWorkingDay(calendar, '2018-10-01')).toBe(false); // Monday, National Day
    expect(isWorkingDay(calendar, '2018-06-18')).toBe(false); // Monday, Dragon Boat Festival
    expect(isWorkingDay(calendar, '2026-01-04')).toBe(true); // Sunday, make-up day
    expect(isWorkingDay(calendar, '2026-02-16')).toBe(false); // Monday, Spring Festival
    expect(isWorkingDay(calendar, '2026-02-24')).toBe(true); // Tuesday after it
  });

  it('counts working days back, skipping the National Day holiday and counting the make-up weekend', () => {
    // 10-07 … 10-01 rest; 09-30 and 09-29 are make-up days; then 09-28, 27, 26.
    expect(subtractWorkingDays(calendar, '2018-10-08', 5)).toBe('2018-09-26');
    expect(subtractWorkingDays(calendar, '2018-10-01', 2)).toBe('2018-09-29');
    // 5 working days before 2018-10-01: 30, 29, 28, 27, 26.
    expect(subtractWorkingDays(calendar, '2018-10-01', 5)).toBe('2018-09-26');
    // The Mid-Autumn Festival (09-22 … 09-24) is skipped too.
    expect(subtractWorkingDays(calendar, '2018-10-01', 6)).toBe('2018-09-25');
    expect(subtractWorkingDays(calendar, '2018-10-01', 7)).toBe('2018-09-21');
  });

  it('counts working days forward, the start day itself not counted', () => {
    expect(addWorkingDays(calendar, '2018-09-28', 1)).toBe('2018-09-29');
    expect(addWorkingDays(calendar, '2018-09-30', 1)).toBe('2018-10-08');
    expect(addWorkingDays(calendar, '2018-06-15', 1)).toBe('2018-06-19'); // over the Dragon Boat weekend
    expect(addWorkingDays(calendar, '2026-02-13', 1)).toBe('2026-02-14'); // Saturday make-up day
    expect(addWorkingDays(calendar, '2026-02-14', 1)).toBe('2026-02-24'); // Spring Festival skipped
    expect(addWorkingDays(calendar, '2026-02-24', 4)).toBe('2026-02-28'); // Saturday make-up day again
    expect(addWorkingDays(calendar, '2018-09-28', 0)).toBe('2018-09-28');
  });

  it('refuses to walk into a year whose holidays it does not know, naming the year', () => {
    expect(addWorkingDays(calendar, '2018-12-28', 1)).toBe('2018-12-29');
    expect(() => addWorkingDays(calendar, '2018-12-28', 2)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2018-12-28', 2)).toThrow('2019 年');
    expect(() => subtractWorkingDays(calendar, '2018-01-02', 1)).toThrow('2017 年');
    expect(() => subtractWorkingDays(calendar, '2026-03-01', 60)).toThrow('2025 年');
  });

  it('refuses a date that is not one and a negative or fractional count', () => {
    expect(() => isWorkingDay(calendar, '2018-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2018/09/28', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2018-09-28', -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays(calendar, '2018-09-28', 1.5)).toThrow(RangeError);
  });

  it('builds a calendar from the rows of working_calendar_day', () => {
    const built = calendarFromRows(
      [2019],
      [
        { day: '2019-10-01', kind: 'holiday' },
        { day: '2019-10-12', kind: 'workday' },
      ],
    );
    expect([...built.years]).toEqual([2019]);
    expect(isWorkingDay(built, '2019-10-01')).toBe(false); // Tuesday, holiday
    expect(isWorkingDay(built, '2019-10-12')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay(built, '2019-10-13')).toBe(false); // Sunday
    expect(() => addWorkingDays(built, '2019-12-31', 1)).toThrow('2020 年');
  });
});
