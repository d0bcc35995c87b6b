import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';

export type QueueEntry = components['schemas']['LeaderQueueEntryView'];

export const LEADER_QUEUE_KEY = ['leader-queue'] as const;

/** Summons and accountability steps waiting for a leader, oldest first (the read model). */
export function useLeaderQueue() {
  return useQuery({
    queryKey: LEADER_QUEUE_KEY,
    queryFn: () => must(api.GET('/api/leader-queue')),
  });
}
