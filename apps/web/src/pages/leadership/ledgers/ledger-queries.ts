import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Ledger = components['schemas']['LedgerView'];
export type LedgerOverview = components['schemas']['LedgerOverviewView'];
export type LedgerCount = components['schemas']['LedgerCountView'];
export type OverdueItem = components['schemas']['LedgerOverdueItemView'];
export type BulletinSummary = components['schemas']['BulletinSummaryView'];

export const ledgerKeys = {
  ledgers: ['ledgers'] as const,
  ledger: (id: string) => ['ledgers', id] as const,
  overview: (id: string) => ['ledgers', id, 'overview'] as const,
  bulletins: (id: string) => ['ledgers', id, 'bulletins'] as const,
};

export function useLedgers() {
  return useQuery({ queryKey: ledgerKeys.ledgers, queryFn: () => must(api.GET('/api/ledgers')) });
}

export function useLedger(id: string) {
  return useQuery({
    queryKey: ledgerKeys.ledger(id),
    queryFn: () => must(api.GET('/api/ledgers/{id}', { params: { path: { id } } })),
  });
}

const overviewQuery = (id: string) => ({
  queryKey: ledgerKeys.overview(id),
  queryFn: () => must(api.GET('/api/ledgers/{id}/overview', { params: { path: { id } } })),
});

export function useLedgerOverview(id: string) {
  return useQuery(overviewQuery(id));
}

export function useLedgerOverviews(ids: string[]) {
  return useQueries({ queries: ids.map(overviewQuery) });
}

export function useBulletins(ledgerId: string) {
  return useQuery({
    queryKey: ledgerKeys.bulletins(ledgerId),
    queryFn: () => must(api.GET('/api/ledgers/{ledgerId}/bulletins', { params: { path: { ledgerId } } })),
  });
}
