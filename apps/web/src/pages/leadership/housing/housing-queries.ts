import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { cstDate } from '../../../../../../libs/domain/src/time/china-time';
import { useSearchParam } from '../../../shared/useSearchParam';

export type Programme = components['schemas']['ProgrammeView'];
export type ProgrammeProgress = components['schemas']['ProgrammeProgressView'];
export type MonthlyReport = components['schemas']['MonthlyReportView'];

export const housingKeys = {
  programmes: ['housing', 'programmes'] as const,
  programme: (id: string) => ['housing', 'programme', id] as const,
  progress: (id: string) => ['housing', 'progress', id] as const,
  report: (id: string, month: string) => ['housing', 'report', id, month] as const,
};

export function useProgrammes() {
  return useQuery({
    queryKey: housingKeys.programmes,
    queryFn: () => must(api.GET('/api/housing/programmes')),
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: housingKeys.programme(id),
    queryFn: () => must(api.GET('/api/housing/programmes/{id}', { params: { path: { id } } })),
  });
}

const progressQuery = (id: string) => ({
  queryKey: housingKeys.progress(id),
  queryFn: () => must(api.GET('/api/housing/programmes/{id}/progress', { params: { path: { id } } })),
});

export function useProgress(id: string) {
  return useQuery(progressQuery(id));
}

export function useProgresses(ids: string[]) {
  return useQueries({ queries: ids.map(progressQuery) });
}

/** The monthly report of each month given (开工 / 竣工 in the month and cumulatively). */
export function useMonthlyReports(programme: string, months: string[]) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: housingKeys.report(programme, month),
      queryFn: () => must(api.GET('/api/housing/report', { params: { query: { programme, month } } })),
    })),
  });
}

/** Households overdue at some stage (the progress counts them by stage). */
export const overdueTotal = (progress: ProgrammeProgress) =>
  progress.overdueByStage.reduce((sum, row) => sum + row.households, 0);

/** Households escalated at any level. */
export const escalatedTotal = (progress: ProgrammeProgress) =>
  Object.values(progress.escalated as Record<string, number>).reduce((sum, n) => sum + Number(n), 0);

/** The console's household table, filtered (names as GET /api/housing/households takes them). */
export const householdsPath = (programme: string, filter: 'overdue' | 'stalled') =>
  `/households?${new URLSearchParams({ programme, [filter]: 'true' }).toString()}`;

/** The monthly report's month (YYYY-MM) from the URL's ?month=; by default this month in China Standard Time. */
export function useReportMonth(): [string, (month: string) => void] {
  const [monthParam, setMonth] = useSearchParam('month');
  return [monthParam ?? cstDate(new Date()).slice(0, 7), setMonth];
}
