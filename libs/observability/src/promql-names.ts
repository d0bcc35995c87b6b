/** PromQL words that are not metric names: operators, modifiers and literals. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'inf',
  'nan',
  'atan2',
]);

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers,
 * grouping clauses, ranges, Grafana variables and function names are taken out.
 */
export function metricNamesIn(expression: string): string[] {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const rest = bare.slice(match.index + match[0].length);
    if (/^\s*\(/.test(rest)) continue; // a function
    if (KEYWORDS.has(match[0].toLowerCase())) continue;
    if (/^\d/.test(match[0])) continue;
    // durations after offset (`offset 1d`) and numbers with units are not names
    const before = bare.slice(0, match.index);
    if (/offset\s*$/.test(before) || /\d$/.test(before)) continue;
    names.add(match[0]);
  }
  return [...names];
}
