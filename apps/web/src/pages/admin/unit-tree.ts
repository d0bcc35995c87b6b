import type { TreeDataNode } from 'antd';
import type { components } from '../../api/schema';

export type UnitView = components['schemas']['UnitView'];

export interface UnitNode extends TreeDataNode {
  key: string;
  /** TreeSelect reads `value`. */
  value: string;
  title: string;
  unit: UnitView;
  children: UnitNode[];
}

/**
 * The unit list (path order) as a tree: county → bureaus and townships → villages. A unit whose
 * parent is not in the list is a root.
 */
export function unitTree(units: readonly UnitView[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) {
    nodes.set(unit.code, {
      key: unit.code,
      value: unit.code,
      title: `${unit.name}（${unit.kindLabel}）`,
      unit,
      children: [],
    });
  }
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.code)!;
    const parent = unit.parentCode ? nodes.get(unit.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The unit and every unit below it (a unit cannot move under one of these). */
export function subtreeCodes(units: readonly UnitView[], code: string): Set<string> {
  const root = units.find((unit) => unit.code === code);
  if (!root) return new Set([code]);
  return new Set(units.filter((unit) => unit.path.startsWith(root.path)).map((unit) => unit.code));
}
