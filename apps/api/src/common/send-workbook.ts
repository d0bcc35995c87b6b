import type { Response } from 'express';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends an XLSX workbook as a download named `fileName` (Chinese names kept, RFC 5987). */
export function sendWorkbook(response: Response, fileName: string, content: Buffer): void {
  response
    .type(XLSX_MEDIA_TYPE)
    .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(content);
}
