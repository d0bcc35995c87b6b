import { Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { showDeadline } from '../../../shared/deadline';
import { workPath, type UnitTask } from './todo-rows';
import { DaysTag, LevelTag, useRowEdge } from './TodoTags';

/** The to-do rows as a table on a wider screen (loaded only there: a phone shows cards). */
export default function TodoTable({ tasks, asOf }: { tasks: UnitTask[]; asOf: string }) {
  const edge = useRowEdge();
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
              <DaysTag task={task} asOf={asOf} />
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
        {
          title: '督办',
          key: 'level',
          width: 110,
          render: (_, task) => (task.escalationLevel > 0 ? <LevelTag task={task} /> : '—'),
        },
      ]}
    />
  );
}
