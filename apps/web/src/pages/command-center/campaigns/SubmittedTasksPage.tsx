import { Breadcrumb, Card, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline, showTime } from '../../../shared/deadline';
import { useUnits } from '../../department/households/useUnits';
import { useCampaignDetail } from './campaign-desk-queries';
import { TaskReviewActions } from './TaskReviewActions';

/** 待验收: a campaign's submitted tasks, each accepted, returned or extended in its row. */
export default function SubmittedTasksPage() {
  const campaignId = useParams().campaignId ?? '';
  const detail = useCampaignDetail(campaignId);
  const { nameOf } = useUnits();
  const submitted = (detail.data?.tasks ?? []).filter((task) => task.status === 'submitted');
  return (
    <Card
      title={
        <Breadcrumb
          items={[
            { title: <Link to={`/campaigns/${campaignId}`}>{detail.data?.name ?? '攻坚行动'}</Link> },
            { title: '待验收任务' },
          ]}
        />
      }
    >
      <ApiErrorAlert error={detail.error} />
      <Table
        size="small"
        rowKey="key"
        loading={detail.isPending}
        dataSource={submitted}
        pagination={false}
        data-testid="submitted-tasks"
        locale={{ emptyText: <Typography.Text type="secondary">没有待验收的任务</Typography.Text> }}
        columns={[
          {
            title: '任务',
            dataIndex: 'key',
            render: (key: string, task) => (
              <Link to={`/campaigns/${campaignId}/tasks/${encodeURIComponent(key)}`}>
                {key} {task.name}
              </Link>
            ),
          },
          { title: '牵头单位', dataIndex: 'lead', render: (code: string) => nameOf(code) },
          {
            title: '期限',
            dataIndex: 'deadline',
            render: (at: string, task) => showDeadline(at, task.deadlineDate),
          },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            render: (at: unknown) => showTime(at as string | null),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, task) => (
              <TaskReviewActions campaignId={campaignId} taskKey={task.key} status={task.status} />
            ),
          },
        ]}
      />
    </Card>
  );
}
