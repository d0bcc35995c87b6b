import { Form, Select, Space } from 'antd';
import { TASK_STATUS_LABELS } from '../../../../../../libs/domain/src/campaign/campaign-task';
import type { TaskProgress } from './campaign-queries';
import { TASK_STATUSES, type BattleMapFilters, type TaskSort } from './useBattleMapFilters';

const SORTS: Array<{ value: TaskSort; label: string }> = [
  { value: 'plan', label: '按计划顺序' },
  { value: 'deadline', label: '按截止时间' },
  { value: 'level', label: '按督办等级' },
];

/** Filters of the task table (unit, status, escalation level) and its sort; the page keeps them in the URL. */
export function TaskFilters({
  tasks,
  filters,
  onChange,
}: {
  tasks: TaskProgress[];
  filters: BattleMapFilters;
  onChange: (change: Partial<BattleMapFilters>) => void;
}) {
  const units = new Map<string, string>();
  for (const task of tasks)
    for (const unit of [task.lead, ...task.cooperating]) units.set(unit.code, unit.name);
  const levels = new Map<number, string>();
  for (const task of tasks)
    if (task.escalationLevel > 0)
      levels.set(task.escalationLevel, task.escalationLabel ?? `第${task.escalationLevel}级督办`);
  return (
    <Form layout="inline" style={{ rowGap: 8 }} aria-label="筛选任务">
      <Space wrap>
        <Form.Item label="责任单位" htmlFor="filter-unit" style={{ marginInlineEnd: 0 }}>
          <Select
            id="filter-unit"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            style={{ width: 180 }}
            value={filters.unit ?? undefined}
            onChange={(unit?: string) => onChange({ unit: unit ?? null })}
            options={[...units].map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="filter-status" style={{ marginInlineEnd: 0 }}>
          <Select
            id="filter-status"
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={filters.status ?? undefined}
            onChange={(status?: string) => onChange({ status: status ?? null })}
            options={TASK_STATUSES.map((value) => ({ value, label: TASK_STATUS_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item label="督办等级" htmlFor="filter-level" style={{ marginInlineEnd: 0 }}>
          <Select
            id="filter-level"
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            value={filters.level ?? undefined}
            onChange={(level?: number) => onChange({ level: level ?? null })}
            options={[...levels].sort(([a], [b]) => a - b).map(([value, label]) => ({ value, label }))}
            notFoundContent="暂无督办"
          />
        </Form.Item>
        <Form.Item label="排序" htmlFor="task-sort" style={{ marginInlineEnd: 0 }}>
          <Select
            id="task-sort"
            style={{ width: 140 }}
            value={filters.sort}
            onChange={(sort: TaskSort) => onChange({ sort })}
            options={SORTS}
          />
        </Form.Item>
      </Space>
    </Form>
  );
}
