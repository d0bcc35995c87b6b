import { isUnstorableString, refuseUnstorableText, unstorableText } from './unstorable-text';

describe('unstorableText', () => {
  it('passes ordinary text, Chinese, emoji (paired surrogates) and non-text values', () => {
    expect(
      unstorableText({ note: '整改完成 ✅ 😀', n: 3, ok: true, none: null, list: ['a', 'b'] }),
    ).toBeNull();
    expect(unstorableText(42)).toBeNull();
    expect(unstorableText(undefined)).toBeNull();
  });

  it('names the path of a NUL character, however deep', () => {
    expect(unstorableText({ note: 'x\u0000' })).toBe('note');
    expect(unstorableText({ measures: [{ text: 'ok' }, { text: 'a\u0000b' }] })).toBe('measures.1.text');
    expect(unstorableText('\u0000')).toBe('');
  });

  it('names a lone high or low surrogate but not a pair', () => {
    expect(unstorableText({ a: 'x\ud800' })).toBe('a');
    expect(unstorableText({ a: '\ud800x' })).toBe('a');
    expect(unstorableText({ a: 'x\udc00' })).toBe('a');
    expect(unstorableText({ a: '\udc00\ud800' })).toBe('a');
    expect(isUnstorableString('\ud83d\ude00')).toBe(false);
  });

  it('checks object keys too', () => {
    expect(unstorableText({ data: { 'k\u0000': 1 } })).toBe('data.k\u0000');
  });

  it('gives a refusal with code and Chinese reason naming the field', () => {
    expect(refuseUnstorableText({ type: 'comment', note: 'ok' })).toBeNull();
    expect(refuseUnstorableText({ type: 'comment', note: 'x\u0000' })).toEqual({
      ok: false,
      code: 'UNSTORABLE_TEXT',
      reason: expect.stringContaining('字段 note 含有无法保存的字符') as string,
    });
  });
});
