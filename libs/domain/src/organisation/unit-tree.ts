/**
 * Units form a tree (county → township → village, and bureaus under the county). Each unit stores
 * its materialised path, `/county/township/village/`, so "is this unit at or below that one" is a
 * prefix test in code and a `LIKE 'path%'` in SQL.
 */
export const UNIT_KINDS = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'bureau',
  'team',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: '省',
  city: '市',
  county: '县/区',
  township: '乡/镇/办',
  village: '村/社区',
  bureau: '部门',
  team: '工作队',
  other: '其他',
};

/** Codes are stable identifiers: letters, digits, `-` and `_`, up to 64 characters. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function unitPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** Whether the unit at `path` is the unit at `ancestorPath` or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export interface UnitRow {
  code: string;
  parentCode: string | null;
}

/**
 * Orders units so that each parent comes before its children (for imports), or names the codes
 * that form a cycle or point to a parent that is neither in `rows` nor in `existing`.
 */
export function orderParentsFirst(
  rows: UnitRow[],
  existing: ReadonlySet<string>,
): { ordered: UnitRow[]; unresolved: UnitRow[] } {
  const pending = new Map(rows.map((row) => [row.code, row]));
  const placed = new Set(existing);
  const ordered: UnitRow[] = [];
  let progress = true;
  while (pending.size > 0 && progress) {
    progress = false;
    for (const [code, row] of pending) {
      if (row.parentCode === null || placed.has(row.parentCode)) {
        ordered.push(row);
        placed.add(code);
        pending.delete(code);
        progress = true;
      }
    }
  }
  return { ordered, unresolved: [...pending.values()] };
}
