import { formatCst } from '../../../../libs/domain/src/time/china-time';

/**
 * A deadline as people read it: the day as written when it was given as a date (the API sends it
 * as `…Date` beside the instant), else the instant in China Standard Time.
 */
export function showDeadline(instant: string | null | undefined, dateAsWritten?: string | null): string {
  if (dateAsWritten) return dateAsWritten;
  return instant ? formatCst(new Date(instant)) : '—';
}

/** A moment (recorded at, published at) in China Standard Time. */
export function showTime(instant: string | null | undefined): string {
  return instant ? formatCst(new Date(instant)) : '—';
}

/** 剩余 N 天 / 逾期 N 天, from the API's figures (libs/domain computes them once). */
export function daysText(
  daysLeft: number | null | undefined,
  daysOverdue: number | null | undefined,
): string {
  if (daysOverdue) return `逾期 ${daysOverdue} 天`;
  if (daysLeft === 0) return '今日到期';
  if (daysLeft !== null && daysLeft !== undefined) return `剩余 ${daysLeft} 天`;
  return '';
}
