import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { ladderProblems } from '../../../../libs/domain/src/escalation/ladder';
import { bulletinCadenceProblem } from '../../../../libs/domain/src/rectification/bulletin';
import { cstDayStart, deadlineInstant } from '../../../../libs/domain/src/time/china-time';

function rule(name: string, test: (value: unknown) => string | null, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => test(value) === null,
        // The field is named beside each problem, so the message is the problem alone.
        defaultMessage: (args?: ValidationArguments) => test(args?.value) ?? '取值无效',
      },
    });
}

/**
 * The problem of a value `parse` refuses, in words (`format`), naming an impossible date such as
 * 2026-02-30; null when `parse` takes it.
 */
const dateProblem =
  (format: string, parse: (value: string) => unknown) =>
  (value: unknown): string | null => {
    if (typeof value !== 'string') return format;
    try {
      parse(value);
      return null;
    } catch {
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${format}：${value} 不是有效的日期` : format;
    }
  };

/** Why a value is not a deadline, in words; null when it is one. */
export const deadlineProblem = dateProblem('须为日期（YYYY-MM-DD）或 ISO 8601 时刻', deadlineInstant);

/** A deadline: a date alone (YYYY-MM-DD, meaning the end of that day in CST) or an ISO instant. */
export const IsDeadline = (options?: ValidationOptions) => rule('isDeadline', deadlineProblem, options);

/** An escalation ladder given as data; the message names each bad step by its path. */
export const IsEscalationLadder = (options?: ValidationOptions) =>
  rule(
    'isEscalationLadder',
    (value) => {
      const problems = ladderProblems(value);
      return problems.length === 0
        ? null
        : `督办升级规则有误：${problems.map((p) => `${p.path} ${p.problem}`.trim()).join('；')}`;
    },
    options,
  );

/** A bulletin cadence: a positive ISO 8601 duration (`P1W`, `PT10M`). */
export const IsBulletinCadence = (options?: ValidationOptions) =>
  rule(
    'isBulletinCadence',
    (value) => (typeof value === 'string' ? bulletinCadenceProblem(value) : '须为 ISO 8601 时长，例如 P1W'),
    options,
  );

/** A calendar date alone (`2026-06-15`), read as that day in China Standard Time. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  rule('isCalendarDate', dateProblem('须为日期，格式 YYYY-MM-DD', cstDayStart), options);

/**
 * An optional field that, when sent, must hold a value: omitted is fine, `null` is checked by the
 * field's other rules and refused (class-validator's `@IsOptional()` lets null through, and a
 * PATCH then wrote null into a NOT NULL column: 500). Use `@IsOptional()` only where null means
 * something (documented `nullable`).
 */
export const IsOmittableNotNull = (options?: ValidationOptions) =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);
