import { BadRequestException } from '@nestjs/common';
import type { FieldProblem } from './error-body';

/** 400 `VALIDATION_FAILED` naming each bad field: the one shape of every validation refusal. */
export function validationFailed(details: FieldProblem[], message = '请求参数有误'): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', message, details });
}

/** 400 `VALIDATION_FAILED` for one field with one problem. */
export function fieldInvalid(field: string, problem: string, message = '请求参数有误'): BadRequestException {
  return validationFailed([{ field, problems: [problem] }], message);
}
