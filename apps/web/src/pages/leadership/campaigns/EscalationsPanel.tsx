import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { daysText, showDeadline } from '../../../shared/deadline';
import type { CampaignProgress } from './campaign-queries';
import { EscalationTag } from './EscalationTag';

/** Tasks on the escalation ladder and not finished, highest step first. */
export function escalatedTasks(progress: CampaignProgress) {
  return progress.tasks
    .filter((task) => !task.isGroup && task.escalationLevel > 0 && task.status !== 'accepted')
    .sort((a, b) => b.escalationLevel - a.escalationLevel);
}

/** The battle map's escalations: escalated tasks and unsigned pledges that were escalated. */
export function EscalationsPanel({ progress }: { progress: CampaignProgress }) {
  const tasks = escalatedTasks(progress);
  const pledges = progress.pledges.filter((pledge) => !pledge.signed && pledge.escalationLevel > 0);
  return (
    <Card title={`督办（${tasks.length + pledges.length}）`} size="small">
      <List
        size="small"
        locale={{ emptyText: '暂无督办事项' }}
        dataSource={[
          ...tasks.map((task) => ({
            key: `task:${task.key}`,
            content: (
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <EscalationTag level={task.escalationLevel} label={task.escalationLabel} />
                  <Link to={`/campaigns/${progress.campaign.id}/tasks/${encodeURIComponent(task.key)}`}>
                    {task.key} {task.name}
                  </Link>
                </Space>
                <Typography.Text type="secondary">
                  {task.lead.name} · 截止 {showDeadline(task.deadline, task.deadlineDate)}{' '}
                  {daysText(task.daysLeft, task.daysOverdue)}
                </Typography.Text>
              </Space>
            ),
          })),
          ...pledges.map((pledge) => ({
            key: `pledge:${pledge.unit.code}`,
            content: (
              <Space wrap>
                <EscalationTag level={pledge.escalationLevel} label={null} />
                <span>{pledge.unit.name} 责任状未签订</span>
              </Space>
            ),
          })),
        ]}
        renderItem={(item) => <List.Item key={item.key}>{item.content}</List.Item>}
      />
    </Card>
  );
}
