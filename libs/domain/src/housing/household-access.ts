import type { Role } from '../access/roles';
import { readsAcrossUnits } from '../access/unit-reach';
import { isWithin } from '../organisation/unit-tree';
import type { HouseholdCommandType } from './household-process';

/**
 * Per-object rules for households, as plain functions (the API's single and bulk routes and the
 * batch activities all decide by these). A township or village acts on the households of its own
 * villages; the programme's housing bureau (住建局) approves at county level, signs acceptance and
 * sees every household of its programme; the command center withdraws and retries payments. Which
 * unit must take a particular step (the village for village approval …) the pipeline itself checks.
 */
export type HouseholdReach = 'local' | 'bureau' | 'command-center';

export interface HouseholdActor {
  unitCode: string;
  unitPath: string;
  roles: readonly Role[];
}

export interface HouseholdScope {
  villagePath: string;
  housingBureau: string;
}

export const HOUSEHOLD_WHO_MAY: Record<HouseholdCommandType, HouseholdReach[]> = {
  'record-appraisal': ['local', 'bureau'],
  approve: ['local', 'bureau'],
  reject: ['local', 'bureau'],
  'file-objection': ['local', 'bureau', 'command-center'],
  'resolve-objection': ['local', 'bureau'],
  'record-start': ['local'],
  'record-completion': ['local'],
  'sign-acceptance': ['local', 'bureau'],
  'record-move-in': ['local'],
  'attach-evidence': ['local', 'bureau'],
  'retry-payment': ['bureau', 'command-center'],
  withdraw: ['local', 'command-center'],
};

const isDepartment = (actor: HouseholdActor) => actor.roles.includes('department');

/** In what capacities the actor reaches this household. */
export function householdReach(actor: HouseholdActor, household: HouseholdScope): HouseholdReach[] {
  const reach: HouseholdReach[] = [];
  if (isDepartment(actor) && isWithin(household.villagePath, actor.unitPath)) reach.push('local');
  if (isDepartment(actor) && actor.unitCode === household.housingBureau) reach.push('bureau');
  if (actor.roles.includes('command-center')) reach.push('command-center');
  return reach;
}

export { readsAcrossUnits };

export function maySeeHousehold(actor: HouseholdActor, household: HouseholdScope): boolean {
  return readsAcrossUnits(actor) || householdReach(actor, household).length > 0;
}

export function mayTakeHouseholdStep(
  actor: HouseholdActor,
  household: HouseholdScope,
  step: HouseholdCommandType,
): boolean {
  return householdReach(actor, household).some((reach) => HOUSEHOLD_WHO_MAY[step].includes(reach));
}

/** Whether the actor reads a programme's households of every township (else only its own unit's). */
export function readsWholeProgramme(actor: HouseholdActor, programme: { housingBureau: string }): boolean {
  return readsAcrossUnits(actor) || (isDepartment(actor) && actor.unitCode === programme.housingBureau);
}

export const NOT_YOUR_HOUSEHOLD = { code: 'NOT_YOUR_HOUSEHOLD', message: '无权对该户执行此操作' } as const;
