import { Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { daysText, showDeadline } from '../../../shared/deadline';
import { EscalationTag } from './EscalationTag';
import type { TaskNode } from './useBattleMapFilters';

const STATUS_COLOURS: Record<string, string> = {
  'in-progress': 'processing',
  submitted: 'warning',
  accepted: 'success',
};

function quantityText(task: TaskNode): string {
  if (task.target) return `${task.quantity ?? 0} / ${task.target.quantity} ${task.target.unit}`;
  if (task.linked) return `${task.linked.done} / ${task.linked.total}`;
  return '—';
}

function columns(campaignId: string): TableColumnsType<TaskNode> {
  return [
    {
      title: '任务',
      dataIndex: 'name',
      key: 'name',
      width: 260,
      fixed: 'left',
      render: (_, task) => (
        <Link to={`/campaigns/${campaignId}/tasks/${encodeURIComponent(task.key)}`}>
          <Typography.Text strong={task.isGroup} style={{ color: 'inherit' }}>
            {task.key} {task.name}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      key: 'status',
      width: 90,
      render: (label: string, task) => <Tag color={STATUS_COLOURS[task.status]}>{label}</Tag>,
    },
    {
      title: '进度',
      dataIndex: 'percentage',
      key: 'percentage',
      width: 160,
      render: (percentage: number, task) => (
        <Progress
          percent={percentage}
          size="small"
          status={task.status === 'accepted' ? 'success' : task.overdue ? 'exception' : 'normal'}
          aria-label={`${task.key} 进度 ${percentage}%`}
        />
      ),
    },
    { title: '完成 / 目标', key: 'quantity', width: 140, render: (_, task) => quantityText(task) },
    {
      title: '截止时间',
      key: 'deadline',
      width: 150,
      render: (_, task) => (
        <span data-testid={`deadline-${task.key}`}>{showDeadline(task.deadline, task.deadlineDate)}</span>
      ),
    },
    {
      title: '剩余 / 逾期',
      key: 'days',
      width: 110,
      render: (_, task) => (
        <Typography.Text type={task.overdue ? 'danger' : undefined}>
          {daysText(task.daysLeft, task.daysOverdue) || '—'}
        </Typography.Text>
      ),
    },
    {
      title: '督办',
      key: 'level',
      width: 110,
      render: (_, task) => <EscalationTag level={task.escalationLevel} label={task.escalationLabel} />,
    },
    {
      title: '序时进度',
      key: 'pace',
      width: 90,
      render: (_, task) => (task.behindPace ? <Tag color="orange">滞后</Tag> : <Tag>正常</Tag>),
    },
    { title: '牵头单位', key: 'lead', width: 120, render: (_, task) => task.lead.name },
    {
      title: '配合单位',
      key: 'cooperating',
      width: 200,
      render: (_, task) => task.cooperating.map((unit) => unit.name).join('、') || '—',
    },
  ];
}

/** The task tree (group → sub-tasks) of the battle map; a task's name opens its page. */
export function TaskTable({ campaignId, tasks }: { campaignId: string; tasks: TaskNode[] }) {
  return (
    <Table<TaskNode>
      data-testid="task-table"
      rowKey="key"
      size="small"
      columns={columns(campaignId)}
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 1430 }}
      expandable={{ defaultExpandAllRows: true }}
      // a new tree (filters, live data) keeps every group open
      key={tasks.map((task) => task.key).join(',')}
      locale={{ emptyText: '没有符合条件的任务' }}
    />
  );
}
