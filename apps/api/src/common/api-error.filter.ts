import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ErrorBody } from './error-body';
import { recordAnsweredCode } from './errors/answered-codes';
import { CommonErrors } from './errors/common.errors';
import { isTemporalUnreachable } from './workflow-wait';

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: ErrorBody['details'];
}

/** A common code as the filter answers it (the catalogue's status and message, or a message that says more). */
function common(code: keyof typeof CommonErrors.codes, message?: string): Mapped {
  const definition = CommonErrors.definitions[code];
  return { status: definition.status, code, message: message ?? definition.message };
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: '请求参数有误',
  401: '未登录或登录已失效',
  403: '无权执行此操作',
  404: '未找到请求的资源',
  409: '当前状态不允许此操作',
  413: '请求内容过大',
  415: '不支持的请求内容类型',
  429: '请求过于频繁，请稍后再试',
  503: '服务暂不可用',
};

function fromHttpException(exception: HttpException): Mapped {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const rawMessage = typeof response === 'string' ? response : body.message;
  const code = typeof body.code === 'string' ? body.code : (HttpStatus[status] ?? 'ERROR');
  const message =
    typeof rawMessage === 'string' && /[\u4e00-\u9fff]/.test(rawMessage)
      ? rawMessage
      : (DEFAULT_MESSAGES[status] ?? (typeof rawMessage === 'string' ? rawMessage : '请求失败'));
  const details =
    (body.details as Mapped['details']) ??
    (Array.isArray(rawMessage) ? [{ field: '', problems: rawMessage.map(String) }] : undefined) ??
    (typeof rawMessage === 'string' && message !== rawMessage ? { reason: rawMessage } : undefined);
  return { status, code, message, details };
}

/** Temporal client errors mapped once for every controller. */
function fromTemporalError(exception: unknown): Mapped | undefined {
  if (exception instanceof WorkflowNotFoundError) {
    return common('PROCESS_NOT_FOUND');
  }
  if (exception instanceof WorkflowExecutionAlreadyStartedError) {
    return common('PROCESS_ALREADY_STARTED');
  }
  if (exception instanceof WorkflowUpdateFailedError) {
    const cause = exception.cause;
    if (cause instanceof ApplicationFailure) {
      return { status: 409, code: cause.type ?? CommonErrors.codes.ILLEGAL_STEP, message: cause.message };
    }
  }
  return undefined;
}

/**
 * A unique constraint that a concurrent request won (both passed the service's existence check
 * before either committed) is a conflict, not a server error.
 */
function fromDatabaseError(exception: unknown): Mapped | undefined {
  if (
    exception instanceof QueryFailedError &&
    (exception.driverError as { code?: string }).code === '23505'
  ) {
    return common('ALREADY_EXISTS');
  }
  return undefined;
}

/** Node socket errors and Postgres SQLSTATEs (class 08 connection, 57P admin shutdown/crash/cannot connect now, 53300 too many connections). */
const DB_OUTAGE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN|08\w{3}|57P0[1-3]|53300)$/;
const DB_OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down)/i;

/** Walks an error and what it wraps (TypeORM's `driverError`, `cause`, an AggregateError's `errors`). */
function someInChain(error: unknown, test: (e: { code?: unknown; message?: unknown }) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    if (test(e)) return true;
    const { driverError, cause, errors } = e as { driverError?: unknown; cause?: unknown; errors?: unknown };
    queue.push(driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : []));
  }
  return false;
}

/** Postgres cannot be reached (refused, restarting, connection lost, no pooled connection in time). */
export function isDatabaseOutage(error: unknown): boolean {
  return someInChain(
    error,
    (e) =>
      (typeof e.code === 'string' && DB_OUTAGE_CODES.test(e.code)) ||
      (typeof e.message === 'string' && DB_OUTAGE_MESSAGES.test(e.message)),
  );
}

/** An outage answers 503 naming what is down, never a 500. */
function fromOutage(exception: unknown): Mapped | undefined {
  if (isTemporalUnreachable(exception)) {
    return common('TEMPORAL_UNAVAILABLE');
  }
  if (isDatabaseOutage(exception)) {
    return common('DATABASE_UNAVAILABLE');
  }
  return undefined;
}

/** An answer stored under an `Idempotency-Key`, sent again exactly as it was first sent. */
export class ReplayedResponse extends HttpException {
  constructor(
    readonly replayStatus: number,
    readonly replayBody: unknown,
  ) {
    super('replayed response', replayStatus);
  }
}

/** The status and `ErrorBody` an error leaves the API with. */
export function renderError(
  exception: unknown,
  request: FastifyRequest,
): { status: number; body: ErrorBody } {
  const mapped: Mapped =
    exception instanceof HttpException
      ? fromHttpException(exception)
      : (fromTemporalError(exception) ??
        fromOutage(exception) ??
        fromDatabaseError(exception) ??
        common('INTERNAL_ERROR'));
  recordAnsweredCode(request, mapped.status, mapped.code);
  return {
    status: mapped.status,
    body: {
      statusCode: mapped.status,
      code: mapped.code,
      message: mapped.message,
      ...(mapped.details ? { details: mapped.details } : {}),
      requestId: request.id,
      path: request.originalUrl,
      timestamp: new Date().toISOString(),
    },
  };
}

/**
 * A browser following a link (an address bar, a clicked `<a>`) rather than a script: a GET that
 * asks for HTML or says it navigates, and carries no token. Machine clients keep their 401 JSON.
 */
export function isSignedOutNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || request.headers.authorization) return false;
  const accept = String(request.headers.accept ?? '');
  return request.headers['sec-fetch-mode'] === 'navigate' || accept.includes('text/html');
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Every error leaves the API in the `ErrorBody` shape, with the request id to find it in the logs. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof ReplayedResponse) {
      void reply.status(exception.replayStatus).type(JSON_TYPE).send(exception.replayBody);
      return;
    }
    const { status, body } = renderError(exception, request);
    if (status === 401 && isSignedOutNavigation(request)) {
      // A link the product gives out, opened in a tab: the console signs in and fetches it.
      void reply.redirect(`/open?path=${encodeURIComponent(request.originalUrl)}`, 302);
      return;
    }
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // JSON even where the route set another type before it failed (an HTML document's route).
    void reply.status(status).type(JSON_TYPE).send(body);
  }
}

/**
 * Fastify's own refusals before any route runs (`frameworkErrors`): a path that is not valid
 * percent-encoding (`%E0%A4%A`, a lone surrogate's bytes) is 400 VALIDATION_FAILED naming the path.
 */
export function renderFrameworkError(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = renderError(
    CommonErrors.error('VALIDATION_FAILED', undefined, [
      { field: 'path', problems: ['路径中含有无效的百分号编码'] },
    ]),
    request,
  );
  void reply.status(status).type(JSON_TYPE).send(body);
}
