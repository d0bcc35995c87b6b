import {
  mayTakeHouseholdStep,
  type HouseholdScope,
} from '../../../../libs/domain/src/housing/household-access';
import type { HouseholdCommandType } from '../../../../libs/domain/src/housing/household-process';
import { canReachUnit } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';
import { HousingErrors } from './housing.errors';

// The rules themselves are plain functions in libs/domain/src/housing/household-access.ts.
export {
  maySeeHousehold,
  readsWholeProgramme,
  type HouseholdScope,
} from '../../../../libs/domain/src/housing/household-access';

const isDepartment = (caller: CurrentUser) => caller.roles.includes('department');

export function assertMayTakeStep(
  caller: CurrentUser,
  household: HouseholdScope,
  step: HouseholdCommandType,
): void {
  if (!mayTakeHouseholdStep(caller, household, step)) throw HousingErrors.error('NOT_YOUR_HOUSEHOLD');
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
