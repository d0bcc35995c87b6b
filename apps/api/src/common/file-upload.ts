import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  mixin,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { MultipartFieldsCheck } from './bad-input';
import { ApiErrorsOf } from './errors/api-errors.decorator';
import { CommonErrors } from './errors/common.errors';
import type { DeclaredError } from './errors/error-catalogue';

/** Imports of units, people and ledger items: XLSX or CSV, at most 10 MiB. */
export const IMPORT_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/** The uploaded file as handlers receive it (`@UploadedFile()`): its name, declared type and bytes. */
export interface ReceivedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The file an upload route received (`fileInterceptor`), never @fastify/multipart's `file()` method. */
export function uploadedFileOf(request: FastifyRequest): ReceivedFile | undefined {
  const file = (request as unknown as { file?: unknown }).file;
  return typeof file === 'object' && file !== null ? (file as ReceivedFile) : undefined;
}

/** The one file field an upload route reads. */
const FILE_FIELD = 'file';

/**
 * Reads a multipart form (@fastify/multipart) into `request.file` (the file in the field `file`,
 * at most `maxBytes`: 413 beyond) and `request.body` (its text fields). A request that is not
 * multipart passes with no file (the handler answers FILE_MISSING); a malformed form (no boundary,
 * a broken part header, a form cut short, a file in another field, two files) is 400
 * `INVALID_BODY` with the parser's reason.
 */
function fileInterceptor(maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class MultipartFileInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      // Nest's @UploadedFile() reads `request.file` (as with multer), over @fastify/multipart's `file()`.
      if (!request.isMultipart()) {
        Object.assign(request, { file: undefined });
        return next.handle();
      }
      const fields: Record<string, string> = {};
      let file: ReceivedFile | undefined;
      try {
        for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== FILE_FIELD || file) {
            await part.toBuffer().catch(() => undefined);
            throw CommonErrors.error('INVALID_BODY', undefined, {
              reason: `Unexpected field: ${part.fieldname}`,
            });
          }
          const buffer = await part.toBuffer();
          file = {
            fieldname: part.fieldname,
            originalname: part.filename,
            mimetype: part.mimetype,
            size: buffer.length,
            buffer,
          };
        }
      } catch (error) {
        throw refusalOf(error);
      }
      Object.assign(request, { file, body: fields });
      return next.handle();
    }
  }
  return mixin(MultipartFileInterceptor);
}

/** The multipart parser's refusals in the error shape: a file too large 413, the rest 400. */
function refusalOf(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return CommonErrors.error('PAYLOAD_TOO_LARGE');
  if (typeof code === 'string' && /_LIMIT$/.test(code))
    return CommonErrors.error('PAYLOAD_TOO_LARGE', undefined, { reason: String(message) });
  return CommonErrors.error('INVALID_BODY', undefined, { reason: String(message ?? error) });
}

/**
 * A multipart upload of one file in the form field `file`, at most `maxBytes` (413 beyond); its text
 * fields are checked like any body (`MultipartFieldsCheck`). `refusals` lists what the file itself
 * may be refused for: `TABLE_FILE_ERRORS` (table-file.ts) for an imported table,
 * `EVIDENCE_FILE_ERRORS` (evidence-rules.ts) for an evidence file.
 */
export function FileUpload(maxBytes: number, ...refusals: DeclaredError[][]) {
  return applyDecorators(
    UseInterceptors(fileInterceptor(maxBytes), MultipartFieldsCheck),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }),
    ApiErrorsOf(
      'upload',
      CommonErrors.pick('FILE_MISSING', 'INVALID_BODY', 'PAYLOAD_TOO_LARGE'),
      ...refusals,
    ),
  );
}
