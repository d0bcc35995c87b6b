import { ForbiddenException } from '@nestjs/common';
import { canReachUnit } from '../../../../libs/domain/src/access/unit-reach';
import type { CurrentUser } from './current-user';

export { canReachUnit, readsAcrossUnits } from '../../../../libs/domain/src/access/unit-reach';

export function assertCanReachUnit(user: CurrentUser, unitPath: string): void {
  if (!canReachUnit(user, unitPath)) {
    throw new ForbiddenException({ code: 'OTHER_UNIT', message: '无权操作其他单位的事项' });
  }
}
