/** Quantities a task names as its target: "747户", "1020人", "98%以上", "8千亩", "2000人以上". */

export interface QuantityPhrase {
  start: number;
  end: number;
  quantity: number;
  unit: string;
}

const UNITS = '户|人次|人|名|个|套|所|座|处|间|公里|千米|亩|头|只|家|项|条|台|盏|%';
const QUANTITY = new RegExp(`(\\d+(?:\\.\\d+)?)(万|千)?(${UNITS})`, 'g');
/** A clause states a target only when it says what is to be done. */
const TARGET_VERB =
  /完成|确保|达到|排查|建档|实现|培训|核实|改造|建成|新建|建设|创建|吸纳|帮扶|覆盖|安置|搬迁|培育|纳入|发展|解决|开发|种植|养殖|转移|就业|退出|摘帽|脱贫/;

/**
 * Quantities stated as targets in a text (match form), in order: in a clause that says what is to
 * be done, not a norm per item ("每个贫困村…1个以上"), not one end of a range ("3-5名"), not a year,
 * month or money.
 */
export function findTargets(text: string): QuantityPhrase[] {
  const found: QuantityPhrase[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const start = m.index;
    const before = text[start - 1] ?? '';
    if (/[\d.\-~～—至第]/.test(before)) continue;
    const clauseStart = Math.max(...['，', '；', '。', '：'].map((p) => text.lastIndexOf(p, start - 1))) + 1;
    const clauseEnd = (() => {
      const ends = ['，', '；', '。'].map((p) => text.indexOf(p, start)).filter((n) => n >= 0);
      return ends.length > 0 ? Math.min(...ends) : text.length;
    })();
    const clause = text.slice(clauseStart, clauseEnd);
    const lead = text.slice(clauseStart, start);
    if (!TARGET_VERB.test(clause) || /每|各/.test(lead)) continue;
    const multiplier = m[2] === '万' ? 10_000 : m[2] === '千' ? 1_000 : 1;
    const quantity = Number(m[1]) * multiplier;
    if (quantity <= 1 && m[3] !== '%') continue;
    found.push({ start, end: start + m[0].length, quantity, unit: m[3] });
  }
  return found;
}
