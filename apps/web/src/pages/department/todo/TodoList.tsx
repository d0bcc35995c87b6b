import { Card, Empty, Flex, Grid, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { showDeadline } from '../../../shared/deadline';
import { PageSpinner } from '../../../shared/PageSpinner';
import { workPath, type UnitTask } from './todo-rows';
import { DaysTag, LevelTag, useRowEdge } from './TodoTags';

// The table (with its sorting, filtering and pagination code) loads only on a wider screen.
const TodoTable = lazy(() => import('./TodoTable'));

/** The to-do rows: cards on a phone, a table on a wider screen; each leads to where it is done. */
export function TodoList({ tasks, asOf }: { tasks: UnitTask[]; asOf: string }) {
  const screens = Grid.useBreakpoint();
  const edge = useRowEdge();
  if (screens.md) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <TodoTable tasks={tasks} asOf={asOf} />
      </Suspense>
    );
  }
  // A stack of cards rather than antd's List, whose pagination (and its select) a phone never needs.
  if (tasks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />;
  return (
    <Flex vertical gap={12} role="list" aria-label="待办事项">
      {tasks.map((task) => (
        <Card
          key={`${task.kind}:${task.link}`}
          role="listitem"
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
              <LevelTag task={task} />
            </Space>
            <Link to={workPath(task)} style={{ overflowWrap: 'anywhere', fontWeight: 600 }}>
              {task.reference} {task.title}
            </Link>
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {task.sourceName} · {task.roleLabel}
            </Typography.Text>
            <Space wrap size={4}>
              <span>期限：{showDeadline(task.deadline, task.deadlineDate)}</span>
              <DaysTag task={task} asOf={asOf} />
            </Space>
          </Space>
        </Card>
      ))}
    </Flex>
  );
}
