import { DATED_COMMAND_TYPES, HouseholdCommand } from '../../../../libs/domain/src/housing/household-process';
import { CommonErrors } from '../common/errors/common.errors';
import { fieldInvalid } from '../common/validation-failed';
import type { HouseholdStepBody } from './dto/household.dto';

/** Turns a validated request body into the pipeline's command. */
export function stepCommand(body: HouseholdStepBody): HouseholdCommand {
  const note = { note: body.note ?? '', evidenceIds: body.evidenceIds ?? [] };
  if (body.occurredOn !== undefined && !DATED_COMMAND_TYPES.some((type) => type === body.type))
    throw fieldInvalid('occurredOn', `只适用于 ${DATED_COMMAND_TYPES.join('、')}`);
  // A milestone recorded later carries the day it happened; the domain dates the milestone by it.
  const dated = body.occurredOn === undefined ? {} : { occurredOn: body.occurredOn };
  switch (body.type) {
    case 'record-appraisal':
      return { type: 'record-appraisal', rating: body.rating!, ...note, ...dated };
    case 'approve':
    case 'sign-acceptance':
      return { type: body.type, ...note };
    case 'record-start':
    case 'record-completion':
    case 'record-move-in':
      return { type: body.type, ...note, ...dated };
    case 'reject':
    case 'retry-payment':
    case 'withdraw':
      return { type: body.type, reason: body.reason! };
    case 'file-objection':
      return { type: 'file-objection', objection: body.objection! };
    case 'resolve-objection':
      return {
        type: 'resolve-objection',
        objectionId: body.objectionId!,
        upheld: body.upheld!,
        reason: body.reason!,
      };
    default:
      throw CommonErrors.error('VALIDATION_FAILED', `未知的步骤 ${body.type}`);
  }
}
