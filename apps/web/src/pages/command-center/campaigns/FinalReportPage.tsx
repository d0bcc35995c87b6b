import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Space, Table, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { PageSpinner } from '../../../shared/PageSpinner';
import { showDeadline, showTime } from '../../../shared/deadline';
import type { FinalReport } from '../../../../../../libs/domain/src/campaign/campaign-progress';
import { useUnits } from '../../department/households/useUnits';
import { useCampaignDetail } from './campaign-desk-queries';
import './final-report.css';

const OUTCOMES = { 'on-time': '按期完成', late: '逾期完成', unfinished: '未完成' } as const;

/** 总结报告: goals against targets, tasks on time / late / unfinished, by unit — laid out to print on A4. */
export default function FinalReportPage() {
  const campaignId = useParams().campaignId ?? '';
  const detail = useCampaignDetail(campaignId);
  const { nameOf } = useUnits();
  const report = useQuery({
    queryKey: ['campaigns', campaignId, 'final-report'],
    queryFn: async () =>
      (await must(api.GET('/api/campaigns/{id}/final-report', { params: { path: { id: campaignId } } })))
        .report as unknown as FinalReport,
  });
  if (report.isPending) return <PageSpinner />;
  if (!report.data) return <ApiErrorAlert error={report.error} />;
  const r = report.data;
  return (
    <div className="final-report" data-testid="final-report">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>
          打印（A4）
        </Button>
      </Space>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {detail.data?.name ?? ''}总结报告
      </Typography.Title>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="结束时间">{showTime(r.closedAt)}</Descriptions.Item>
        <Descriptions.Item label="任务总数">{r.totals.tasks}</Descriptions.Item>
        <Descriptions.Item label="按期完成">{r.totals.onTime}</Descriptions.Item>
        <Descriptions.Item label="逾期完成">{r.totals.late}</Descriptions.Item>
        <Descriptions.Item label="未完成">{r.totals.unfinished}</Descriptions.Item>
        {r.totals.extended !== undefined && (
          <Descriptions.Item label="延期任务">{r.totals.extended}</Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={4}>目标完成情况</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={r.goals}
        columns={[
          { title: '目标', dataIndex: 'name' },
          { title: '目标值', dataIndex: 'target', render: (v: number, g) => `${v} ${g.unit}` },
          { title: '完成', dataIndex: 'actual', render: (v: number, g) => `${v} ${g.unit}` },
          { title: '完成率', dataIndex: 'percentage', render: (v: number) => `${v}%` },
        ]}
      />
      <Typography.Title level={4}>任务完成情况</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        data-testid="report-tasks"
        dataSource={r.tasks}
        columns={[
          { title: '任务', dataIndex: 'key', render: (key: string, t) => `${key} ${t.name}` },
          { title: '牵头单位', dataIndex: 'lead', render: (code: string) => nameOf(code) },
          {
            title: '期限',
            dataIndex: 'deadline',
            render: (at: string, t) => showDeadline(at, t.deadlineDate),
          },
          { title: '验收时间', dataIndex: 'acceptedAt', render: (at: string | null) => showTime(at) },
          { title: '完成率', dataIndex: 'percentage', render: (v: number) => `${v}%` },
          { title: '结果', dataIndex: 'outcome', render: (o: keyof typeof OUTCOMES) => OUTCOMES[o] },
        ]}
      />
      <Typography.Title level={4}>各单位情况</Typography.Title>
      <Table
        size="small"
        rowKey="unit"
        pagination={false}
        dataSource={r.byUnit}
        columns={[
          { title: '单位', dataIndex: 'unit', render: (code: string) => nameOf(code) },
          { title: '按期完成', dataIndex: 'onTime' },
          { title: '逾期完成', dataIndex: 'late' },
          { title: '未完成', dataIndex: 'unfinished' },
        ]}
      />
    </div>
  );
}
