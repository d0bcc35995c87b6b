import { BadRequestException } from '@nestjs/common';
import { declareErrors, type DeclaredError } from '../common/errors/error-catalogue';

/** The unit tree. UNIT_NOT_FOUND is also what the people routes answer for an unknown unit. */
export const UnitsErrors = declareErrors('units', {
  UNIT_NOT_FOUND: { status: 404, message: '单位不存在' },
  UNIT_EXISTS: { status: 409, message: '单位编码已存在' },
  PARENT_NOT_FOUND: { status: 400, message: '上级单位不存在' },
  UNIT_CYCLE: { status: 409, message: '不能把单位移到它自己或其下级单位之下' },
});

/** A unit named in a request's field (a person's unit) that does not exist: 400 UNIT_NOT_FOUND naming the field. */
export function unitInFieldNotFound(code: string, field: string): BadRequestException {
  const message = `单位 ${code} 不存在`;
  return new BadRequestException({
    code: UnitsErrors.codes.UNIT_NOT_FOUND,
    message,
    details: [{ field, problems: [message] }],
  });
}

/** How a route lists `unitInFieldNotFound` in the OpenAPI document. */
export const UNIT_IN_FIELD_NOT_FOUND: DeclaredError[] = [
  { code: UnitsErrors.codes.UNIT_NOT_FOUND, status: 400, message: '所填单位不存在' },
];
