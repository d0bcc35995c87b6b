import { CST_OFFSET_MS } from './china-time';
/**
 * ISO-8601 durations (`P1M`, `P2W`, `P3DT4H`, `PT10M`, `-P3D`), so escalation offsets can be months
 * for a real ledger or minutes for a demonstration. Years, months and days are calendar steps in
 * China Standard Time (the end of January plus P1M is the end of February); hours and smaller are
 * exact.
 */
export interface IsoDuration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^([+-])?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * No duration is longer than 100 years: `P99999999999999999999Y` matches the pattern but moves an
 * instant off the calendar (an invalid Date, a timer that never fires).
 */
export const MAX_DURATION_YEARS = 100;
const MAX_DURATION_DAYS = MAX_DURATION_YEARS * 366;

export function isIsoDuration(text: string): boolean {
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
}

export function parseIsoDuration(text: string): IsoDuration {
  const match = PATTERN.exec(text);
  if (!match) throw new RangeError(`${text} is not an ISO 8601 duration such as P3D, PT10M or -P1W`);
  const n = (i: number) => (match[i] ? Number(match[i]) : 0);
  const days = n(2) * 366 + n(3) * 31 + n(4) * 7 + n(5) + (n(6) * 3600 + n(7) * 60 + n(8)) / 86_400;
  if (!(days <= MAX_DURATION_DAYS))
    throw new RangeError(`${text} is longer than ${MAX_DURATION_YEARS} years`);
  return {
    sign: match[1] === '-' ? -1 : 1,
    years: n(2),
    months: n(3),
    weeks: n(4),
    days: n(5),
    hours: n(6),
    minutes: n(7),
    seconds: n(8),
  };
}

/** `instant` moved by `duration` (a string or parsed). */
export function addIsoDuration(instant: Date, duration: string | IsoDuration): Date {
  const d = typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  // Calendar part on the CST wall clock, clamping the day (31 Jan + 1 month = 28/29 Feb).
  const wall = new Date(instant.getTime() + CST_OFFSET_MS);
  const totalMonths = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + d.sign * (d.years * 12 + d.months);
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(wall.getUTCDate(), lastDay);
  const timeOfDay = wall.getTime() - Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const calendar = Date.UTC(year, month, day) + timeOfDay + d.sign * (d.weeks * 7 + d.days) * 86_400_000;
  const exact = d.sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return new Date(calendar - CST_OFFSET_MS + exact);
}

/** Length in milliseconds of a duration without calendar parts (for jitter windows, timeouts). */
export function exactDurationMs(duration: string | IsoDuration): number {
  const d = typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  if (d.years || d.months) throw new RangeError('a duration with years or months has no fixed length');
  return d.sign * ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

const DURATION_WORDS: Array<[keyof Omit<IsoDuration, 'sign'>, string]> = [
  ['years', '年'],
  ['months', '个月'],
  ['weeks', '周'],
  ['days', '天'],
  ['hours', '小时'],
  ['minutes', '分钟'],
  ['seconds', '秒'],
];

/** A duration as people read it: `P1M` → 1 个月, `P1DT12H` → 1 天 12 小时, `-P3D` → 提前 3 天, `PT0S` → 0. */
export function durationText(duration: string | IsoDuration): string {
  const d = typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  const parts = DURATION_WORDS.filter(([key]) => d[key] > 0).map(([key, word]) => `${d[key]} ${word}`);
  if (parts.length === 0) return '0';
  return `${d.sign < 0 ? '提前 ' : ''}${parts.join(' ')}`;
}
