import { cstDate } from '../../../../../../libs/domain/src/time/china-time';
import { daysText, showDeadline } from '../../../shared/deadline';

/** A campaign's window as written: its first day to its last day (CST). */
export function windowText(window: { start: string; end: string; endDate: string | null }): string {
  return `${cstDate(new Date(window.start))} 至 ${showDeadline(window.end, window.endDate)}`;
}

/** 剩余 N 天 / 今日到期 in a campaign's window, or 已结束 once it has ended. */
export function campaignDaysText(daysLeft: number | null): string {
  return daysLeft === null ? '已结束' : daysText(daysLeft, null);
}
