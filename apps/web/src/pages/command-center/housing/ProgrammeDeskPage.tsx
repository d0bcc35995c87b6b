import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { openApiFile } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { PageSpinner } from '../../../shared/PageSpinner';
import { useProgramme, useReportMonth } from '../../leadership/housing/housing-queries';
import { MonthlyReportPanel } from '../../leadership/housing/MonthlyReportPanel';
import { HouseholdImportCard } from './HouseholdImportCard';
import { ProgrammeSettings } from './ProgrammeSettings';

/** The monthly report's documents: XLSX to download, the A4 page to print. */
function ReportDownloads({ programmeId, month }: { programmeId: string; month: string }) {
  const [error, setError] = useState<unknown>(null);
  const query = new URLSearchParams({ programme: programmeId, month }).toString();
  const open = (path: string, name?: string) =>
    openApiFile(path, name).then(
      () => setError(null),
      (caught: unknown) => setError(caught),
    );
  return (
    <Space wrap>
      <Button
        icon={<FileExcelOutlined />}
        onClick={() => void open(`/api/housing/report/xlsx?${query}`, `月报-${month}.xlsx`)}
      >
        下载月报 XLSX
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => void open(`/api/housing/report/html?${query}`)}>
        打印月报
      </Button>
      <ApiErrorAlert error={error} />
    </Space>
  );
}

/**
 * The command center's desk of a housing programme: its rules, the import of households with live
 * progress (?import=), and the monthly report for the month in the URL (?month=), downloadable and
 * printable.
 */
export default function ProgrammeDeskPage() {
  const { programmeId = '' } = useParams();
  const [month, setMonth] = useReportMonth();
  const programme = useProgramme(programmeId);
  if (programme.isPending) return <PageSpinner />;
  if (!programme.data) return <ApiErrorAlert error={programme.error} />;
  const { name } = programme.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="programme-desk">
      <Breadcrumb
        items={[
          { title: <Link to="/housing">危房改造</Link> },
          { title: <Link to={`/housing/${programmeId}`}>{name}</Link> },
          { title: '指挥部操作台' },
        ]}
      />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {name}
        </Typography.Title>
        <Space wrap>
          <Link to={`/housing/${programmeId}`}>
            <Button>项目总览</Button>
          </Link>
          <Link to={`/households?programme=${programmeId}`}>
            <Button>农户办理</Button>
          </Link>
        </Space>
      </Space>
      <Card size="small" title="项目设置">
        <ProgrammeSettings programme={programme.data} />
      </Card>
      <HouseholdImportCard programmeId={programmeId} programmeName={name} />
      <Card
        size="small"
        title="月度报表（开工 / 竣工）"
        extra={<ReportDownloads programmeId={programmeId} month={month} />}
        data-testid="desk-monthly-report"
      >
        <MonthlyReportPanel programmeId={programmeId} month={month} onMonth={setMonth} />
      </Card>
    </Space>
  );
}
