import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validate,
  ValidateNested,
} from 'class-validator';
import { constraintProblems, validationProblem } from './validation-messages';

const CJK = /[\u3400-\u9fff]/;

describe('validationProblem', () => {
  it.each([
    ['isDefined', 'name should not be null or undefined', '不能缺少'],
    ['isNotEmpty', 'name should not be empty', '不能为空'],
    ['isString', 'name must be a string', '须为文本'],
    ['isUuid', 'id must be a UUID', '须为 UUID'],
    ['isInt', 'limit must be an integer number', '须为整数'],
    ['isNumber', 'target must be a number conforming to the specified constraints', '须为数字'],
    ['isBoolean', 'accepted must be a boolean value', '须为布尔值（true 或 false）'],
    ['isArray', 'roles must be an array', '须为数组'],
    ['isObject', 'document must be an object', '须为对象'],
    ['isDateString', 'expiresAt must be a valid ISO 8601 date string', '须为 ISO 8601 日期或时刻'],
    ['isIso8601', 'at must be a valid ISO 8601 date string', '须为 ISO 8601 日期或时刻'],
    ['arrayUnique', "All roles's elements must be unique", '各项不得重复'],
    ['nestedValidation', 'nested property step must be either object or array', '须为对象或数组'],
    ['whitelistValidation', 'property unexpected should not exist', '不允许提交此字段'],
    ['unknownValue', 'an unknown value was passed to the validate function', '无法识别的值'],
    ['maxLength', 'name must be shorter than or equal to 200 characters', '长度不得超过 200 个字符'],
    ['minLength', 'password must be longer than or equal to 12 characters', '长度不得少于 12 个字符'],
    ['min', 'limit must not be less than 1', '不得小于 1'],
    ['max', 'limit must not be greater than 200', '不得大于 200'],
    ['min', 'offset must not be less than -0.5', '不得小于 -0.5'],
    ['arrayMinSize', 'roles must contain at least 1 elements', '至少须有 1 项'],
    ['arrayMaxSize', 'evidenceIds must contain no more than 50 elements', '最多 50 项'],
    [
      'isIn',
      'kind must be one of the following values: bureau, township, village',
      '须为以下之一：bureau、township、village',
    ],
    ['matches', 'code must match /^[a-z]+$/ regular expression', '格式不正确（须匹配 /^[a-z]+$/）'],
  ])('%s: %s → %s', (key, message, expected) => {
    expect(validationProblem(key, message)).toBe(expected);
  });

  it('says "each" for a rule that applies to every item of an array', () => {
    expect(validationProblem('isUuid', 'each value in evidenceIds must be a UUID')).toBe('每一项须为 UUID');
    expect(
      validationProblem(
        'maxLength',
        'each value in measures must be shorter than or equal to 1000 characters',
      ),
    ).toBe('每一项长度不得超过 1000 个字符');
    expect(validationProblem('isNotEmpty', 'each value in measures should not be empty')).toBe(
      '每一项不能为空',
    );
  });

  it('keeps a parametrised rule Chinese when its message carries no parameter', () => {
    expect(validationProblem('maxLength', 'too long')).toBe('长度超出上限');
    expect(validationProblem('minLength', 'too short')).toBe('长度不足');
    expect(validationProblem('min', 'too small')).toBe('数值过小');
    expect(validationProblem('max', 'too big')).toBe('数值过大');
    expect(validationProblem('arrayMinSize', 'too few')).toBe('项数不足');
    expect(validationProblem('arrayMaxSize', 'too many')).toBe('项数超出上限');
    expect(validationProblem('isIn', 'not allowed')).toBe('不是允许的取值');
    expect(validationProblem('matches', 'code must be a unit code')).toBe('格式不正确');
  });

  it('passes a message that is already Chinese through unchanged, whatever the key', () => {
    expect(validationProblem('matches', '须为单位编码')).toBe('须为单位编码');
    expect(validationProblem('isDeadline', '须为日期（YYYY-MM-DD）或 ISO 8601 时刻')).toBe(
      '须为日期（YYYY-MM-DD）或 ISO 8601 时刻',
    );
  });

  it('keeps the message of a key it does not know', () => {
    expect(validationProblem('isEmail', 'email must be an email')).toBe('email must be an email');
  });
});

class Step {
  @IsString() note!: string;
}

class Everything {
  @IsDefined() defined!: unknown;
  @IsNotEmpty() notEmpty!: string;
  @IsString() text!: string;
  @IsUUID() id!: string;
  @IsInt() int!: number;
  @IsNumber() number!: number;
  @IsBoolean() flag!: boolean;
  @IsArray() list!: unknown[];
  @IsObject() object!: object;
  @IsDateString() date!: string;
  @IsISO8601() instant!: string;
  @ArrayUnique() unique!: string[];
  @ValidateNested() @Type(() => Step) step!: Step;
  @MaxLength(5) short!: string;
  @MinLength(3) long!: string;
  @Min(1) atLeast!: number;
  @Max(10) atMost!: number;
  @ArrayMinSize(2) some!: string[];
  @ArrayMaxSize(1) few!: string[];
  @IsIn(['a', 'b']) choice!: string;
  @Matches(/^x+$/) pattern!: string;
  @IsUUID('all', { each: true }) ids!: string[];
}

describe('constraintProblems on class-validator’s own messages', () => {
  it('turns the constraint of every rule the DTOs use into Chinese', async () => {
    const value = Object.assign(new Everything(), {
      notEmpty: '',
      text: 1,
      id: 'x',
      int: 1.5,
      number: 'x',
      flag: 'yes',
      list: 'x',
      object: 'x',
      date: 'x',
      instant: 'x',
      unique: ['a', 'a'],
      step: 'x',
      short: 'toolong',
      long: 'ab',
      atLeast: 0,
      atMost: 11,
      some: ['a'],
      few: ['a', 'b'],
      choice: 'c',
      pattern: 'y',
      ids: ['x'],
      extra: 1,
    });
    const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
    const problems = Object.fromEntries(errors.map((e) => [e.property, constraintProblems(e.constraints)]));
    expect(problems).toEqual({
      defined: ['不能缺少'],
      notEmpty: ['不能为空'],
      text: ['须为文本'],
      id: ['须为 UUID'],
      int: ['须为整数'],
      number: ['须为数字'],
      flag: ['须为布尔值（true 或 false）'],
      list: ['须为数组'],
      object: ['须为对象'],
      date: ['须为 ISO 8601 日期或时刻'],
      instant: ['须为 ISO 8601 日期或时刻'],
      unique: ['各项不得重复'],
      step: ['须为对象或数组'],
      short: ['长度不得超过 5 个字符'],
      long: ['长度不得少于 3 个字符'],
      atLeast: ['不得小于 1'],
      atMost: ['不得大于 10'],
      some: ['至少须有 2 项'],
      few: ['最多 1 项'],
      choice: ['须为以下之一：a、b'],
      pattern: ['格式不正确（须匹配 /^x+$/）'],
      ids: ['每一项须为 UUID'],
      extra: ['不允许提交此字段'],
    });
    for (const list of Object.values(problems)) for (const problem of list) expect(problem).toMatch(CJK);
  });

  it('answers no problems for no constraints', () => {
    expect(constraintProblems(undefined)).toEqual([]);
  });
});
