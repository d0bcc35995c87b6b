import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';

export type UserView = components['schemas']['UserView'];
export type ApiTokenView = components['schemas']['ApiTokenView'];

export const PEOPLE_KEY = ['admin', 'people'] as const;

/** People at or below a unit (all when none is chosen). */
export function usePeople(within: string | null) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, within],
    queryFn: () => must(api.GET('/api/users', { params: { query: within ? { within } : {} } })),
  });
}

export function isLocked(person: UserView, now: number): boolean {
  return (
    person.lockedUntil !== null && person.lockedUntil !== undefined && Date.parse(person.lockedUntil) > now
  );
}
