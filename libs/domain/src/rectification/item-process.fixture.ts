import type { Actor } from '../process/actor';
import { newItemState } from './item-process';

/** The people and the registered item the item-process specs walk through its steps. */
export const RESPONSIBLE_PERSON: Actor = { id: 'user:p1', name: '责任人', unit: 'tA', roles: ['department'] };
export const VERIFIER: Actor = { id: 'user:v1', name: '验收人', unit: 'c1', roles: ['inspector'] };
export const REGISTERED_ITEM = newItemState({
  deadlines: { basic: '2019-05-15T16:00:00.000Z', full: '2019-05-31T16:00:00.000Z' },
  responsibleUnit: 'tA',
  responsiblePersonId: 'p1',
  verifierId: 'v1',
});
