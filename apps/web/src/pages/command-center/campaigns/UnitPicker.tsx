import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useUnits } from '../../department/households/useUnits';

interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** The unit tree (GET /api/units) as TreeSelect data: each unit under its parent. */
export function useUnitTree(): UnitNode[] {
  const { list } = useUnits();
  return useMemo(() => {
    const nodes = new Map<string, UnitNode>(
      list.map((unit) => [
        unit.code,
        { value: unit.code, title: `${unit.name}（${unit.code}）`, children: [] },
      ]),
    );
    const roots: UnitNode[] = [];
    for (const unit of list) {
      const parent = typeof unit.parentCode === 'string' ? nodes.get(unit.parentCode) : undefined;
      (parent ? parent.children : roots).push(nodes.get(unit.code) as UnitNode);
    }
    return roots;
  }, [list]);
}

/** One unit (lead) or several (cooperating), chosen in the unit tree by name or code. */
export function UnitPicker({
  multiple,
  value,
  onChange,
  id,
  ...rest
}: {
  multiple?: boolean;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const treeData = useUnitTree();
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      treeData={treeData}
      value={value}
      onChange={(next: string | string[] | undefined) => onChange?.(next)}
      multiple={multiple}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      placeholder="选择单位"
      style={{ width: '100%' }}
    />
  );
}
