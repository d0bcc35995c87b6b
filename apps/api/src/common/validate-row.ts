import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { RowProblem } from './table-file';
import { constraintProblems } from './validation-messages';

/** Validates one imported row with the same DTO as the single-object route. */
export async function validateRow<T extends object>(
  dto: new () => T,
  row: number,
  plain: Record<string, unknown>,
): Promise<{ value: T; problems: RowProblem[] }> {
  const value = plainToInstance(dto, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return {
    value,
    problems: errors.map((e) => ({ row, field: e.property, problems: constraintProblems(e.constraints) })),
  };
}
