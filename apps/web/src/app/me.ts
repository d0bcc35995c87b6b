import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { accessOf, type Access, type Me } from './access';

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in person and what they may do. */
export function useMe(): { me: Me | undefined; access: Access; isLoading: boolean } {
  const query = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => must(api.GET('/api/users/me')) as Promise<Me>,
    staleTime: 5 * 60_000,
  });
  return { me: query.data, access: accessOf(query.data), isLoading: query.isLoading };
}
