import { Breadcrumb, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useMe } from '../../../app/me';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { PageSpinner } from '../../../shared/PageSpinner';
import {
  escalatedTotal,
  householdsPath,
  overdueTotal,
  useProgramme,
  useProgress,
  useReportMonth,
} from './housing-queries';
import { MonthlyReportPanel } from './MonthlyReportPanel';
import { StageDeadlines } from './StageDeadlines';
import { StageFunnel } from './StageFunnel';
import { TownshipTable } from './TownshipTable';

/** One housing-repair programme at a glance: stages, townships, deadlines, overdue and stalled, the monthly report. */
export default function ProgrammeOverviewPage() {
  const { programmeId = '' } = useParams();
  const [month, setMonth] = useReportMonth();
  const { access } = useMe();
  const programme = useProgramme(programmeId);
  const progress = useProgress(programmeId);

  if (programme.isPending || progress.isPending) return <PageSpinner />;
  if (!programme.data || !progress.data) return <ApiErrorAlert error={programme.error ?? progress.error} />;
  const p = progress.data;
  const overdue = overdueTotal(p);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/housing">危房改造</Link> }, { title: programme.data.name }]} />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {programme.data.name}
        </Typography.Title>
        {access.commandDesk && (
          <Link to={`/housing/${programmeId}/desk?month=${month}`}>
            <Button>指挥部操作台</Button>
          </Link>
        )}
      </Space>
      <Typography.Text type="secondary">统计截至 {showTime(p.asOf)}</Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="农户总数" value={p.households} suffix="户" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="已入住"
              value={p.byStage.find((s) => s.stage === 'moved-in')?.households ?? 0}
              suffix="户"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={<Link to={householdsPath(programmeId, 'overdue')}>逾期农户</Link>}
              value={overdue}
              suffix="户"
              styles={{ content: overdue ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={<Link to={householdsPath(programmeId, 'stalled')}>停滞农户（迟迟不动）</Link>}
              value={p.stalled}
              suffix="户"
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="各环节户数" size="small">
            <StageFunnel progress={p} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="各乡镇进度" size="small" extra={`督办中 ${escalatedTotal(p)} 户`}>
            <TownshipTable progress={p} />
          </Card>
        </Col>
      </Row>
      <Card title="环节期限" size="small">
        <StageDeadlines programme={programme.data} progress={p} />
      </Card>
      <Card title="月度报表（开工 / 竣工）" size="small">
        <MonthlyReportPanel programmeId={programmeId} month={month} onMonth={setMonth} />
      </Card>
    </Space>
  );
}
