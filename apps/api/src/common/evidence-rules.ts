import { createHash } from 'node:crypto';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

/** Evidence files: photos, scans and office documents, at most 10 MiB each. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_TYPES: Record<string, string[]> = {
  '.jpg': ['image/jpeg'],
  '.jpeg': ['image/jpeg'],
  '.png': ['image/png'],
  '.pdf': ['application/pdf'],
  '.doc': ['application/msword'],
  '.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  '.xls': ['application/vnd.ms-excel'],
  '.xlsx': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

export function assertEvidenceType(fileName: string, mediaType: string): void {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  if (!EVIDENCE_TYPES[extension]?.includes(mediaType)) {
    throw new UnsupportedMediaTypeException({
      code: 'EVIDENCE_TYPE',
      message: `佐证材料仅支持 ${Object.keys(EVIDENCE_TYPES).join('、')} 文件`,
      details: { fileName, mediaType },
    });
  }
}

export interface UploadedEvidence {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** Checks an uploaded evidence file and returns what is kept of it: its name (UTF-8) and SHA-256. */
export function acceptEvidence(file: UploadedEvidence | undefined): {
  fileName: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
} {
  if (!file) throw new BadRequestException({ code: 'FILE_MISSING', message: '请上传文件（字段名 file）' });
  assertEvidenceType(file.originalname, file.mimetype);
  return {
    fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'),
    mediaType: file.mimetype,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    content: file.buffer,
  };
}
