import { Card, Grid, List, Space, Table, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router';
import { showDeadline } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { taskDaysText, workPath, type UnitTask } from './todo-rows';

const levelTag = (task: UnitTask) =>
  task.escalationLevel > 0 ? (
    <Tag color={escalationColour(task.escalationLevel)}>
      {task.escalationLabel ?? `督办 ${task.escalationLevel} 级`}
    </Tag>
  ) : null;

const daysTag = (task: UnitTask, asOf: string) => {
  const text = taskDaysText(task, asOf);
  return text ? <Tag color={task.overdue ? 'red' : 'default'}>{text}</Tag> : null;
};

/** The to-do rows: cards on a phone, a table on a wider screen; each leads to where it is done. */
export function TodoList({ tasks, asOf }: { tasks: UnitTask[]; asOf: string }) {
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const palette = token as unknown as Record<string, string | undefined>;
  /** The escalation colour of a row (the ladder's tag colour), grey when nothing has fired. */
  const edge = (task: UnitTask) =>
    (task.escalationLevel > 0 ? palette[escalationColour(task.escalationLevel)] : undefined) ??
    token.colorBorder;
  if (!screens.md) {
    return (
      <List
        aria-label="待办事项"
        dataSource={tasks}
        locale={{ emptyText: '暂无待办事项' }}
        renderItem={(task) => (
          <List.Item key={`${task.kind}:${task.link}`} style={{ padding: '6px 0', border: 'none' }}>
            <Card
              size="small"
              data-testid="todo-card"
              style={{
                width: '100%',
                borderLeft: `4px solid ${edge(task)}`,
              }}
            >
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag>{task.kindLabel}</Tag>
                  <Tag color="blue">{task.statusLabel}</Tag>
                  {levelTag(task)}
                </Space>
                <Link to={workPath(task)} style={{ overflowWrap: 'anywhere', fontWeight: 600 }}>
                  {task.reference} {task.title}
                </Link>
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {task.sourceName} · {task.roleLabel}
                </Typography.Text>
                <Space wrap size={4}>
                  <span>期限：{showDeadline(task.deadline, task.deadlineDate)}</span>
                  {daysTag(task, asOf)}
                </Space>
              </Space>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<UnitTask>
      aria-label="待办事项"
      rowKey={(task) => `${task.kind}:${task.link}`}
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: '暂无待办事项' }}
      onRow={(task) => ({
        style: { boxShadow: `inset 4px 0 0 ${edge(task)}` },
      })}
      columns={[
        {
          title: '期限',
          key: 'deadline',
          width: 170,
          render: (_, task) => (
            <Space orientation="vertical" size={0}>
              <span>{showDeadline(task.deadline, task.deadlineDate)}</span>
              {daysTag(task, asOf)}
            </Space>
          ),
        },
        {
          title: '事项',
          key: 'title',
          render: (_, task) => (
            <Space orientation="vertical" size={0}>
              <Link to={workPath(task)}>
                {task.reference} {task.title}
              </Link>
              <Typography.Text type="secondary">{task.sourceName}</Typography.Text>
            </Space>
          ),
        },
        { title: '类别', dataIndex: 'kindLabel', width: 100 },
        { title: '本单位职责', dataIndex: 'roleLabel', width: 120 },
        { title: '状态', dataIndex: 'statusLabel', width: 120 },
        { title: '督办', key: 'level', width: 110, render: (_, task) => levelTag(task) ?? '—' },
      ]}
    />
  );
}
