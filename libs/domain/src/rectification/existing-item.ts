import { catchUp, stepsPassedBy, type EscalationStep } from '../escalation/ladder';
import { nextEscalation, type ItemState } from './item-process';

/**
 * An item may wake after several of its ladder steps fell due: brought in from an existing ledger as
 * it stands (导入已有台账), with steps due at the same instant (a basic deadline equal to the full one:
 * yellow and red card), or after the worker was down. They are not issued one after another: the
 * ladder's catch-up rule (`catchUp`) fires the highest step whose time has passed and passes over the
 * ones below it, so the item stands at the level it has really reached. Steps still ahead fire at
 * their time as usual.
 *
 * Returns the levels to pass over and the step to fire now (none when no step has passed).
 */
export function catchUpEscalation(
  ladder: readonly EscalationStep[],
  state: ItemState,
  now: string,
): { passedOver: number[]; fire: EscalationStep | null } {
  const next = (firedLevels: readonly number[]) =>
    nextEscalation(ladder, { ...state, firedLevels: [...firedLevels] });
  return catchUp(stepsPassedBy(next, state.firedLevels, new Date(now)));
}

/** The state with passed-over levels counted as fired (no notice, no leader's decision owed). */
export function passOver(state: ItemState, levels: readonly number[]): ItemState {
  return {
    ...state,
    firedLevels: [...state.firedLevels, ...levels.filter((l) => !state.firedLevels.includes(l))],
  };
}
