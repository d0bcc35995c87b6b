import { createHash } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import { DataSource } from 'typeorm';
import {
  IDEMPOTENCY_KEY_HEADER,
  isReplayableStatus,
  parseIdempotencyKey,
} from '../../../../../libs/domain/src/idempotency/idempotency-key';
import type { CurrentUser } from '../../access/current-user';
import { renderError, ReplayedResponse } from '../api-error.filter';
import { commandScope, runInCommandScope } from './idempotency-context';
import { IdempotencyStore, IdempotentRequest } from './idempotency.store';
import { CommonErrors } from '../errors/common.errors';
import { uploadedFileOf } from '../file-upload';

/** How long a duplicate waits for the first request with its key before answering 409. */
export const IDEMPOTENCY_WAIT_MS = 10_000;
const POLL_MS = 100;

/** Set by `@IdempotentCommand({ storeAnswer: false })`: the success answer holds a secret. */
export const IDEMPOTENT_ANSWER_NOT_STORED_KEY = 'idempotentCommand:answerNotStored';

/** Set on an answer that was stored under the key and sent again. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

type CommandRequest = FastifyRequest & { user?: CurrentUser };

/** What identifies "the same request": method, path with query, body and the uploaded file. */
function fingerprintOf(request: CommandRequest): string {
  const uploaded = uploadedFileOf(request);
  const file = uploaded
    ? {
        name: uploaded.originalname,
        type: uploaded.mimetype,
        size: uploaded.size,
        sha256: createHash('sha256').update(uploaded.buffer).digest('hex'),
      }
    : null;
  const canonical = stringify({
    method: request.method,
    url: request.originalUrl,
    body: request.body ?? null,
    file,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies a command sent with an `Idempotency-Key` once: the first request claims the key in
 * Postgres and runs; its answer (2xx or 4xx) is stored and every retry with the same key gets it
 * again, status and body; a concurrent duplicate waits for it (bounded, then 409); the key with
 * another request answers 422. While the handler runs, the key is the basis of the Temporal
 * update ids (`commandUpdateId`), so the workflow side is exactly-once even if this process dies
 * between the update and storing the answer. Without the header, nothing changes.
 *
 * Placed by `@IdempotentCommand()` after the upload interceptor, so an uploaded file is part of
 * the fingerprint.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new IdempotencyStore(dataSource);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<CommandRequest>();
    const response = http.getResponse<FastifyReply>();
    const parsed = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
    if (!parsed.ok)
      throw CommonErrors.error(
        'IDEMPOTENCY_KEY_INVALID',
        `请求头 ${IDEMPOTENCY_KEY_HEADER} 无效：${parsed.problem}`,
        [{ field: IDEMPOTENCY_KEY_HEADER, problems: [parsed.problem] }],
      );
    if (parsed.key === null) return next.handle();

    const fingerprint = fingerprintOf(request);
    const keyed: IdempotentRequest = {
      caller: request.user?.id ?? 'anonymous',
      key: parsed.key,
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      fingerprint,
    };
    const answerNotStored =
      Reflect.getMetadata(IDEMPOTENT_ANSWER_NOT_STORED_KEY, context.getHandler()) === true;
    const claim = await this.claim(keyed);
    if (claim.kind === 'replay' && answerNotStored && claim.status < 400) {
      throw CommonErrors.error(
        'IDEMPOTENT_ANSWER_NOT_STORED',
        `使用同一 ${IDEMPOTENCY_KEY_HEADER} 的请求已执行成功；其结果含密钥，出于安全原因不保存、不重发。请在列表中查看结果，或用新的键重新申请`,
      );
    }
    if (claim.kind === 'replay') {
      void response.header(IDEMPOTENT_REPLAY_HEADER, 'true');
      if (claim.status >= 400) throw new ReplayedResponse(claim.status, claim.body);
      return from([claim.body]);
    }

    const successStatus = this.successStatus(context, request);
    const scope = commandScope(keyed.caller, keyed.key, fingerprint);
    const handled = new Observable<unknown>((subscriber) =>
      runInCommandScope(scope, () => next.handle().subscribe(subscriber)),
    );
    return handled.pipe(
      mergeMap(async (body) => {
        await this.store.complete(keyed, claim.claim, successStatus, answerNotStored ? null : body);
        return body;
      }),
      catchError(async (error: unknown) => {
        if (error instanceof ReplayedResponse) throw error;
        const rendered = renderError(error, request);
        if (!isReplayableStatus(rendered.status)) {
          await this.store.release(keyed, claim.claim);
          throw error;
        }
        await this.store.complete(keyed, claim.claim, rendered.status, rendered.body);
        throw new ReplayedResponse(rendered.status, rendered.body);
      }),
    );
  }

  /** Claims the key, or waits (bounded) for the request that holds it to finish. */
  private async claim(
    keyed: IdempotentRequest,
  ): Promise<{ kind: 'run'; claim: string } | { kind: 'replay'; status: number; body: unknown }> {
    const until = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      const outcome = await this.store.claim(keyed);
      if (outcome.kind === 'reused') throw CommonErrors.error('IDEMPOTENCY_KEY_REUSED');
      if (outcome.kind !== 'wait') return outcome;
      if (Date.now() >= until) throw CommonErrors.error('IDEMPOTENCY_IN_PROGRESS');
      await sleep(POLL_MS);
    }
  }

  /** The status Nest answers this route with (`@HttpCode`, else 201 for POST and 200 otherwise). */
  private successStatus(context: ExecutionContext, request: FastifyRequest): number {
    const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    if (declared !== undefined) return declared;
    return request.method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK;
  }
}
