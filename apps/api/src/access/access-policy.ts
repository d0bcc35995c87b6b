import { ForbiddenException } from '@nestjs/common';
import { READS_ACROSS_UNITS } from '../../../../libs/domain/src/access/roles';
import { isWithin } from '../../../../libs/domain/src/organisation/unit-tree';
import type { CurrentUser } from './current-user';

/** Whether the caller reads across all units (command center, leadership, inspectors, admins). */
export function readsAcrossUnits(user: CurrentUser): boolean {
  return user.roles.some((role) => READS_ACROSS_UNITS.includes(role));
}

/**
 * Per-object rule for units: a department acts for its own unit and the units below it
 * (a township for its villages); the cross-unit roles reach every unit.
 */
export function canReachUnit(user: CurrentUser, unitPath: string): boolean {
  return readsAcrossUnits(user) || isWithin(unitPath, user.unitPath);
}

export function assertCanReachUnit(user: CurrentUser, unitPath: string): void {
  if (!canReachUnit(user, unitPath)) {
    throw new ForbiddenException({ code: 'OTHER_UNIT', message: '无权操作其他单位的事项' });
  }
}
