import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { DECORATORS } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UNSTORABLE_TEXT_PROBLEM, unstorableText } from '../../../../libs/domain/src/text/unstorable-text';
import { CommonErrors } from './errors/common.errors';
import { fieldInvalid } from './validation-failed';

/** Objects and arrays nested deeper than this in a request are refused before anything walks them. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The path of the first value nested deeper than `limit` levels, or null. Walks with its own
 * stack: a body of 50,000 nested arrays must not overflow the call stack while being measured.
 */
export function tooDeep(value: unknown, limit = MAX_INPUT_DEPTH): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return path;
    const entries = Array.isArray(current)
      ? current.map((item, index) => [String(index), item] as const)
      : Object.entries(current);
    for (const [key, item] of entries)
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
  }
  return null;
}

/**
 * Refuses, with 400 `VALIDATION_FAILED` naming the field, input that is nested too deep or holds
 * text Postgres cannot store (NUL, a lone surrogate). The one check for bodies, queries, path
 * parameters and multipart text fields; `prefix` names where a nameless value sits.
 */
export function refuseBadInput(value: unknown, prefix = ''): void {
  const join = (path: string) => (path ? (prefix ? `${prefix}.${path}` : path) : prefix);
  const deep = tooDeep(value);
  if (deep !== null) throw fieldInvalid(join(deep), `嵌套层数超过 ${MAX_INPUT_DEPTH} 层`);
  const unstorable = unstorableText(value);
  if (unstorable !== null) throw fieldInvalid(join(unstorable), UNSTORABLE_TEXT_PROBLEM);
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request carries a body at all (an empty POST is judged by validation, not by its type). */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A global guard, registered right after the access guard (sign-in and roles answer first) and so
 * before the route's interceptors (idempotency, uploads) and pipes: a JSON route given a body in
 * another content type answers 415 (a route consumes JSON unless `@ApiConsumes` says otherwise;
 * upload routes judge their multipart body themselves); then the path parameters, query and body
 * pass `refuseBadInput`, and a top-level array body is refused. A guard rather than an
 * interceptor: a route with no interceptor at all skips Nest's interceptor chain (rxjs, and an
 * AsyncResource bound per interceptor and request), about a twentieth of a read's cost.
 */
@Injectable()
export class BadInputCheck implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (BODY_METHODS.has(request.method) && hasBody(request)) {
      const declared = [context.getHandler(), context.getClass()]
        .map((target) => Reflect.getMetadata(DECORATORS.API_CONSUMES, target) as string[] | undefined)
        .find((types) => types !== undefined);
      const consumes = declared ?? ['application/json'];
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!consumes.includes('multipart/form-data') && !consumes.includes(type)) {
        throw CommonErrors.error(
          'UNSUPPORTED_MEDIA_TYPE',
          `不支持的请求内容类型：${type || '未声明'}；此接口接受 ${consumes.join('、')}`,
          { contentType: type || null, accepted: consumes },
        );
      }
    }
    refuseBadInput(request.params);
    refuseBadInput(request.query);
    // A command's body is one JSON object (no route takes a top-level array).
    if (Array.isArray(request.body)) throw fieldInvalid('', '请求体须为 JSON 对象');
    refuseBadInput(request.body);
    return true;
  }
}

/**
 * After the upload interceptor has parsed a multipart body: its text fields pass the same check,
 * whether or not the handler reads them (placed after `FileInterceptor` in `FileUpload`).
 */
@Injectable()
export class MultipartFieldsCheck implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    refuseBadInput(context.switchToHttp().getRequest<FastifyRequest>().body);
    return next.handle();
  }
}
