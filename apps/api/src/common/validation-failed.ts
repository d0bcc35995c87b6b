import type { BadRequestException } from '@nestjs/common';
import { CommonErrors } from './errors/common.errors';
import type { FieldProblem } from './error-body';

/** 400 `VALIDATION_FAILED` naming each bad field: the one shape of every validation refusal. */
export function validationFailed(details: FieldProblem[], message?: string): BadRequestException {
  return CommonErrors.error('VALIDATION_FAILED', message, details);
}

/** 400 `VALIDATION_FAILED` for one field with one problem. */
export function fieldInvalid(field: string, problem: string, message?: string): BadRequestException {
  return validationFailed([{ field, problems: [problem] }], message);
}
