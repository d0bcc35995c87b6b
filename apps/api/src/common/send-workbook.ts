import type { FastifyReply } from 'fastify';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends an XLSX workbook as a download named `fileName` (Chinese names kept, RFC 5987). */
export function sendWorkbook(response: FastifyReply, fileName: string, content: Buffer): void {
  void response
    .type(XLSX_MEDIA_TYPE)
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(content);
}
