import { BadRequestException } from '@nestjs/common';
import { MAX_INPUT_DEPTH, refuseBadInput, tooDeep } from './bad-input';

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
};

const refusal = (value: unknown, prefix?: string) => {
  try {
    refuseBadInput(value, prefix);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
};

describe('refuseBadInput', () => {
  it('measures depth without recursion, naming where the limit is passed', () => {
    expect(tooDeep(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(tooDeep(nested(MAX_INPUT_DEPTH + 1))).toBe(Array(MAX_INPUT_DEPTH).fill('a').join('.'));
    let array: unknown = [];
    for (let i = 0; i < 100_000; i += 1) array = [array];
    expect(tooDeep(array)).not.toBeNull();
  });

  it('refuses a NUL or lone surrogate anywhere with VALIDATION_FAILED naming the field', () => {
    expect(refusal({ note: 'x\u0000' })).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求参数有误',
      details: [{ field: 'note', problems: ['含有无法保存的字符（NUL 字符或不成对的 UTF-16 代理项）'] }],
    });
    expect(refusal({ measures: [{ text: '\ud800' }] })).toMatchObject({
      details: [{ field: 'measures.0.text' }],
    });
    expect(refusal('\u0000', 'q')).toMatchObject({ details: [{ field: 'q' }] });
  });

  it('refuses a body nested too deep before looking at its text', () => {
    expect(refusal({ plan: nested(40) })).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ problems: [`嵌套层数超过 ${MAX_INPUT_DEPTH} 层`] }],
    });
  });

  it('accepts ordinary input', () => {
    expect(refusal({ note: '整改完成 😀', n: 1, list: ['a'], none: null })).toBe('accepted');
    expect(refusal(undefined)).toBe('accepted');
  });
});
