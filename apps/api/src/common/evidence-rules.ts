import { createHash } from 'node:crypto';
import { filetypeinfo } from 'magic-bytes.js';
import {
  isUnstorableString,
  UNSTORABLE_TEXT_PROBLEM,
} from '../../../../libs/domain/src/text/unstorable-text';
import { CommonErrors } from './errors/common.errors';
import { fieldInvalid } from './validation-failed';

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
  '.txt': ['text/plain'],
  '.csv': ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
};

/**
 * What the content of a file with each extension must be, by its magic bytes (magic-bytes.js type
 * names): a .docx or .xlsx is a ZIP container, a .doc or .xls an OLE compound file. Text formats
 * have no magic bytes: they must be valid UTF-8 text instead (TEXT_EXTENSIONS).
 */
const CONTENT_TYPES: Record<string, string[]> = {
  '.jpg': ['jpg'],
  '.jpeg': ['jpg'],
  '.png': ['png'],
  '.pdf': ['pdf'],
  '.doc': ['doc'],
  '.docx': ['docx'],
  '.xls': ['xls'],
  '.xlsx': ['xlsx'],
};
const TEXT_EXTENSIONS = new Set(['.txt', '.csv']);

/** Valid UTF-8 (a BOM allowed) without NUL bytes: text, not a binary file renamed. */
export function isUtf8Text(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/**
 * The content must be what the name says: an EXE named .png is refused (415
 * `EVIDENCE_TYPE_MISMATCH`, naming what was detected and what was declared).
 */
export function assertEvidenceContent(fileName: string, content: Buffer): void {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  const declared = extension.slice(1);
  const guesses = filetypeinfo(content.subarray(0, 4100)).map((guess) => guess.typename);
  const matches = TEXT_EXTENSIONS.has(extension)
    ? isUtf8Text(content)
    : guesses.some((guess) => CONTENT_TYPES[extension]?.includes(guess));
  if (matches) return;
  const detected = guesses[0] ?? (isUtf8Text(content) && content.length > 0 ? 'text' : null);
  throw CommonErrors.error(
    'EVIDENCE_TYPE_MISMATCH',
    detected
      ? `文件内容与类型不符：文件名声明为 ${declared}，内容识别为 ${detected}`
      : TEXT_EXTENSIONS.has(extension)
        ? `文件内容与类型不符：文件名声明为 ${declared}，内容不是有效的 UTF-8 文本`
        : `文件内容与类型不符：文件名声明为 ${declared}，内容无法识别为 ${declared} 文件`,
    { fileName, declared, detected },
  );
}

export function assertEvidenceType(fileName: string, mediaType: string): void {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  if (!EVIDENCE_TYPES[extension]?.includes(mediaType)) {
    throw CommonErrors.error(
      'EVIDENCE_TYPE',
      `佐证材料仅支持 ${Object.keys(EVIDENCE_TYPES).join('、')} 文件`,
      { fileName, mediaType },
    );
  }
}

/** What accepting an evidence file may refuse (`acceptEvidence`), for `@ApiErrors` on an upload route. */
export const EVIDENCE_FILE_ERRORS = CommonErrors.pick(
  'FILE_MISSING',
  'EVIDENCE_TYPE',
  'EVIDENCE_TYPE_MISMATCH',
);

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
  if (!file) throw CommonErrors.error('FILE_MISSING');
  const fileName = file.originalname;
  if (isUnstorableString(fileName)) throw fieldInvalid('file', `文件名${UNSTORABLE_TEXT_PROBLEM}`);
  assertEvidenceType(file.originalname, file.mimetype);
  assertEvidenceContent(file.originalname, file.buffer);
  return {
    fileName,
    mediaType: file.mimetype,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    content: file.buffer,
  };
}
