/**
 * class-validator writes its default messages in English ("name should not be empty"); every
 * problem the API sends is Chinese. The field is named beside the problem, so the problem leaves
 * it out.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const EACH = 'each value in ';

/** Builds the problem from the parameter in the English default, or a fallback without it. */
const withParameter =
  (pattern: RegExp, problem: (parameter: string) => string, fallback: string) =>
  (message: string): string => {
    const parameter = pattern.exec(message)?.[1];
    return parameter === undefined ? fallback : problem(parameter);
  };

const PROBLEMS: Record<string, (message: string) => string> = {
  isDefined: () => '不能缺少',
  isNotEmpty: () => '不能为空',
  isString: () => '须为文本',
  isUuid: () => '须为 UUID',
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isBoolean: () => '须为布尔值（true 或 false）',
  isArray: () => '须为数组',
  isObject: () => '须为对象',
  isDateString: () => '须为 ISO 8601 日期或时刻',
  isIso8601: () => '须为 ISO 8601 日期或时刻',
  arrayUnique: () => '各项不得重复',
  nestedValidation: () => '须为对象或数组',
  whitelistValidation: () => '不允许提交此字段',
  unknownValue: () => '无法识别的值',
  maxLength: withParameter(/or equal to (\d+) characters/, (n) => `长度不得超过 ${n} 个字符`, '长度超出上限'),
  minLength: withParameter(/or equal to (\d+) characters/, (n) => `长度不得少于 ${n} 个字符`, '长度不足'),
  min: withParameter(/must not be less than (\S+)$/, (n) => `不得小于 ${n}`, '数值过小'),
  max: withParameter(/must not be greater than (\S+)$/, (n) => `不得大于 ${n}`, '数值过大'),
  arrayMinSize: withParameter(/at least (\d+) elements/, (n) => `至少须有 ${n} 项`, '项数不足'),
  arrayMaxSize: withParameter(/no more than (\d+) elements/, (n) => `最多 ${n} 项`, '项数超出上限'),
  isIn: withParameter(
    /must be one of the following values: (.*)$/,
    (list) => `须为以下之一：${list.split(', ').join('、')}`,
    '不是允许的取值',
  ),
  matches: withParameter(
    /must match (.+) regular expression$/,
    (pattern) => `格式不正确（须匹配 ${pattern}）`,
    '格式不正确',
  ),
};

/**
 * One class-validator constraint (its key, e.g. `isNotEmpty`, and its message) as a Chinese
 * problem. A message that is already Chinese passes through; an unknown key keeps its message.
 */
export function validationProblem(key: string, message: string): string {
  if (CJK.test(message)) return message;
  const problem = PROBLEMS[key];
  if (!problem) return message;
  return message.startsWith(EACH) ? `每一项${problem(message)}` : problem(message);
}

/** Every constraint of one validation error, as Chinese problems. */
export function constraintProblems(constraints: Record<string, string> | undefined): string[] {
  return Object.entries(constraints ?? {}).map(([key, message]) => validationProblem(key, message));
}

/** The unit code rule (`UNIT_CODE_PATTERN`) in words, for every DTO field that holds a unit code. */
export const UNIT_CODE_PROBLEM = '须为单位编码：1 至 64 位字母、数字、- 或 _，以字母或数字开头';
