import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { ladderProblems } from '../../../../libs/domain/src/escalation/ladder';
import { bulletinCadenceProblem } from '../../../../libs/domain/src/rectification/bulletin';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';

function rule(name: string, test: (value: unknown) => string | null, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => test(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} ${test(args?.value) ?? 'is invalid'}`,
      },
    });
}

/** A deadline: a date alone (YYYY-MM-DD, meaning the end of that day in CST) or an ISO instant. */
export const IsDeadline = (options?: ValidationOptions) =>
  rule(
    'isDeadline',
    (value) => {
      if (typeof value !== 'string') return 'must be a date (YYYY-MM-DD) or an ISO 8601 instant';
      try {
        deadlineInstant(value);
        return null;
      } catch (error) {
        return `must be a date (YYYY-MM-DD) or an ISO 8601 instant: ${(error as Error).message}`;
      }
    },
    options,
  );

/** An escalation ladder given as data; the message names each bad step by its path. */
export const IsEscalationLadder = (options?: ValidationOptions) =>
  rule(
    'isEscalationLadder',
    (value) => {
      const problems = ladderProblems(value);
      return problems.length === 0
        ? null
        : `is not a valid ladder: ${problems.map((p) => `${p.path} ${p.problem}`).join('; ')}`;
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
