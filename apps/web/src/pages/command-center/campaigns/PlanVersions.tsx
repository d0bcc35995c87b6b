import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showInstant } from '../../../../../../libs/domain/src/time/deadline-display';
import type { ResolvedPlan } from '../../../../../../libs/domain/src/campaign/campaign-plan';
import { deskKeys } from './campaign-desk-queries';
import { planDifference } from './plan-preview';
import { PlanDifferenceView } from './PlanDifferenceView';
import { planToYaml } from './plan-document';

function useVersion(campaignId: string, version: number | null) {
  return useQuery({
    queryKey: deskKeys.version(campaignId, version ?? 0),
    enabled: version !== null && version > 0,
    staleTime: Infinity,
    queryFn: async () =>
      (await must(
        api.GET('/api/campaigns/{id}/plan-versions/{version}', {
          params: { path: { id: campaignId, version: version as number } },
        }),
      )) as unknown as { document: Record<string, unknown>; resolved: ResolvedPlan; version: number },
  });
}

/** One version's difference from the one before it, and its document. */
function VersionDetail({ campaignId, version }: { campaignId: string; version: number }) {
  const current = useVersion(campaignId, version);
  const previous = useVersion(campaignId, version > 1 ? version - 1 : null);
  const [showDocument, setShowDocument] = useState(false);
  if (current.error || previous.error) return <ApiErrorAlert error={current.error ?? previous.error} />;
  if (!current.data || (version > 1 && !previous.data)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {previous.data ? (
        <PlanDifferenceView difference={planDifference(previous.data.resolved, current.data.resolved)} />
      ) : (
        <Tag>初始版本</Tag>
      )}
      <Button size="small" onClick={() => setShowDocument(!showDocument)}>
        {showDocument ? '收起计划原文' : '查看计划原文'}
      </Button>
      {showDocument && (
        <pre style={{ maxHeight: 400, overflow: 'auto' }}>{planToYaml(current.data.document)}</pre>
      )}
    </Space>
  );
}

/** The plan's versions (GET /api/campaigns/:id/plan-versions), each expandable to its difference from the previous one. */
export function PlanVersions({ campaignId }: { campaignId: string }) {
  const versions = useQuery({
    queryKey: deskKeys.versions(campaignId),
    queryFn: () =>
      must(api.GET('/api/campaigns/{id}/plan-versions', { params: { path: { id: campaignId } } })),
  });
  return (
    <Card size="small">
      <ApiErrorAlert error={versions.error} />
      <Table
        size="small"
        rowKey="version"
        loading={versions.isPending}
        dataSource={versions.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (row) => <VersionDetail campaignId={campaignId} version={row.version} />,
        }}
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            render: (version: number, row) => (
              <Space>
                第 {version} 版{row.current && <Tag color="blue">当前</Tag>}
              </Space>
            ),
          },
          { title: '任务数', dataIndex: 'tasks' },
          { title: '修改理由', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
          { title: '修改人', dataIndex: 'createdBy' },
          { title: '时间', dataIndex: 'createdAt', render: (at: string) => showInstant(at) },
          {
            title: '生效',
            dataIndex: 'appliedAt',
            render: (at: string | null) => (at ? showInstant(at) : '—'),
          },
        ]}
      />
    </Card>
  );
}
