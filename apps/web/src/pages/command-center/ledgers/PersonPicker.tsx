import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { useUnits } from '../../department/households/useUnits';

type Person = components['schemas']['UserView'];

/** Who may be chosen: the people of one unit (a responsible person), or verifiers (督查组, 指挥部). */
export type PersonScope = { unit: string } | { verifiers: true };

const VERIFIER_ROLES = new Set(['inspector', 'command-center']);

/** The active people of a scope, by name (GET /api/users; the API lists only those the caller may see). */
export function usePeople(scope: PersonScope | null) {
  const within = scope && 'unit' in scope ? scope.unit : undefined;
  const people = useQuery({
    queryKey: ['users', within ?? 'all'],
    enabled: scope !== null,
    staleTime: 60_000,
    queryFn: () => must(api.GET('/api/users', { params: { query: within ? { within } : {} } })),
  });
  const chosen = (people.data ?? []).filter(
    (person: Person) =>
      person.active &&
      (scope && 'unit' in scope
        ? person.unitCode === scope.unit
        : person.roles.some((role) => VERIFIER_ROLES.has(role))),
  );
  return { people: chosen, loading: people.isFetching, error: people.error };
}

/**
 * A person chosen by name, searched among the people of the scope (the responsible unit's staff, or
 * the verifiers): the form holds the id, the person never types it.
 */
export function PersonPicker({
  scope,
  value,
  onChange,
  id,
  placeholder,
  ...rest
}: {
  scope: PersonScope | null;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const { people, loading } = usePeople(scope);
  const { nameOf } = useUnits();
  return (
    <Select<string>
      id={id}
      aria-label={rest['aria-label']}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      disabled={scope === null}
      placeholder={scope === null ? '请先选择责任单位' : (placeholder ?? '输入姓名搜索')}
      notFoundContent={loading ? '加载中…' : '没有符合条件的人员'}
      options={people.map((person) => ({
        value: person.id,
        label: `${person.displayName}（${nameOf(person.unitCode)}）`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
