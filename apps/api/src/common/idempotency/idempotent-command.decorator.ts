import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
} from '../../../../../libs/domain/src/idempotency/idempotency-key';
import { ErrorBody } from '../error-body';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENT_COMMAND_KEY = 'idempotentCommand';

/**
 * A route that changes state and takes an optional `Idempotency-Key`: a retry with the same key
 * answers the first result instead of applying the command again. Put it directly under the
 * route's `@Post`/`@Put`/`@Patch`/`@Delete`, above `@FileUpload` (its interceptor must run after
 * the upload is parsed).
 */
export function IdempotentCommand() {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_COMMAND_KEY, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        `1–${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID per user action). A retry with the same key ` +
        'within 24 hours answers the first result (same status and body) instead of applying the command again; ' +
        'the same key with another request answers 422 IDEMPOTENCY_KEY_REUSED, one still running 409 IDEMPOTENCY_IN_PROGRESS.',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
        pattern: '^[\\x21-\\x7E]+$',
      },
    }),
    ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'IDEMPOTENCY_KEY_REUSED' }),
  );
}
