import { departmentReaches, canReachUnit, type UnitActor } from '../access/unit-reach';
import type { ItemCommandType } from './item-process';

/**
 * Per-object rules for rectification items, as plain functions: the API's single and bulk routes
 * and the batch activities all decide by these.
 */
export interface ItemScope {
  responsibleUnitPath: string;
  verifierId: string;
  responsiblePersonId: string;
}

/** Steps the responsible unit takes on its own items (or a unit above it in the tree). */
const UNIT_STEPS: ItemCommandType[] = [
  'record-progress',
  'attach-evidence',
  'mark-basic-done',
  'submit',
  'request-extension',
];
const VERIFIER_STEPS: ItemCommandType[] = ['accept', 'reject'];
const COMMAND_CENTER_STEPS: ItemCommandType[] = ['reassign', 'decide-extension', 'pause', 'resume', 'reopen'];

/**
 * The responsible unit's steps need a department user whose unit reaches the item's unit; close-out
 * needs the item's own verifier; the command center manages; inspectors and the command center
 * reopen (回头看); leaders decide on summons and accountability.
 */
export function mayTakeItemStep(actor: UnitActor, item: ItemScope, step: ItemCommandType): boolean {
  const has = (role: string) => actor.roles.some((r) => r === role);
  return (
    (UNIT_STEPS.includes(step) && departmentReaches(actor, item.responsibleUnitPath)) ||
    (VERIFIER_STEPS.includes(step) && actor.id === item.verifierId) ||
    (COMMAND_CENTER_STEPS.includes(step) && has('command-center')) ||
    (step === 'reopen' && has('inspector')) ||
    (step === 'leader-decision' && has('leadership'))
  );
}

/** The refusal of a step the actor may not take on this item. */
export function notYourItem(step: ItemCommandType): { code: 'NOT_YOUR_ITEM'; message: string } {
  return {
    code: 'NOT_YOUR_ITEM',
    message: VERIFIER_STEPS.includes(step) ? '只有该问题的验收人可以验收或退回' : '无权对该问题执行此操作',
  };
}

/** Who may see an item: cross-unit roles, a department at or above its responsible unit, its verifier and its responsible person. */
export function maySeeItem(actor: UnitActor, item: ItemScope): boolean {
  return (
    canReachUnit(actor, item.responsibleUnitPath) ||
    actor.id === item.verifierId ||
    actor.id === item.responsiblePersonId
  );
}
