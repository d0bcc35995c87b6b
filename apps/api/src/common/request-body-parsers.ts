import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors } from './errors/common.errors';

/** A JSON body, as the API has always allowed: 100 KiB. */
export const JSON_LIMIT_BYTES = 100 * 1024;
/** What the server reads of a body in a type no route takes before answering 415. */
export const BODY_LIMIT_BYTES = JSON_LIMIT_BYTES;

const charsetOf = (contentType: string | undefined) =>
  /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();

/**
 * A body the API reads must be sent as it is (no Content-Encoding) and, when it names a charset,
 * in UTF-8: anything else is refused with 415 rather than read as garbled text.
 */
function refuseUnreadableEncoding(request: FastifyRequest): void {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== '')
    throw CommonErrors.error('UNSUPPORTED_ENCODING', undefined, { encoding });
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw CommonErrors.error('UNSUPPORTED_CHARSET', undefined, { charset });
}

/**
 * A request body as UTF-8 text, at most `limit` bytes: beyond it (declared or sent) `tooLarge()`
 * is thrown and the rest of the body is read and dropped, so the client gets the answer; a body cut
 * short answers 400 REQUEST_ABORTED. Every refusal is an error in the API's shape.
 */
export async function readBodyText(
  request: FastifyRequest,
  payload: IncomingMessage,
  limit: number,
  tooLarge: () => Error = () => CommonErrors.error('PAYLOAD_TOO_LARGE'),
): Promise<string> {
  refuseUnreadableEncoding(request);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    payload.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        payload.resume();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof Error && 'getStatus' in error) throw error;
    throw CommonErrors.error('REQUEST_ABORTED');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The JSON body parser and a reader for every type no parser takes, each refusing in the API's
 * error shape (the error filter renders what they throw):
 * - JSON: an object or array (a bare `5` or `"x"` is not a command), empty meaning `{}`, 400
 *   INVALID_JSON when it does not parse (also for `__proto__` keys), 413 beyond 100 KiB;
 * - any other type: read and dropped, so that `BadInputCheck` answers 415 naming what the route
 *   accepts (multipart is left to the upload interceptor, YAML to the plan parser).
 */
export function useCheckedBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const text = await readBodyText(request, payload, JSON_LIMIT_BYTES);
      if (text.trim() === '') return {};
      if (!/^\s*[[{]/.test(text)) throw CommonErrors.error('INVALID_JSON');
      return new Promise((resolve, reject) => {
        void parseJson(request, text, (error, value) =>
          error
            ? reject(CommonErrors.error('INVALID_JSON', undefined, { reason: error.message }))
            : resolve(value),
        );
      });
    },
  );
  fastify.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) => {
    await readBodyText(request, payload, BODY_LIMIT_BYTES);
    return undefined;
  });
}
