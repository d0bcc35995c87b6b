import { canReachUnit } from '../../../../libs/domain/src/access/unit-reach';
import type { CurrentUser } from './current-user';
import { CommonErrors } from '../common/errors/common.errors';

export { canReachUnit, readsAcrossUnits } from '../../../../libs/domain/src/access/unit-reach';

export function assertCanReachUnit(user: CurrentUser, unitPath: string): void {
  if (!canReachUnit(user, unitPath)) {
    throw CommonErrors.error('OTHER_UNIT');
  }
}
