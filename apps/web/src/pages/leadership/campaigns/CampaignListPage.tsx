import { useQueries } from '@tanstack/react-query';
import { Card, Form, Progress, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { CAMPAIGN_STATUS_LABELS } from '../../../../../../libs/domain/src/campaign/campaign-process';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { campaignKeys, useCampaigns, type CampaignProgress, type CampaignSummary } from './campaign-queries';
import { windowText } from './format';

const STATUSES = Object.keys(CAMPAIGN_STATUS_LABELS) as Array<keyof typeof CAMPAIGN_STATUS_LABELS>;
const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  running: 'processing',
  paused: 'warning',
  closed: 'success',
};

interface Row extends CampaignSummary {
  progress?: CampaignProgress;
  progressError?: unknown;
}

function figures(row: Row, render: (progress: CampaignProgress) => React.ReactNode) {
  if (row.progress) return render(row.progress);
  return row.progressError ? <Typography.Text type="danger">无法读取</Typography.Text> : '…';
}

const columns: TableColumnsType<Row> = [
  {
    title: '攻坚行动',
    dataIndex: 'name',
    key: 'name',
    fixed: 'left',
    width: 240,
    render: (name: string, row) => <Link to={`/campaigns/${row.id}`}>{name}</Link>,
  },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    key: 'status',
    width: 90,
    render: (label: string, row) => <Tag color={STATUS_COLOURS[row.status]}>{label}</Tag>,
  },
  { title: '行动期限', key: 'window', width: 220, render: (_, row) => windowText(row.window) },
  {
    title: '总体进度',
    key: 'percentage',
    width: 170,
    render: (_, row) =>
      figures(row, (p) => (
        <Progress percent={p.campaign.percentage} size="small" aria-label={`${row.name} 总体进度`} />
      )),
  },
  { title: '任务', key: 'tasks', width: 70, render: (_, row) => figures(row, (p) => p.counts.tasks) },
  { title: '已完成', key: 'accepted', width: 80, render: (_, row) => figures(row, (p) => p.counts.accepted) },
  {
    title: '逾期',
    key: 'overdue',
    width: 70,
    render: (_, row) =>
      figures(row, (p) => (
        <Typography.Text type={p.counts.overdue ? 'danger' : undefined}>{p.counts.overdue}</Typography.Text>
      )),
  },
  { title: '督办', key: 'escalated', width: 70, render: (_, row) => figures(row, (p) => p.counts.escalated) },
];

/** Campaigns the person may read (the API decides: a department sees those naming its unit), with their standing. */
export default function CampaignListPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') || null;
  const campaigns = useCampaigns();
  const shown = (campaigns.data ?? []).filter((c) => !status || c.status === status);
  // Each row's figures come from its battle map; the same queries the battle map and its feed refresh.
  const progress = useQueries({
    queries: shown.map((campaign) => ({
      queryKey: campaignKeys.progress(campaign.id),
      queryFn: () => must(api.GET('/api/campaigns/{id}/progress', { params: { path: { id: campaign.id } } })),
    })),
  });
  const rows: Row[] = shown.map((campaign, i) => ({
    ...campaign,
    progress: progress[i]?.data,
    progressError: progress[i]?.error,
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        攻坚行动
      </Typography.Title>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label="状态" htmlFor="campaign-status">
            <Select
              id="campaign-status"
              allowClear
              placeholder="全部状态"
              style={{ width: 140 }}
              value={status ?? undefined}
              onChange={(value?: string) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (value) next.set('status', value);
                    else next.delete('status');
                    return next;
                  },
                  { replace: true },
                )
              }
              options={STATUSES.map((value) => ({ value, label: CAMPAIGN_STATUS_LABELS[value] }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={campaigns.error} />
      <Table<Row>
        data-testid="campaign-table"
        rowKey="id"
        loading={campaigns.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1010 }}
        locale={{ emptyText: status ? '没有该状态的攻坚行动' : '暂无可查看的攻坚行动' }}
      />
    </Space>
  );
}
