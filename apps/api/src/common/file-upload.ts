import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { MultipartFieldsCheck } from './bad-input';

/** Imports of units, people and ledger items: XLSX or CSV, at most 10 MiB. */
export const IMPORT_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * A multipart upload of one file in the form field `file`, at most `maxBytes` (413 beyond); its text
 * fields are checked like any body (`MultipartFieldsCheck`).
 */
export function FileUpload(maxBytes: number) {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: maxBytes } }), MultipartFieldsCheck),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }),
  );
}
