import type { ItemCommandType } from '../../../../libs/domain/src/rectification/item-process';
import {
  maySeeItem,
  mayTakeItemStep,
  notYourItem,
} from '../../../../libs/domain/src/rectification/item-access';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import type { CurrentUser } from '../access/current-user';
import { RectificationErrors } from './rectification.errors';

/** Per-object rule for a step on an item (libs/domain item-access): 403 NOT_YOUR_ITEM if refused. */
export function assertMayTake(caller: CurrentUser, item: RectificationItem, step: ItemCommandType): void {
  if (!mayTakeItemStep(caller, item, step))
    throw RectificationErrors.error('NOT_YOUR_ITEM', notYourItem(step).message);
}

/** Who may see an item: cross-unit roles, or a department at or above its responsible unit. */
export function maySee(caller: CurrentUser, item: RectificationItem): boolean {
  return maySeeItem(caller, item);
}
