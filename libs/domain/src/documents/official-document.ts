import { cstDate, endOfCstDayAfter } from '../time/china-time';

/**
 * The framing of an official document (公文) as county offices write it: the issuing office
 * (发文机关), the document number (文号, `〔2026〕第3期`), the addressees (主送), the signing office
 * and date (落款, `2026年12月1日`), mainland quotation marks “”.
 *
 * Pure, no Node built-ins.
 */

/** Kinds numbered in their own sequence per issuing office and year, and the word after the serial. */
export const DOCUMENT_SERIAL_WORD: Record<string, '号' | '期'> = {
  催办单: '号',
  督办单: '号',
  通报批评: '号',
  约谈通知书: '号',
  问责决定书: '号',
  通报: '期',
  工作通报: '期',
};

/** `〔2026〕第3号` (notices) or `〔2026〕第3期` (bulletins). */
export function documentNumber(year: number, serial: number, word: '号' | '期' = '号'): string {
  return `〔${year}〕第${serial}${word}`;
}

/** A notice's full number with its kind: `督办单〔2026〕第3号`. */
export function noticeNumber(kind: string, year: number, serial: number): string {
  return `${kind}${documentNumber(year, serial, DOCUMENT_SERIAL_WORD[kind] ?? '号')}`;
}

/** The signing date (落款): `2026年12月1日`, the CST day of the instant. */
export function chineseDate(instant: Date | string): string {
  const [year, month, day] = cstDate(new Date(instant)).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** The year (CST) a document issued at this instant is numbered in. */
export function documentYear(instant: Date | string): number {
  return Number(cstDate(new Date(instant)).slice(0, 4));
}

/**
 * Mainland quotation marks: straight double quotes and 「」 become “” (paired in order), straight
 * single quotes and 『』 become ‘’.
 */
export function mainlandQuotes(text: string): string {
  let open = true;
  let single = true;
  return text
    .replace(/「/g, '“')
    .replace(/」/g, '”')
    .replace(/『/g, '‘')
    .replace(/』/g, '’')
    .replace(/"/g, () => {
      const mark = open ? '“' : '”';
      open = !open;
      return mark;
    })
    .replace(/'/g, () => {
      const mark = single ? '‘' : '’';
      single = !single;
      return mark;
    });
}

/**
 * A notice's title: its number, then what it is about, never repeating a word already said — a
 * step labelled like its notice kind (通报批评 with a 通报批评 notice) is not said twice, nor is a
 * subject that already begins with the label.
 *
 * `noticeTitle('通报批评', '〔2026〕第3号', '通报批评', '通报批评：危房改造')` = `通报批评〔2026〕第3号：危房改造`.
 */
export function noticeTitle(kind: string, number: string | null, label: string, subject?: string): string {
  const head = `${kind}${number ?? ''}`;
  let rest = (subject ?? '').trim();
  for (const word of [kind, label])
    while (rest.startsWith(`${word}：`) || rest.startsWith(`${word}:`))
      rest = rest.slice(word.length + 1).trim();
  const parts = [label === kind ? null : label, rest === '' ? null : rest].filter(
    (p): p is string => p !== null,
  );
  return parts.length > 0 ? `${head}：${parts.join('：')}` : head;
}

/** Where a document comes from and where it goes: the frame every printed document shares. */
export interface DocumentFrame {
  /** 发文机关, e.g. `示范县脱贫攻坚指挥部`. */
  issuingOffice: string;
  /** `〔2026〕第3期`, or null for a document that is not numbered (a report drawn on demand). */
  number: string | null;
  /** The kind shown before the number in the title block, e.g. `督办单`, `工作通报`. */
  kind: string;
  title: string;
  /** 主送: the offices or units it is addressed to. */
  addressees: string[];
  /** 落款: the signing office (usually the issuing one) and the day. */
  signingOffice: string;
  signedAt: Date | string;
}

/** 主送 as written: `县住建局、县扶贫办：`. */
export function addresseeLine(addressees: string[]): string {
  return addressees.length > 0 ? `${[...new Set(addressees)].join('、')}：` : '';
}

/** The number a document was given when it was issued, frozen with it (bulletins keep it in their payload). */
export interface DocumentStamp {
  /** The issuing office's unit code ('' the default office) and its name as it was then. */
  issuingUnit: string;
  issuingOffice: string;
  /** The sequence's kind (`通报`, `督办单` …), year and serial; `number` as printed, `〔2026〕第3期`. */
  kind: string;
  year: number;
  serial: number;
  number: string;
}

/** 主送 for a document to many units: their names, or 各责任单位 when there are more than a line holds. */
export function addresseesOf(unitNames: string[], max = 6): string[] {
  const names = [...new Set(unitNames)];
  return names.length === 0 ? [] : names.length > max ? ['各责任单位'] : names;
}

/** Days a unit has to reply (反馈) to a notice that is not a reminder, counted from its issue day. */
export const NOTICE_REPLY_DAYS = 3;

/**
 * By when the unit replies (反馈) to a notice: a reminder (催办单, before the deadline) by the deadline
 * it reminds of, but not later than `NOTICE_REPLY_DAYS` days after issue; any other notice (督办单,
 * 通报批评, 约谈, 问责) within `NOTICE_REPLY_DAYS` days of its issue day. Returned as a date deadline
 * (the end of that CST day, `deadlineInstant` of it), so `showDeadlineProse` writes the day.
 */
export function noticeReplyBy(kind: string, issuedAt: Date | string, remindsOf: Date | string | null): Date {
  const latest = endOfCstDayAfter(new Date(issuedAt), NOTICE_REPLY_DAYS);
  if (kind === '催办单' && remindsOf !== null) {
    const deadline = new Date(remindsOf);
    if (deadline.getTime() > new Date(issuedAt).getTime() && deadline.getTime() < latest.getTime())
      return deadline;
  }
  return latest;
}
