/**
 * How a cell of an imported workbook or CSV file is read, whatever Excel (or a person) put in it.
 * Every import applies these rules; they are pure, so the API and tests share them.
 *
 * - text: full-width spaces (U+3000), non-breaking spaces and other odd blanks become spaces;
 *   leading and trailing blanks go.
 * - codes and numbers: full-width digits and letters (０１２, Ａ) are read as 012, A.
 * - dates: an Excel date cell is the calendar day Excel shows (its wall clock; never shifted by the
 *   server's time zone); text dates may be written 2019-05-31, 2019/5/31, 2019.5.31 or 2019年5月31日.
 * - booleans: 是/否, Y/N, yes/no, √/×, ✓/✗, true/false, 1/0, 对/错, 有/无.
 */

/** A raw cell as a spreadsheet reader gives it. */
export type RawCell = string | number | boolean | Date | null | undefined;

const ODD_BLANKS = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;

/** Text with odd blanks made spaces and trimmed. */
export function cleanText(text: string): string {
  return text.replace(ODD_BLANKS, ' ').replace(/\r\n?/g, '\n').trim();
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, －, ．, ＋ …) as ASCII; the rest unchanged. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A code, number or flag as typed: cleaned, folded to half-width, inner blanks kept. */
export function cleanCode(text: string): string {
  return foldFullWidth(cleanText(text));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An Excel date (a wall clock with no time zone, as the reader gives it in UTC fields) as the day
 * shown, `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm` when it carries a time of day.
 */
export function excelDateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const minutes = Math.round(
    (date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds()) / 60,
  );
  if (minutes === 0) return day;
  if (minutes >= 24 * 60)
    return excelDateText(
      new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)),
    );
  return `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A number as plain decimal text, without binary noise (0.1 + 0.2 → 0.3, 14000 → 14000). */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** Any raw cell as cleaned text: dates as the day Excel shows, numbers without noise. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : excelDateText(cell);
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return cleanText(cell);
}

const TRUE_WORDS = ['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对', '有', 't'];
const FALSE_WORDS = ['否', 'n', 'no', 'false', '0', '×', '✗', '✘', 'x', '错', '无', 'f'];

/** A yes/no cell: true, false, or null when it is neither (an empty cell is null too). */
export function parseBoolean(cell: RawCell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : null;
  const text = cleanCode(cellText(cell)).toLowerCase();
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return null;
}

/**
 * A number typed as a number or as text (full-width digits, thousands separators, a trailing 元
 * allowed): the number, or null when the cell holds none.
 */
export function parseNumber(cell: RawCell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const text = cleanCode(cell)
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/**
 * A calendar day written in a cell, as `YYYY-MM-DD` (a day that exists), or, for a cell with a time
 * of day, `YYYY-MM-DD HH:mm`; null when the cell holds no date. A number is not taken for a date
 * (exceljs gives date cells as Dates).
 */
export function parseDay(cell: RawCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : excelDateText(cell);
  if (typeof cell !== 'string') return null;
  const text = cleanCode(cell);
  const match =
    /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(
      text,
    );
  if (!match) return null;
  const [, y, m, d, hh, mm] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  const date = `${y}-${pad(month)}-${pad(day)}`;
  if (hh === undefined) return date;
  if (Number(hh) > 23 || Number(mm) > 59) return null;
  return `${date} ${pad(Number(hh))}:${mm}`;
}

/**
 * A day or day-and-time as the API takes it: `YYYY-MM-DD` stays a date (the end of that CST day
 * as a deadline); a CST time of day becomes an ISO instant with +08:00.
 */
export function dayToIsoInput(day: string): string {
  return day.length === 10 ? day : `${day.replace(' ', 'T')}:00+08:00`;
}

/** A header cell reduced to what identifies it: cleaned, no blanks, full-width folded, lower case. */
export function headerKey(text: string): string {
  return foldFullWidth(cleanText(text))
    .replace(/\s+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[*＊]/g, '')
    .toLowerCase();
}

/** Header texts meaning "row number" (序号), which imports ignore. */
export const ROW_NUMBER_HEADERS = ['序号', '行号', 'no.', '#'];

export interface HeaderMatch {
  /** 0-based index of the header row in the grid. */
  index: number;
  /** Column key → 0-based column index. */
  positions: Map<string, number>;
}

/**
 * Finds the header row among the first rows of a grid (titles may stand above it): the first row
 * naming every column, or, when none does, the row naming the most of them (so the caller can say
 * which are missing). `columns` maps each key to the header texts accepted for it.
 */
export function findHeaderRow(
  grid: readonly (readonly string[])[],
  columns: Record<string, readonly string[]>,
  scanRows = 20,
): HeaderMatch | null {
  const accepted = Object.entries(columns).map(
    ([key, names]) => [key, new Set(names.map(headerKey))] as const,
  );
  let best: HeaderMatch | null = null;
  for (let index = 0; index < Math.min(grid.length, scanRows); index += 1) {
    const positions = new Map<string, number>();
    (grid[index] ?? []).forEach((text, column) => {
      const key = headerKey(text ?? '');
      const found = accepted.find(([name, names]) => names.has(key) && !positions.has(name));
      if (found) positions.set(found[0], column);
    });
    if (positions.size === accepted.length) return { index, positions };
    if (positions.size > 0 && (!best || positions.size > best.positions.size)) best = { index, positions };
  }
  return best;
}

/** How wide a text shows in a spreadsheet column: CJK and other wide characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const line of text.split('\n')) {
    let lineWidth = 0;
    for (const char of line) {
      const code = char.codePointAt(0) ?? 0;
      const wide =
        (code >= 0x1100 && code <= 0x115f) ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        code >= 0x20000;
      lineWidth += wide ? 2 : 1;
    }
    width = Math.max(width, lineWidth);
  }
  return width;
}
