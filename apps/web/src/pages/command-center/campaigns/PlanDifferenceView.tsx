import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { showDeadline } from '../../../../../../libs/domain/src/time/deadline-display';
import type { PlanDifference } from './plan-preview';

/** Tasks added, tasks revised (deadlines moved shown from → to), and why a running campaign would refuse it. */
export function PlanDifferenceView({ difference }: { difference: PlanDifference }) {
  const { added, revised, problems } = difference;
  if (added.length === 0 && revised.length === 0 && problems.length === 0)
    return <Empty description="任务没有变化" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="已启动的行动不能这样修改"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.map((p) => (
                <li key={`${p.path}-${p.problem}`}>
                  <code>{p.path}</code>：{p.problem}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {added.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>新增任务 {added.length} 项</Typography.Text>}
          dataSource={added}
          renderItem={(task) => (
            <List.Item data-testid={`added-${task.key}`}>
              <Tag color="green">新增</Tag>
              {task.key} {task.name}（截止 {showDeadline(task.deadline)}）
            </List.Item>
          )}
        />
      )}
      {revised.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>调整任务 {revised.length} 项</Typography.Text>}
          dataSource={revised}
          renderItem={({ before, after, deadlineMoved, changes }) => (
            <List.Item data-testid={`revised-${after.key}`}>
              <Space wrap>
                <Tag color="blue">调整</Tag>
                <span>
                  {after.key} {after.name}
                </span>
                {deadlineMoved && (
                  <span>
                    截止 {showDeadline(before.deadline)} → {showDeadline(after.deadline)}
                  </span>
                )}
                <Typography.Text type="secondary">（{changes.join('、')}）</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
