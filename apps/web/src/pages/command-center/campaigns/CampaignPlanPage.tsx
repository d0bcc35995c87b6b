import { Button, Card, Descriptions, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { PageSpinner } from '../../../shared/PageSpinner';
import { useCommand } from '../../../shared/useCommand';
import { showDeadline, showInstant } from '../../../../../../libs/domain/src/time/deadline-display';
import type { ResolvedPlan } from '../../../../../../libs/domain/src/campaign/campaign-plan';
import { useUnits } from '../../department/households/useUnits';
import { CampaignActions } from './CampaignActions';
import { useCampaignDetail, useWorkingCalendar, type CampaignDetail } from './campaign-desk-queries';
import { planProblemsOf } from './plan-document';
import { PlanDifferenceView } from './PlanDifferenceView';
import { PlanEditor, usePlanEditor } from './PlanEditor';
import { cadenceSchedule, planDifference, resolveOrNull, taskPreviews, windowYears } from './plan-preview';
import { PlanVersions } from './PlanVersions';

/** The resolved plan as it will run: every task's deadline on the working-day calendar, its ladder's dates, the cadence. */
export function PlanPreview({ plan, from }: { plan: ResolvedPlan; from: string }) {
  const { nameOf } = useUnits();
  const tasks = taskPreviews(plan);
  const cadence = cadenceSchedule(plan, from);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="行动期限">
          {showInstant(plan.window.start)} 至 {showDeadline(plan.window.end)}
        </Descriptions.Item>
        <Descriptions.Item label="责任状签订">
          启动后 {plan.pledgeWithin.replace(/^P(\d+)D$/, '$1 天')} 内
        </Descriptions.Item>
        <Descriptions.Item label="序时进度预警">落后 {plan.paceMargin} 个百分点</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="任务与督办阶梯">
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={tasks}
          data-testid="preview-tasks"
          columns={[
            { title: '编号', dataIndex: 'key', width: 70 },
            { title: '任务', dataIndex: 'name' },
            { title: '牵头单位', dataIndex: 'lead', render: (code: string) => nameOf(code) },
            { title: '截止时间', dataIndex: 'deadline', render: (at: string) => showDeadline(at) },
            {
              title: '督办阶梯',
              dataIndex: 'ladder',
              render: (ladder: ReturnType<typeof taskPreviews>[number]['ladder'], task) =>
                task.isGroup ? (
                  <Typography.Text type="secondary">由子任务汇总</Typography.Text>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {ladder.map((step) => (
                      <Tag key={step.level}>
                        {step.label} {showInstant(step.dueAt)}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="通报与提醒日程">
        <Table
          size="small"
          rowKey={(event) => `${event.kind}-${event.dueAt}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={cadence}
          columns={[
            { title: '事项', dataIndex: 'kind' },
            { title: '时间', dataIndex: 'dueAt', render: (at: string) => showInstant(at) },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 修改计划: the same editor on the running version, its difference shown, applied with a reason. */
function PlanChange({ campaign }: { campaign: CampaignDetail }) {
  const editor = usePlanEditor(campaign.document);
  const [compared, setCompared] = useState<Record<string, unknown> | null>(null);
  const [reason, setReason] = useState('');
  const calendar = useWorkingCalendar(compared ? windowYears(compared) : []);
  const next = compared && calendar ? resolveOrNull(compared, calendar) : null;
  const apply = useCommand(
    (body: { document: Record<string, unknown>; reason: string }, key: string) =>
      must(
        api.POST('/api/campaigns/{id}/plan', {
          params: { path: { id: campaign.id }, query: {} },
          body: body as never,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    {
      invalidates: [['campaigns', campaign.id]],
      success: (result) => `已生效：计划第 ${(result as { planVersion: number }).planVersion} 版`,
      onSuccess: () => setCompared(null),
    },
  );
  const compare = () => {
    const document = editor.document();
    if (document) setCompared(document);
  };
  const onApply = () => {
    const document = editor.document();
    if (!document) return;
    editor.show([]);
    apply.mutate({ document, reason }, { onError: (error) => editor.show(planProblemsOf(error)) });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PlanEditor editor={editor} />
      <Button onClick={compare}>对比当前版本</Button>
      {compared && (
        <Card size="small" title={`与第 ${campaign.planVersion} 版的差异`} data-testid="plan-difference">
          {next ? (
            <PlanDifferenceView difference={planDifference(campaign.plan, next)} />
          ) : (
            <Typography.Text type="secondary">计划尚不完整，无法计算差异；提交时会列出问题。</Typography.Text>
          )}
        </Card>
      )}
      <Input.TextArea
        aria-label="修改理由"
        placeholder="修改理由（必填）"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        autoSize={{ minRows: 2 }}
        maxLength={1000}
      />
      {apply.error && planProblemsOf(apply.error).length === 0 && <ApiErrorAlert error={apply.error} />}
      {apply.error && planProblemsOf(apply.error).length > 0 && (
        <Typography.Text type="danger" role="alert">
          {apply.error.message}
        </Typography.Text>
      )}
      <Button type="primary" disabled={reason.trim() === ''} loading={apply.isPending} onClick={onApply}>
        应用新版本
      </Button>
    </Space>
  );
}

/** A campaign's plan for the command center: the preview before launch, changes after, versions. */
export default function CampaignPlanPage() {
  const campaignId = useParams().campaignId ?? '';
  const detail = useCampaignDetail(campaignId);
  if (detail.isPending) return <PageSpinner />;
  const campaign = detail.data;
  if (!campaign) return <ApiErrorAlert error={detail.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {campaign.name} <Tag>{campaign.statusLabel}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            计划第 {campaign.planVersion} 版
          </Typography.Text>
        </Typography.Title>
        <Space>
          {campaign.status !== 'draft' && (
            <Link to={`/campaigns/${campaignId}`}>
              <Button>作战图</Button>
            </Link>
          )}
          <CampaignActions campaignId={campaignId} />
        </Space>
      </Space>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'preview',
            label: campaign.status === 'draft' ? '启动前预览' : '当前计划',
            children: (
              <PlanPreview
                plan={campaign.plan}
                from={(campaign.launchedAt as unknown as string | null) ?? campaign.plan.window.start}
              />
            ),
          },
          {
            key: 'change',
            label: '修改计划',
            disabled: campaign.status === 'closed',
            children: <PlanChange key={campaign.planVersion} campaign={campaign} />,
          },
          { key: 'versions', label: '历史版本', children: <PlanVersions campaignId={campaignId} /> },
        ]}
      />
    </Space>
  );
}
