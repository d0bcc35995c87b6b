import {
  decide,
  type ItemCommand,
  type ItemState,
} from '../../../../../../libs/domain/src/rectification/item-process';
import type { components } from '../../../api/schema';
import { objectOf, textOf } from '../campaign-task/view-values';

export type ItemDetail = components['schemas']['ItemDetailView'];

export type PendingExtension = NonNullable<ItemState['pendingExtension']>;

export const pendingExtensionOf = (item: ItemDetail) => objectOf<PendingExtension>(item.pendingExtension);

/**
 * The item's process state as far as the page knows it, for libs/domain's `decide` to say which
 * steps are legal now (the API decides again).
 */
function stateOf(item: ItemDetail, now: string): ItemState {
  return {
    status: item.status,
    deadlines: { basic: item.basicDeadline, full: item.fullDeadline },
    originalDeadlines: { basic: item.originalBasicDeadline, full: item.originalFullDeadline },
    responsibleUnit: item.responsibleUnit,
    responsiblePersonId: item.responsiblePersonId,
    verifierId: item.verifierId,
    basicDoneAt: textOf(item.basicDoneAt),
    submittedAt: null,
    closedAt: textOf(item.closedAt),
    pendingExtension: pendingExtensionOf(item),
    extensionsApproved: 0,
    // The paused days so far include the running pause: counted up to now already.
    paused: item.paused ? { since: now, reason: '' } : null,
    pausedMs: Math.round(item.pausedDays * 86_400_000),
    reopenCount: item.reopenCount,
    rejectionCount: 0,
    firedLevels: [],
    awaitingLeader: item.awaitingLeader,
    evidenceIds: item.evidence.map((evidence) => evidence.id),
    closeOut: null,
    version: item.version,
  };
}

export type ItemStep =
  'record-progress' | 'mark-basic-done' | 'submit' | 'accept' | 'reject' | 'request-extension';

const PROBES: Record<ItemStep, ItemCommand> = {
  'record-progress': { type: 'record-progress', note: '' },
  'mark-basic-done': { type: 'mark-basic-done', note: '' },
  submit: { type: 'submit', note: '' },
  accept: { type: 'accept', note: '' },
  reject: { type: 'reject', reason: '' },
  // A date far after any deadline: only the state decides (closed, pending, deadline passed).
  'request-extension': {
    type: 'request-extension',
    newBasic: null,
    newFull: '9999-12-31T00:00:00.000Z',
    reason: '',
  },
};

/** Whether each step is legal in the item's state now: `null` when it is, else the rule's reason. */
export function stepRefusals(
  item: ItemDetail,
  now = new Date().toISOString(),
): Record<ItemStep, string | null> {
  const entries = (Object.keys(PROBES) as ItemStep[]).map(
    (step) => [step, refusalOf(item, PROBES[step], now)] as const,
  );
  return Object.fromEntries(entries) as Record<ItemStep, string | null>;
}

/** Whether the process rules allow this step on the item now: `null` when they do, else the rule's reason. */
export function refusalOf(
  item: ItemDetail,
  command: ItemCommand,
  now = new Date().toISOString(),
): string | null {
  const actor = { id: '', name: '', unit: null, roles: [] };
  const decision = decide(stateOf(item, now), command, actor, now);
  return decision.ok ? null : decision.reason;
}
