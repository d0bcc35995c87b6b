import { catchUp, type EscalationStep } from '../escalation/ladder';
import { nextEscalation, type ItemState } from './item-process';

/**
 * An item brought in from an existing ledger as it stands (导入已有台账) may be registered after some
 * of its ladder steps fell due. They are not issued one after another at registration: the ladder's
 * catch-up rule (`catchUp`) fires the highest step whose time has passed, as it would have fired,
 * and passes over the ones below it, so the item stands at the level it has really reached. Steps
 * still ahead fire at their time as usual.
 *
 * Returns the levels to pass over and the step to fire now (none when no step has passed).
 */
export function catchUpEscalation(
  ladder: readonly EscalationStep[],
  state: ItemState,
  now: string,
): { passedOver: number[]; fire: EscalationStep | null } {
  const passed: EscalationStep[] = [];
  let probe = state;
  for (let due = nextEscalation(ladder, probe); due && due.dueAt.getTime() <= Date.parse(now);) {
    passed.push(due.step);
    probe = { ...probe, firedLevels: [...probe.firedLevels, due.step.level] };
    due = nextEscalation(ladder, probe);
  }
  return catchUp(passed);
}

/** The state with passed-over levels counted as fired (no notice, no leader's decision owed). */
export function passOver(state: ItemState, levels: readonly number[]): ItemState {
  return {
    ...state,
    firedLevels: [...state.firedLevels, ...levels.filter((l) => !state.firedLevels.includes(l))],
  };
}
