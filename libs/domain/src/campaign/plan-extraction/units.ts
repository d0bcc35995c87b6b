import { matchForm } from './text';

/** A unit of the unit tree as GET /api/units gives it. */
export interface UnitRef {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

/** What a written unit name resolves to. */
export type UnitMatch =
  | { kind: 'unit'; code: string; how: 'exact' | 'short' }
  | { kind: 'all-townships'; codes: string[] }
  | { kind: 'unknown' };

/** "各乡镇", "各镇办", "各乡镇场街", "各镇（街道）", "各镇办党委政府": every township. */
const ALL_TOWNSHIPS =
  /^(?:县级)?各(?:乡镇场街|乡镇街道|乡镇街|乡镇场|乡镇|镇办|镇街|镇（街道）|镇（办）|乡|镇|街道)(?:党委政府|党委、政府|党委|政府|人民政府)?$/;

/** Words around a unit name that are not part of it. */
const PREFIXES = /^(?:县委|县政府|县人民政府|县|区委|区|市)/;
const SUFFIXES = /(?:党委政府|党委、政府|人民政府|党委|政府|等部门|等单位|等)$/;

/** A name reduced for matching: simplified, trimmed, 县/县委 prefix and 党委政府 suffix removed. */
export function unitKey(name: string): string {
  const simplified = matchForm(name).replace(/[\s“”"]/g, '');
  return simplified.replace(SUFFIXES, '').replace(PREFIXES, '');
}

/** The townships of the tree: units of kind township. */
function townships(units: readonly UnitRef[]): string[] {
  return units.filter((unit) => unit.kind === 'township').map((unit) => unit.code);
}

/** Resolves a written unit name ("县住建局", "住建局", "各乡镇", "县委统战部") against the unit tree. */
export function matchUnit(written: string, units: readonly UnitRef[]): UnitMatch {
  const name = matchForm(written)
    .replace(/[\s“”"]/g, '')
    .replace(SUFFIXES, '');
  if (name === '') return { kind: 'unknown' };
  if (ALL_TOWNSHIPS.test(name)) return { kind: 'all-townships', codes: townships(units) };
  const exact = units.find((unit) => matchForm(unit.name) === name);
  if (exact) return { kind: 'unit', code: exact.code, how: 'exact' };
  const key = unitKey(name);
  const short = units.filter((unit) => unitKey(unit.name) === key);
  // Two units sharing a short name (a 县 and a 市 bureau) are not guessed between.
  if (short.length === 1) return { kind: 'unit', code: short[0].code, how: 'short' };
  return { kind: 'unknown' };
}

/** A unit named somewhere in a text, with where. */
export interface UnitMention {
  start: number;
  end: number;
  written: string;
  code: string;
}

/**
 * Known units named in running text ("住建局要…", "扶贫办也要…"), longest names first so "县委统战部"
 * wins over "统战部". Only units of the tree: free text names no unknown unit.
 */
export function findUnitMentions(text: string, units: readonly UnitRef[]): UnitMention[] {
  const names: Array<{ written: string; code: string }> = [];
  for (const unit of units) {
    const full = matchForm(unit.name);
    names.push({ written: full, code: unit.code });
    const key = unitKey(unit.name);
    // A short name of two characters ("城关") or a generic word would match too much.
    if (key !== full && key.length >= 3 && /[局办委部社司队站]$/.test(key))
      names.push({ written: key, code: unit.code });
  }
  names.sort((a, b) => b.written.length - a.written.length);
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const found: UnitMention[] = [];
  for (const { written, code } of names) {
    let from = text.indexOf(written);
    while (from >= 0) {
      const to = from + written.length;
      if (!taken.slice(from, to).some(Boolean)) {
        taken.fill(true, from, to);
        found.push({ start: from, end: to, written, code });
      }
      from = text.indexOf(written, to);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A list of units as a slot writes it ("县发改局、财政局，各镇办党委政府"), split into names with offsets. */
export function splitUnitList(
  text: string,
  offset: number,
): Array<{ name: string; start: number; end: number }> {
  const parts: Array<{ name: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/[^、，,\s]+/g)) {
    parts.push({ name: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return parts;
}
