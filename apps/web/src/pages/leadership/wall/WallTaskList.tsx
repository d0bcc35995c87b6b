import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TaskProgress } from '../campaigns/campaign-queries';

/**
 * A list of tasks in large type, as many as fit on the wall (`max`), with how many more there are:
 * the wall never scrolls.
 */
export function WallTaskList({
  title,
  tasks,
  max,
  empty,
  detail,
}: {
  title: string;
  tasks: TaskProgress[];
  max: number;
  empty: string;
  detail: (task: TaskProgress) => ReactNode;
}) {
  const shown = tasks.slice(0, max);
  return (
    <section aria-label={title} style={{ minHeight: 0, overflow: 'hidden' }}>
      <Typography.Title level={2} style={{ margin: '0 0 12px', fontSize: 32 }}>
        {title}（{tasks.length}）
      </Typography.Title>
      {shown.length === 0 && <Typography.Text style={{ fontSize: 26 }}>{empty}</Typography.Text>}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((task) => (
          <li
            key={task.key}
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              gap: 16,
              fontSize: 26,
              lineHeight: '44px',
              borderBottom: '1px solid rgba(255,255,255,0.12)',
              whiteSpace: 'nowrap',
            }}
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {task.key} {task.name} · {task.lead.name}
            </span>
            <span style={{ flex: 'none' }}>{detail(task)}</span>
          </li>
        ))}
      </ol>
      {tasks.length > shown.length && (
        <Typography.Text type="secondary" style={{ fontSize: 22 }}>
          另有 {tasks.length - shown.length} 项
        </Typography.Text>
      )}
    </section>
  );
}
