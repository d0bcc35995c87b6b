import { isWithin } from '../organisation/unit-tree';
import { READS_ACROSS_UNITS, type Role } from './roles';

/** Who acts, as the per-object rules need them (the API's caller, a batch's frozen caller). */
export interface UnitActor {
  id: string;
  unitPath: string;
  roles: readonly Role[];
}

/** Whether the actor reads across all units (command center, leadership, inspectors, admins). */
export function readsAcrossUnits(actor: Pick<UnitActor, 'roles'>): boolean {
  return actor.roles.some((role) => READS_ACROSS_UNITS.includes(role));
}

/**
 * Per-object rule for units: a department acts for its own unit and the units below it
 * (a township for its villages); the cross-unit roles reach every unit.
 */
export function canReachUnit(actor: Pick<UnitActor, 'roles' | 'unitPath'>, unitPath: string): boolean {
  return readsAcrossUnits(actor) || isWithin(unitPath, actor.unitPath);
}

/** Whether a department user's own unit is at or above `unitPath` (cross-unit roles aside). */
export function departmentReaches(actor: Pick<UnitActor, 'roles' | 'unitPath'>, unitPath: string): boolean {
  return actor.roles.includes('department') && isWithin(unitPath, actor.unitPath);
}
