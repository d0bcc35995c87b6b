import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ExecutionContext,
  mixin,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { MultipartFieldsCheck } from './bad-input';
import { ApiErrorsOf } from './errors/api-errors.decorator';
import { CommonErrors } from './errors/common.errors';
import type { DeclaredError } from './errors/error-catalogue';

/** Imports of units, people and ledger items: XLSX or CSV, at most 10 MiB. */
export const IMPORT_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/** The multipart parser's refusals carry no code: a 400 with one is the route's own. */
function isParserRefusal(error: unknown): error is BadRequestException {
  if (!(error instanceof BadRequestException)) return false;
  const body = error.getResponse();
  return typeof body !== 'object' || body === null || !('code' in body);
}

/**
 * Nest's file interceptor for the field `file`, its parser's refusals of a malformed form (no
 * boundary, a broken part header, a form cut short, a file in another field) answered as 400
 * `INVALID_BODY` with the parser's reason, in the error shape; a file too large stays 413.
 */
function fileInterceptor(maxBytes: number): Type<NestInterceptor> {
  class CheckedFileInterceptor extends FileInterceptor('file', { limits: { fileSize: maxBytes } }) {
    override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await super.intercept(context, next);
      } catch (error) {
        if (!isParserRefusal(error)) throw error;
        throw CommonErrors.error('INVALID_BODY', undefined, { reason: error.message });
      }
    }
  }
  return mixin(CheckedFileInterceptor);
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
