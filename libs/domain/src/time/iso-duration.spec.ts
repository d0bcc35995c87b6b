import {
  addIsoDuration,
  durationText,
  exactDurationMs,
  isIsoDuration,
  parseIsoDuration,
} from './iso-duration';

const at = (iso: string) => new Date(iso);

describe('ISO 8601 durations', () => {
  it('parses the forms a ladder uses', () => {
    expect(parseIsoDuration('P3D')).toMatchObject({ sign: 1, days: 3 });
    expect(parseIsoDuration('-P1W')).toMatchObject({ sign: -1, weeks: 1 });
    expect(parseIsoDuration('PT10M')).toMatchObject({ minutes: 10 });
    expect(parseIsoDuration('P1Y2M3DT4H5M6S')).toMatchObject({
      years: 1,
      months: 2,
      days: 3,
      hours: 4,
      minutes: 5,
      seconds: 6,
    });
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['P', 'PT', '3D', 'P1H', 'P-1D', '1 week', '']) {
      expect(isIsoDuration(bad)).toBe(false);
      expect(() => parseIsoDuration(bad)).toThrow('not an ISO 8601 duration');
    }
  });

  it('adds days and weeks on the CST calendar, and hours exactly', () => {
    const deadline = at('2019-06-30T16:00:00Z'); // end of 30 June CST
    expect(addIsoDuration(deadline, 'P7D').toISOString()).toBe('2019-07-07T16:00:00.000Z');
    expect(addIsoDuration(deadline, '-P3D').toISOString()).toBe('2019-06-27T16:00:00.000Z');
    expect(addIsoDuration(deadline, 'P2W').toISOString()).toBe('2019-07-14T16:00:00.000Z');
    expect(addIsoDuration(deadline, 'PT10M').toISOString()).toBe('2019-06-30T16:10:00.000Z');
  });

  it('adds months on the calendar, clamping to the month’s last day', () => {
    // 31 January 10:00 CST + 1 month = 29 February 10:00 CST in a leap year
    expect(addIsoDuration(at('2020-01-31T02:00:00Z'), 'P1M').toISOString()).toBe('2020-02-29T02:00:00.000Z');
    expect(addIsoDuration(at('2019-11-30T16:00:00Z'), 'P1M').toISOString()).toBe('2019-12-31T16:00:00.000Z');
    expect(addIsoDuration(at('2019-03-15T00:00:00Z'), '-P1Y2M').toISOString()).toBe(
      '2018-01-15T00:00:00.000Z',
    );
  });

  it('gives exact lengths, and refuses months that have none', () => {
    expect(exactDurationMs('PT1H30M')).toBe(5_400_000);
    expect(exactDurationMs('-P1D')).toBe(-86_400_000);
    expect(() => exactDurationMs('P1M')).toThrow('no fixed length');
  });

  it('refuses a duration longer than 100 years, which would move an instant off the calendar', () => {
    expect(isIsoDuration('P100Y')).toBe(true);
    expect(isIsoDuration('P101Y')).toBe(false);
    expect(isIsoDuration('P99999999999999999999Y')).toBe(false);
    expect(isIsoDuration('PT999999999999H')).toBe(false);
    expect(() => parseIsoDuration('P36600D')).not.toThrow();
    expect(() => parseIsoDuration('P36601D')).toThrow(RangeError);
  });

  it('reads a duration in Chinese, every part in order', () => {
    expect(durationText('P1M')).toBe('1 个月');
    expect(durationText('P7D')).toBe('7 天');
    expect(durationText('PT1H')).toBe('1 小时');
    expect(durationText('P1DT12H')).toBe('1 天 12 小时');
    expect(durationText('P2W')).toBe('2 周');
    expect(durationText('-P3D')).toBe('提前 3 天');
    expect(durationText('PT0S')).toBe('0');
  });
});
