import { ForbiddenException } from '@nestjs/common';
import type { HouseholdCommandType } from '../../../../libs/domain/src/housing/household-process';
import { canReachUnit, readsAcrossUnits } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';

/**
 * Per-object rules for households. A township or village acts on the households of its own
 * villages; the programme's housing bureau (住建局) approves at county level, signs acceptance and
 * sees every household of its programme; the command center withdraws and retries payments. Which
 * unit must take a particular step (the village for village approval …) the pipeline itself checks.
 */
type Reach = 'local' | 'bureau' | 'command-center';

const WHO_MAY: Record<HouseholdCommandType, Reach[]> = {
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

export interface HouseholdScope {
  villagePath: string;
  housingBureau: string;
}

const isDepartment = (caller: CurrentUser) => caller.roles.includes('department');

function reaches(caller: CurrentUser, household: HouseholdScope): Reach[] {
  const reach: Reach[] = [];
  if (isDepartment(caller) && canReachUnit({ ...caller, roles: ['department'] }, household.villagePath))
    reach.push('local');
  if (isDepartment(caller) && caller.unitCode === household.housingBureau) reach.push('bureau');
  if (caller.roles.includes('command-center')) reach.push('command-center');
  return reach;
}

export function maySeeHousehold(caller: CurrentUser, household: HouseholdScope): boolean {
  return readsAcrossUnits(caller) || reaches(caller, household).length > 0;
}

export function assertMayTakeStep(
  caller: CurrentUser,
  household: HouseholdScope,
  step: HouseholdCommandType,
): void {
  if (!reaches(caller, household).some((reach) => WHO_MAY[step].includes(reach)))
    throw new ForbiddenException({ code: 'NOT_YOUR_HOUSEHOLD', message: '无权对该户执行此操作' });
}

/** Whether the caller may read a programme's households of every township (else only its own). */
export function readsWholeProgramme(caller: CurrentUser, programme: { housingBureau: string }): boolean {
  return readsAcrossUnits(caller) || (isDepartment(caller) && caller.unitCode === programme.housingBureau);
}

/** Who may import households of this township: the bureau, the command center, or the township itself. */
export function mayImportFor(
  caller: CurrentUser,
  programme: { housingBureau: string },
  villagePath: string,
): boolean {
  return (
    caller.roles.includes('command-center') ||
    (isDepartment(caller) &&
      (caller.unitCode === programme.housingBureau ||
        canReachUnit({ ...caller, roles: ['department'] }, villagePath)))
  );
}
