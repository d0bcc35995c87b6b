import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Row, Segmented, Statistic, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { api, must, openApiFile } from '../../../api/client';
import { useMe } from '../../../app/me';
import { PageSpinner } from '../../../shared/PageSpinner';
import { PendingPledge } from '../campaign-task/PendingPledge';
import { QueryFailure } from '../campaign-task/QueryFailure';
import { TodoList } from './TodoList';
import { KIND_FILTERS, unitTasksOf, type UnitTaskKind } from './todo-rows';

export const unitTasksQueryKey = (unitCode: string) => ['unit-tasks', unitCode] as const;

/** 我的待办: the unit's work across campaigns, ledgers and programmes, by deadline. */
export default function TodoPage() {
  const { me } = useMe();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = (searchParams.get('kind') ?? 'all') as UnitTaskKind | 'all';
  const unitCode = me?.unitCode ?? '';
  const tasks = useQuery({
    queryKey: unitTasksQueryKey(unitCode),
    queryFn: () => must(api.GET('/api/units/{code}/tasks', { params: { path: { code: unitCode } } })),
    enabled: unitCode !== '',
  });

  if (!me || tasks.isLoading) return <PageSpinner />;
  if (tasks.error) return <QueryFailure error={tasks.error} what="待办清单" />;
  const data = tasks.data;
  if (!data) return <PageSpinner />;
  const items = unitTasksOf(data.items);
  const rows = kind === 'all' ? items : items.filter((task) => task.kind === kind);
  const campaigns = [
    ...new Set(items.filter((task) => task.kind === 'campaign-task').map((task) => task.sourceId)),
  ];

  return (
    <div>
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的待办
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
            {data.unit.name}
          </Typography.Text>
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void openApiFile(
              `/api/units/${encodeURIComponent(unitCode)}/tasks?format=xlsx`,
              `${data.unit.name}-待办事项.xlsx`,
            ).catch((error: unknown) => message.error(error instanceof ApiError ? error.message : '下载失败'))
          }
        >
          下载待办事项.xlsx
        </Button>
      </Flex>
      {campaigns.map((campaignId) => (
        <PendingPledge
          key={campaignId}
          campaignId={campaignId}
          unitCode={unitCode}
          canSign={me.roles.includes('department')}
        />
      ))}
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        {[
          ['攻坚任务', data.counts.campaignTasks],
          ['整改问题', data.counts.rectificationItems],
          ['待办农户', data.counts.households],
          ['已逾期', data.counts.overdue],
        ].map(([label, value]) => (
          <Col xs={12} md={6} key={label}>
            <Card size="small">
              <Statistic
                title={label}
                value={value}
                styles={{ content: label === '已逾期' && Number(value) > 0 ? { color: '#cf1322' } : {} }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <div style={{ maxWidth: '100%', overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          aria-label="类别"
          value={kind}
          options={KIND_FILTERS}
          onChange={(value) => {
            const next = new URLSearchParams(searchParams);
            if (value === 'all') next.delete('kind');
            else next.set('kind', value);
            setSearchParams(next, { replace: true });
          }}
        />
      </div>
      <TodoList tasks={rows} asOf={data.asOf} />
    </div>
  );
}
