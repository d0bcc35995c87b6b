import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { ResolvedPlan } from '../../../../../../libs/domain/src/campaign/campaign-plan';
import { calendarOf } from './plan-preview';

export type CampaignDetail = Omit<components['schemas']['CampaignDetailView'], 'plan'> & {
  plan: ResolvedPlan;
};

/** Keys under the campaign's own key: the battle map's feed invalidation reaches them too. */
export const deskKeys = {
  detail: (id: string) => ['campaigns', id, 'detail'] as const,
  versions: (id: string) => ['campaigns', id, 'plan-versions'] as const,
  version: (id: string, version: number) => ['campaigns', id, 'plan-versions', version] as const,
  calendar: (year: number) => ['calendar', year] as const,
};

export function useCampaignDetail(id: string) {
  return useQuery({
    queryKey: deskKeys.detail(id),
    queryFn: async () =>
      (await must(api.GET('/api/campaigns/{id}', { params: { path: { id } } }))) as unknown as CampaignDetail,
  });
}

/** The working calendar of the given years (known ones only count). */
export function useWorkingCalendar(years: number[]) {
  const answers = useQueries({
    queries: years.map((year) => ({
      queryKey: deskKeys.calendar(year),
      queryFn: () => must(api.GET('/api/calendar/{year}', { params: { path: { year } } })),
      staleTime: 10 * 60_000,
    })),
  });
  const ready = answers.every((answer) => answer.data);
  return ready ? calendarOf(answers.map((answer) => answer.data as NonNullable<typeof answer.data>)) : null;
}
