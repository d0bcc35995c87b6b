import { ForbiddenException } from '@nestjs/common';
import type { ItemCommandType } from '../../../../libs/domain/src/rectification/item-process';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import { canReachUnit } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';

/** Steps the responsible unit takes on its own items (or a unit above it in the tree). */
const UNIT_STEPS: ItemCommandType[] = [
  'record-progress',
  'attach-evidence',
  'mark-basic-done',
  'submit',
  'request-extension',
];
const VERIFIER_STEPS: ItemCommandType[] = ['accept', 'reject'];
const COMMAND_CENTER_STEPS: ItemCommandType[] = ['reassign', 'decide-extension', 'pause', 'resume'];

/**
 * Per-object rule for a step on an item: the responsible unit's steps need a department user whose
 * unit reaches the item's unit; close-out needs the item's own verifier; the command center manages;
 * inspectors reopen; leaders decide on summons and accountability.
 */
export function assertMayTake(caller: CurrentUser, item: RectificationItem, step: ItemCommandType): void {
  const has = (role: string) => caller.roles.some((r) => r === role);
  const allowed =
    (UNIT_STEPS.includes(step) &&
      has('department') &&
      canReachUnit({ ...caller, roles: ['department'] }, item.responsibleUnitPath)) ||
    (VERIFIER_STEPS.includes(step) && caller.id === item.verifierId) ||
    (COMMAND_CENTER_STEPS.includes(step) && has('command-center')) ||
    (step === 'reopen' && has('inspector')) ||
    (step === 'leader-decision' && has('leadership'));
  if (!allowed) {
    const message = VERIFIER_STEPS.includes(step)
      ? '只有该问题的验收人可以验收或退回'
      : '无权对该问题执行此操作';
    throw new ForbiddenException({ code: 'NOT_YOUR_ITEM', message });
  }
}

/** Who may see an item: cross-unit roles, or a department at or above its responsible unit. */
export function maySee(caller: CurrentUser, item: RectificationItem): boolean {
  return (
    canReachUnit(caller, item.responsibleUnitPath) ||
    caller.id === item.verifierId ||
    caller.id === item.responsiblePersonId
  );
}
