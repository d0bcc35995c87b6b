import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';

/** The unit tree (every signed-in person may read it): names of townships and villages by code. */
export function useUnits() {
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => must(api.GET('/api/units')),
    staleTime: 10 * 60_000,
  });
  const list = units.data ?? [];
  const names = new Map(list.map((unit) => [unit.code, unit.name]));
  return {
    list,
    nameOf: (code: string) => names.get(code) ?? code,
  };
}
