import * as iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { CommonErrors } from '../common/errors/common.errors';
import { CampaignErrors } from './campaign.errors';

/** A written 实施方案 may be at most 5 MiB. */
export const PLAN_DOCUMENT_LIMIT_BYTES = 5 * 1024 * 1024;

export interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
}

const refuse = (message: string) => CampaignErrors.error('DOCUMENT_UNREADABLE', message);

/**
 * The text of an uploaded 实施方案: a .docx read with mammoth, or a .txt in UTF-8 (checked strictly)
 * or else GB18030. Anything else, or a file with no Chinese text in it, is a 400 naming what is wrong.
 */
export async function readPlanDocument(file: UploadedDocument | undefined): Promise<string> {
  if (!file) throw CommonErrors.error('FILE_MISSING');
  if (file.buffer.length === 0) throw refuse('上传的文件是空的');
  const name = file.originalname.toLowerCase();
  let text: string;
  if (name.endsWith('.docx')) {
    if (file.buffer.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004')
      throw refuse('文件扩展名是 .docx，但内容不是 Word 文档');
    try {
      text = (await mammoth.extractRawText({ buffer: file.buffer })).value;
    } catch {
      throw refuse('无法读取这个 Word 文档（文件可能已损坏）');
    }
  } else if (name.endsWith('.txt')) {
    text = decodeText(file.buffer);
  } else {
    throw refuse('只能上传 .docx 或 .txt 格式的实施方案');
  }
  if (!/[\u4e00-\u9fff]/.test(text)) throw refuse('文件中没有中文文字，不像一份实施方案');
  return text;
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030; binary content (NUL and control bytes) is refused. */
export function decodeText(buffer: Buffer): string {
  if (buffer.some((byte) => byte === 0 || (byte < 0x20 && ![0x09, 0x0a, 0x0d, 0x0c].includes(byte))))
    throw refuse('文件内容不是文字（.txt 须为 UTF-8 或 GB18030 编码的文本）');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}
