import { Injectable } from '@nestjs/common';
import { WorkingCalendarQueries } from '../../../../libs/database/src/campaign/working-calendar.queries';
import type { WorkingCalendar } from '../../../../libs/domain/src/campaign/campaign-plan';
import { calendarFromRows } from '../../../../libs/domain/src/campaign/working-calendar';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import type { CalendarDayView, CalendarYearView, ReplaceYearBody } from './dto/calendar.dto';
import { validationFailed } from '../common/validation-failed';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Every problem of a year's calendar at once, with its path (`holidays[2].date`); empty when it is fine. */
export function calendarYearProblems(
  year: number,
  body: Pick<ReplaceYearBody, 'holidays' | 'workdays'>,
): Array<{ field: string; problems: string[] }> {
  const problems: Array<{ field: string; problems: string[] }> = [];
  const seen = new Map<string, string>();
  const lists = [
    ['holidays', body.holidays],
    ['workdays', body.workdays],
  ] as const;
  for (const [list, entries] of lists) {
    entries.forEach((entry, index) => {
      const field = `${list}[${index}].date`;
      if (!isCalendarDate(entry.date)) {
        problems.push({ field, problems: [`${entry.date} 不是有效日期（YYYY-MM-DD）`] });
        return;
      }
      if (Number(entry.date.slice(0, 4)) !== year) {
        problems.push({ field, problems: [`${entry.date} 不在 ${year} 年内`] });
        return;
      }
      const earlier = seen.get(entry.date);
      if (earlier !== undefined) {
        const both = earlier.startsWith('holidays') !== (list === 'holidays');
        problems.push({
          field,
          problems: [
            both
              ? `${entry.date} 不能既是节假日又是调休上班日（见 ${earlier}）`
              : `${entry.date} 重复列出（见 ${earlier}）`,
          ],
        });
        return;
      }
      seen.set(entry.date, field);
    });
  }
  return problems;
}

/**
 * The working-day calendar (节假日与调休) as data: what plans count working days against. Years the
 * calendar does not know refuse working-day arithmetic, so an admin adds each year as the State
 * Council publishes it.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly queries: WorkingCalendarQueries,
    private readonly audit: AuditService,
  ) {}

  /** The whole calendar, for resolving plans. */
  async calendar(): Promise<WorkingCalendar> {
    const { years, days } = await this.queries.everything();
    return calendarFromRows(years, days);
  }

  async year(year: number, queries: WorkingCalendarQueries = this.queries): Promise<CalendarYearView> {
    const known = await queries.yearRecord(year);
    const days = await queries.daysOf(year);
    const of = (kind: 'holiday' | 'workday'): CalendarDayView[] =>
      days.filter((d) => d.kind === kind).map((d) => ({ date: d.day, name: d.name }));
    return {
      year,
      known: known !== undefined,
      holidays: of('holiday'),
      workdays: of('workday'),
      updatedBy: known?.updatedBy ?? null,
      updatedAt: known?.updatedAt.toISOString() ?? null,
    };
  }

  /** Replaces a year's holidays and make-up working days and marks the year known; audited with before and after. */
  async replace(caller: CurrentUser, year: number, body: ReplaceYearBody): Promise<CalendarYearView> {
    const problems = calendarYearProblems(year, body);
    if (problems.length > 0)
      throw validationFailed(problems, `工作日历有误：${problems.map((p) => p.field).join('、')}`);
    const actor = auditActor(caller);
    await this.audit.inTransaction(async (manager) => {
      const queries = new WorkingCalendarQueries(manager);
      // The year's row first: a concurrent replacement of the same year waits here.
      const inserted = await queries.markYearKnown(year, actor.id);
      const before = await this.year(year, queries);
      await queries.replaceDays(
        year,
        [
          ...body.holidays.map((h) => ({ day: h.date, kind: 'holiday' as const, name: h.name })),
          ...body.workdays.map((w) => ({
            day: w.date,
            kind: 'workday' as const,
            name: w.name ?? '调休上班',
          })),
        ],
        actor.id,
      );
      const after = await this.year(year, queries);
      await this.audit.record(manager, actor, {
        action: 'calendar.year.replace',
        subject: `working-calendar:${year}`,
        before: {
          known: !inserted,
          holidays: before.holidays,
          workdays: before.workdays,
        },
        after: { known: true, holidays: after.holidays, workdays: after.workdays },
      });
    });
    return this.year(year);
  }
}
