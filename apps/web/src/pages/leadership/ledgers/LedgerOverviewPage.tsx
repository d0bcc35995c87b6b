import { Breadcrumb, Card, Col, Row, Space, Statistic, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { PageSpinner } from '../../../shared/PageSpinner';
import { useSearchParam } from '../../../shared/useSearchParam';
import { useMe } from '../../../app/me';
import { LedgerDesk } from '../../command-center/ledgers/LedgerDesk';
import { BulletinList } from './BulletinList';
import { CountBreakdown } from './CountBreakdown';
import { useLedger, useLedgerOverview } from './ledger-queries';
import { OverdueTable } from './OverdueTable';

const BREAKDOWNS = ['status', 'unit', 'level'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];
const isBreakdown = (value: string | null): value is Breakdown =>
  (BREAKDOWNS as readonly string[]).includes(value ?? '');

/** One rectification ledger at a glance: items by status, unit and escalation level, the overdue list, the bulletins. */
export default function LedgerOverviewPage() {
  const { ledgerId = '' } = useParams();
  const [by, setBy] = useSearchParam('by');
  const breakdown: Breakdown = isBreakdown(by) ? by : 'status';
  const ledger = useLedger(ledgerId);
  const { access } = useMe();
  const overview = useLedgerOverview(ledgerId);

  if (ledger.isPending || overview.isPending) return <PageSpinner />;
  if (!ledger.data || !overview.data) return <ApiErrorAlert error={ledger.error ?? overview.error} />;
  const o = overview.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/ledgers">整改台账</Link> }, { title: ledger.data.name }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {ledger.data.name}
      </Typography.Title>
      <Typography.Text type="secondary">问题来源：{ledger.data.source}</Typography.Text>
      {access.commandDesk && <LedgerDesk ledgerId={ledgerId} ledgerName={ledger.data.name} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="问题总数" value={o.total} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已销号" value={o.closed} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="未销号" value={o.total - o.closed} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="逾期"
              value={o.overdue}
              suffix="项"
              styles={{ content: o.overdue ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="问题分布">
        <Tabs
          activeKey={breakdown}
          onChange={setBy}
          items={[
            {
              key: 'status',
              label: '按状态',
              children: (
                <CountBreakdown title="按状态" keyTitle="状态" counts={o.byStatus} testId="by-status-table" />
              ),
            },
            {
              key: 'unit',
              label: '按责任单位',
              children: (
                <CountBreakdown
                  title="按责任单位"
                  keyTitle="责任单位"
                  counts={o.byUnit}
                  testId="by-unit-table"
                />
              ),
            },
            {
              key: 'level',
              label: '按督办级别（未销号）',
              children: (
                <CountBreakdown
                  title="按督办级别"
                  keyTitle="督办级别"
                  counts={o.byLevel}
                  testId="by-level-table"
                />
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`逾期问题（${o.overdue}）`}>
        <OverdueTable items={o.overdueItems} total={o.overdue} />
      </Card>
      <Card size="small" title="通报（一周一通报）">
        <BulletinList ledgerId={ledgerId} ledgerName={ledger.data.name} />
      </Card>
    </Space>
  );
}
