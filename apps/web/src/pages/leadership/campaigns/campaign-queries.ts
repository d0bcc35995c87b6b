import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';

export type CampaignProgress = components['schemas']['CampaignProgressView'];
export type TaskProgress = components['schemas']['TaskProgressItemView'];
export type CampaignSummary = components['schemas']['CampaignView'];
export type UnitStanding = components['schemas']['UnitStandingView'];

/** TanStack Query keys of campaigns: a change-feed event invalidates exactly the ones it touches. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => ['campaigns', 'list'] as const,
  progress: (campaignId: string) => ['campaigns', campaignId, 'progress'] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list(),
    queryFn: () => must(api.GET('/api/campaigns')),
  });
}

/** The battle map's data (GET /api/campaigns/:id/progress), kept fresh by the campaign's change feed. */
export function useCampaignProgress(campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.progress(campaignId),
    queryFn: () => must(api.GET('/api/campaigns/{id}/progress', { params: { path: { id: campaignId } } })),
  });
}
