import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { refuseBadInput } from './bad-input';
import { FieldProblem } from './error-body';
import { constraintProblems } from './validation-messages';
import { validationFailed } from './validation-failed';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: constraintProblems(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Checks depth and unstorable text before class-transformer and class-validator walk a value
 * (they recurse without limit). BadInputCheck has checked JSON bodies already; multipart text fields
 * are parsed later, by the upload interceptor, and are checked here.
 */
class CheckedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom')
      refuseBadInput(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    return super.transform(value, metadata);
  }
}

/** Rejects unknown fields and names every bad field at once; nothing reaches a handler unvalidated. */
export function createValidationPipe(): ValidationPipe {
  return new CheckedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
