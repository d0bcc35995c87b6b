import { api, must } from '../../../api/client';
import type { ItemDetail } from './item-steps';

export const itemQueryKey = (itemId: string) => ['rectification', itemId] as const;

export function fetchItem(itemId: string): Promise<ItemDetail> {
  return must(api.GET('/api/rectifications/{id}', { params: { path: { id: itemId } } }));
}
