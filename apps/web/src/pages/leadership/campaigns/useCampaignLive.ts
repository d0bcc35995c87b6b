import { useBatchedInvalidation } from '../../../shared/live/useBatchedInvalidation';
import { useChangeFeed, type FeedEvent, type FeedState } from '../../../shared/live/useChangeFeed';
import { campaignKeys } from './campaign-queries';

/**
 * The queries a campaign's change (event kinds: task, escalation, bulletin, campaign) touches on
 * these pages: every task step, escalation and campaign step changes the battle map's figures; a
 * campaign step also its row in the list. A bulletin changes no figure.
 */
export function queriesTouchedBy(campaignId: string, event: Pick<FeedEvent, 'type'>) {
  switch (event.type) {
    case 'task':
    case 'escalation':
      return [campaignKeys.progress(campaignId)];
    case 'campaign':
      return [campaignKeys.progress(campaignId), campaignKeys.list()];
    default:
      return [];
  }
}

/** Keeps a campaign's battle map live from GET /api/campaigns/:id/events; returns the feed's state. */
export function useCampaignLive(campaignId: string | undefined): FeedState {
  const invalidate = useBatchedInvalidation();
  return useChangeFeed(campaignId ? `/api/campaigns/${encodeURIComponent(campaignId)}/events` : null, {
    onEvent: (event) => {
      if (campaignId) for (const key of queriesTouchedBy(campaignId, event)) invalidate(key);
    },
    // Whatever changed before the stream opened (or while it was down) is read again.
    onOpen: () => {
      if (campaignId) invalidate(campaignKeys.progress(campaignId));
    },
  });
}
