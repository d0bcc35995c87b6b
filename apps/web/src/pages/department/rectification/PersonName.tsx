import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';

/** A person's display name (the API answers only for people the caller may see; else a dash). */
export function PersonName({ id }: { id: string }) {
  const person = useQuery({
    queryKey: ['user', id],
    queryFn: () => must(api.GET('/api/users/{id}', { params: { path: { id } } })),
    retry: false,
    staleTime: 5 * 60_000,
  });
  if (person.data) return <>{person.data.displayName}</>;
  return <>{person.isLoading ? '…' : '—'}</>;
}

/** A unit's name with its code. */
export function UnitName({ code }: { code: string }) {
  const unit = useQuery({
    queryKey: ['unit', code],
    queryFn: () => must(api.GET('/api/units/{code}', { params: { path: { code } } })),
    retry: false,
    staleTime: 5 * 60_000,
  });
  return <>{unit.data ? `${unit.data.name}（${code}）` : code}</>;
}
