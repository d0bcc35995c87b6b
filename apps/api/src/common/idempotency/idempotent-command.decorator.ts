import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
} from '../../../../../libs/domain/src/idempotency/idempotency-key';
import { ApiErrorsOf } from '../errors/api-errors.decorator';
import { CommonErrors } from '../errors/common.errors';
import { IDEMPOTENT_ANSWER_NOT_STORED_KEY, IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENT_COMMAND_KEY = 'idempotentCommand';

export interface IdempotentCommandOptions {
  /**
   * `false` for an answer that must not be written to the idempotency table (it holds a secret,
   * such as a new API token): the key still dedupes (the command runs once), but a retry of a
   * command that succeeded is refused with 409 IDEMPOTENT_ANSWER_NOT_STORED instead of replayed.
   * Refusals (4xx) hold no secret and are replayed as usual.
   */
  storeAnswer?: boolean;
}

/**
 * A route that changes state and takes an optional `Idempotency-Key`: a retry with the same key
 * answers the first result instead of applying the command again. Put it directly under the
 * route's `@Post`/`@Put`/`@Patch`/`@Delete`, above `@FileUpload` (its interceptor must run after
 * the upload is parsed).
 */
export function IdempotentCommand(options: IdempotentCommandOptions = {}) {
  const storeAnswer = options.storeAnswer ?? true;
  return applyDecorators(
    SetMetadata(IDEMPOTENT_COMMAND_KEY, true),
    SetMetadata(IDEMPOTENT_ANSWER_NOT_STORED_KEY, !storeAnswer),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        `1–${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID per user action). A retry with the same key ` +
        'within 24 hours answers the first result (same status and body) instead of applying the command again; ' +
        'the same key with another request answers 422 IDEMPOTENCY_KEY_REUSED, one still running 409 IDEMPOTENCY_IN_PROGRESS.' +
        (storeAnswer
          ? ''
          : ' This answer holds a secret and is not kept: a retry of a request that succeeded answers 409 ' +
            'IDEMPOTENT_ANSWER_NOT_STORED (the command is not applied again).'),
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
        pattern: '^[\\x21-\\x7E]+$',
      },
    }),
    ApiErrorsOf(
      'idempotency',
      CommonErrors.pick(
        'IDEMPOTENCY_KEY_INVALID',
        'IDEMPOTENCY_KEY_REUSED',
        'IDEMPOTENCY_IN_PROGRESS',
        ...(storeAnswer ? [] : (['IDEMPOTENT_ANSWER_NOT_STORED'] as const)),
      ),
    ),
  );
}
