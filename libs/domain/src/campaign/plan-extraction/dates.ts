/**
 * Dates as 实施方案 write them: "6月底前", "5月中旬", "11月底前完成", "年底前", "8月末", "6月30日前",
 * "2018年9月底", and windows ("从现在开始到9月底结束", "2019年5月至8月"). All pure: the year comes
 * from the phrase or from the document's year passed in.
 */

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** An Arabic or Chinese number up to 99 ("12", "十二", "二十", "三"); NaN when it is neither. */
export function smallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const ten = text.indexOf('十');
  if (ten >= 0) {
    const tens = ten === 0 ? 1 : CHINESE_DIGITS[text.slice(0, ten)];
    const units = ten === text.length - 1 ? 0 : CHINESE_DIGITS[text.slice(ten + 1)];
    return tens === undefined || units === undefined ? NaN : tens * 10 + units;
  }
  return text.length === 1 && text in CHINESE_DIGITS ? CHINESE_DIGITS[text] : NaN;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** How a deadline was written, for the note beside it. */
export type DeadlineForm = 'month-end' | 'mid-month' | 'early-month' | 'late-month' | 'year-end' | 'day';

const FORM_LABEL: Record<DeadlineForm, string> = {
  'month-end': '“月底”取该月最后一天',
  'mid-month': '“中旬”取该月20日',
  'early-month': '“上旬”取该月10日',
  'late-month': '“下旬”取该月最后一天',
  'year-end': '“年底”取12月31日',
  day: '写明的日期',
};

export function deadlineFormLabel(form: DeadlineForm): string {
  return FORM_LABEL[form];
}

/** A deadline phrase found in a text. */
export interface DeadlinePhrase {
  /** Offsets of the phrase in the text searched. */
  start: number;
  end: number;
  /** The year written in the phrase, if any. */
  year: number | null;
  month: number;
  /** Day of the month; null means the month's last day (月底, 下旬). */
  day: number | null;
  form: DeadlineForm;
}

const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';
const YEAR = '(?:(\\d{4})年)?';
/** 6月底 6月末 5月中旬 5月上旬 5月下旬, optionally 2018年 and 份 before, 前 after. */
const MONTH_PART = new RegExp(`${YEAR}${MONTH}月份?(底|末|中旬|上旬|下旬)`, 'g');
/** 6月30日前, 6月30号之前. */
const DAY_BEFORE = new RegExp(`${YEAR}${MONTH}月(\\d{1,2})[日号](?:之前|以前|前)`, 'g');
/** 年底 年末 2018年底 今年底. */
const YEAR_END = /(?:(\d{4})|[今本当])?年(?:底|末)/g;

/** Every deadline phrase of a text (in match form), in the order written. */
export function findDeadlines(text: string): DeadlinePhrase[] {
  const found: DeadlinePhrase[] = [];
  for (const m of text.matchAll(MONTH_PART)) {
    const month = smallNumber(m[2]);
    if (!(month >= 1 && month <= 12)) continue;
    const part = m[3];
    const form: DeadlineForm =
      part === '中旬'
        ? 'mid-month'
        : part === '上旬'
          ? 'early-month'
          : part === '下旬'
            ? 'late-month'
            : 'month-end';
    const day = form === 'mid-month' ? 20 : form === 'early-month' ? 10 : null;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      year: m[1] ? Number(m[1]) : null,
      month,
      day,
      form,
    });
  }
  for (const m of text.matchAll(DAY_BEFORE)) {
    const month = smallNumber(m[2]);
    const day = Number(m[3]);
    if (!(month >= 1 && month <= 12) || day < 1 || day > 31) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      year: m[1] ? Number(m[1]) : null,
      month,
      day,
      form: 'day',
    });
  }
  for (const m of text.matchAll(YEAR_END)) {
    // "2018年底" but not the 年 of "2018年9月底" (that is a month phrase).
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      year: m[1] ? Number(m[1]) : null,
      month: 12,
      day: 31,
      form: 'year-end',
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The date of a phrase in a year ('YYYY-MM-DD'), or null when the day does not exist. */
export function phraseDate(phrase: DeadlinePhrase, documentYear: number): string | null {
  const year = phrase.year ?? documentYear;
  const last = daysInMonth(year, phrase.month);
  const day = phrase.day ?? last;
  return day > last ? null : isoDate(year, phrase.month, day);
}

/** A campaign window found in a text: a start (null when "从现在开始") and an end. */
export interface WindowPhrase {
  start: number;
  end: number;
  /** Null: the text starts it "now" (从现在开始), which is no date. */
  from: { year: number | null; month: number; day: number } | null;
  to: { year: number | null; month: number; day: number | null };
}

const FROM_NOW = new RegExp(
  `从现在(?:开始|起)?[，,]?(?:到|至)${YEAR}${MONTH}月份?(?:(\\d{1,2})[日号]|底|末)?`,
  'g',
);
const RANGE = new RegExp(
  `${YEAR}${MONTH}月(?:(\\d{1,2})[日号])?(?:起)?(?:至|到|—|－|-|~|～)${YEAR}${MONTH}月(?:(\\d{1,2})[日号]|底|末)?`,
  'g',
);

/** Windows written in a text (in match form), in the order written. */
export function findWindows(text: string): WindowPhrase[] {
  const found: WindowPhrase[] = [];
  for (const m of text.matchAll(FROM_NOW)) {
    const month = smallNumber(m[2]);
    if (!(month >= 1 && month <= 12)) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      from: null,
      to: { year: m[1] ? Number(m[1]) : null, month, day: m[3] ? Number(m[3]) : null },
    });
  }
  for (const m of text.matchAll(RANGE)) {
    const fromMonth = smallNumber(m[2]);
    const toMonth = smallNumber(m[5]);
    if (!(fromMonth >= 1 && fromMonth <= 12 && toMonth >= 1 && toMonth <= 12)) continue;
    const fromYear = m[1] ? Number(m[1]) : null;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      from: { year: fromYear, month: fromMonth, day: m[3] ? Number(m[3]) : 1 },
      to: { year: m[4] ? Number(m[4]) : fromYear, month: toMonth, day: m[6] ? Number(m[6]) : null },
    });
  }
  return found.sort((a, b) => a.start - b.start);
}
