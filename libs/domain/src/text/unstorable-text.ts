/**
 * Text Postgres cannot store: a NUL character (text and jsonb refuse it, 22P05) or a UTF-16
 * surrogate without its partner (jsonb refuses the escape; text would silently turn it into U+FFFD).
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether one string holds a character Postgres cannot store. */
export function isUnstorableString(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The problem named beside the field, in the words every refusal uses. */
export const UNSTORABLE_TEXT_PROBLEM = '含有无法保存的字符（NUL 字符或不成对的 UTF-16 代理项）';

/** Objects nested deeper than this are not walked further (and are refused as too deep at the edge). */
const MAX_DEPTH = 64;

/**
 * The path of the first string (or object key) anywhere in `value` that Postgres cannot store, in
 * the dotted form validation errors use (`measures.0.text`; `''` for `value` itself), or null when
 * every text can be stored. Pure: the API's edge check and the workflows' update validators share it.
 */
export function unstorableText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isUnstorableString(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (isUnstorableString(key)) return at;
    const found = unstorableText(item, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The refusal a workflow's validator gives for such a step (code `UNSTORABLE_TEXT`), or null. */
export function refuseUnstorableText(
  command: unknown,
): { ok: false; code: 'UNSTORABLE_TEXT'; reason: string } | null {
  const path = unstorableText(command);
  if (path === null) return null;
  return {
    ok: false,
    code: 'UNSTORABLE_TEXT',
    reason: path ? `字段 ${path} ${UNSTORABLE_TEXT_PROBLEM}` : `内容${UNSTORABLE_TEXT_PROBLEM}`,
  };
}
