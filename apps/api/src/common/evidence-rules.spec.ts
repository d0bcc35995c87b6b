import { UnsupportedMediaTypeException } from '@nestjs/common';
import { acceptEvidence, assertEvidenceContent, isUtf8Text } from './evidence-rules';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(64)]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);

function refusal(name: string, content: Buffer): Record<string, unknown> | 'accepted' {
  try {
    assertEvidenceContent(name, content);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedMediaTypeException);
    return (error as UnsupportedMediaTypeException).getResponse() as Record<string, unknown>;
  }
}

describe('evidence files are checked by their content', () => {
  it('accepts files whose bytes are what their names say', () => {
    expect(refusal('照片.png', PNG)).toBe('accepted');
    expect(refusal('照片.JPG', JPEG)).toBe('accepted');
    expect(refusal('照片.jpeg', JPEG)).toBe('accepted');
    expect(refusal('凭证.pdf', PDF)).toBe('accepted');
    expect(refusal('报告.docx', ZIP)).toBe('accepted');
    expect(refusal('台账.xlsx', ZIP)).toBe('accepted');
    expect(refusal('报告.doc', OLE)).toBe('accepted');
    expect(refusal('台账.xls', OLE)).toBe('accepted');
    expect(refusal('说明.txt', Buffer.from('整改说明：已完成\n', 'utf8'))).toBe('accepted');
    expect(refusal('名单.csv', Buffer.from('\ufeff户主,村\n张三,甲村\n', 'utf8'))).toBe('accepted');
  });

  it('refuses an EXE named .png, naming the detected and the declared type', () => {
    expect(refusal('照片.png', EXE)).toEqual({
      code: 'EVIDENCE_TYPE_MISMATCH',
      message: '文件内容与类型不符：文件名声明为 png，内容识别为 exe',
      details: { fileName: '照片.png', declared: 'png', detected: 'exe' },
    });
    expect(refusal('凭证.pdf', PNG)).toMatchObject({ details: { declared: 'pdf', detected: 'png' } });
    expect(refusal('报告.docx', OLE)).toMatchObject({ code: 'EVIDENCE_TYPE_MISMATCH' });
  });

  it('refuses bytes that match no type for a binary format, and text that is not UTF-8', () => {
    expect(refusal('photo.png', Buffer.from('not really a png'))).toMatchObject({
      code: 'EVIDENCE_TYPE_MISMATCH',
      details: { declared: 'png', detected: 'text' },
    });
    expect(refusal('photo.png', Buffer.alloc(0))).toMatchObject({ details: { detected: null } });
    expect(refusal('说明.txt', Buffer.from([0xc3, 0x28, 0x41]))).toMatchObject({
      message: '文件内容与类型不符：文件名声明为 txt，内容不是有效的 UTF-8 文本',
    });
    expect(refusal('说明.txt', EXE)).toMatchObject({ details: { detected: 'exe' } });
    expect(refusal('名单.csv', Buffer.from('a,b\u0000c'))).toMatchObject({ code: 'EVIDENCE_TYPE_MISMATCH' });
    expect(isUtf8Text(Buffer.from('中文', 'utf8'))).toBe(true);
    expect(isUtf8Text(Buffer.from('中文', 'utf16le'))).toBe(false);
  });

  it('runs in acceptEvidence, after the name and declared type, and refuses a file name Postgres cannot store', () => {
    const upload = (originalname: string, mimetype: string, buffer: Buffer) =>
      acceptEvidence({
        originalname,
        mimetype,
        buffer,
      });
    expect(upload('照片.png', 'image/png', PNG)).toMatchObject({
      fileName: '照片.png',
      mediaType: 'image/png',
    });
    expect(() => upload('照片.png', 'image/png', EXE)).toThrow(UnsupportedMediaTypeException);
    expect(() => upload('照\u0000片.png', 'image/png', PNG)).toThrow(
      expect.objectContaining({
        response: expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'file', problems: [expect.stringContaining('文件名含有无法保存的字符')] }],
        }) as unknown,
      }) as Error,
    );
  });
});
