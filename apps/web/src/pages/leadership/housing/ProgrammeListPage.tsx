import { Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { figuresOf } from '../../../shared/row-figures';
import { SearchCard } from '../../../shared/SearchCard';
import { useSearchParam } from '../../../shared/useSearchParam';
import {
  escalatedTotal,
  householdsPath,
  overdueTotal,
  useProgrammes,
  useProgresses,
  type Programme,
  type ProgrammeProgress,
} from './housing-queries';

interface Row extends Programme {
  progress?: ProgrammeProgress;
  progressError?: unknown;
}

const figures = (row: Row, render: (progress: ProgrammeProgress) => React.ReactNode) =>
  figuresOf(row.progress, row.progressError, render);

const columns: TableColumnsType<Row> = [
  {
    title: '危房改造项目',
    dataIndex: 'name',
    key: 'name',
    fixed: 'left',
    width: 240,
    render: (name: string, row) => <Link to={`/housing/${row.id}`}>{name}</Link>,
  },
  { title: '住建局', dataIndex: 'housingBureau', key: 'bureau', width: 100 },
  { title: '农户', key: 'households', width: 80, render: (_, row) => figures(row, (p) => p.households) },
  {
    title: '已入住',
    key: 'moved-in',
    width: 80,
    render: (_, row) => figures(row, (p) => p.byStage.find((s) => s.stage === 'moved-in')?.households ?? 0),
  },
  {
    title: '逾期',
    key: 'overdue',
    width: 80,
    render: (_, row) =>
      figures(row, (p) => {
        const n = overdueTotal(p);
        return n ? <Link to={householdsPath(row.id, 'overdue')}>{n}</Link> : 0;
      }),
  },
  {
    title: '停滞',
    key: 'stalled',
    width: 80,
    render: (_, row) =>
      figures(row, (p) => (p.stalled ? <Link to={householdsPath(row.id, 'stalled')}>{p.stalled}</Link> : 0)),
  },
  { title: '督办', key: 'escalated', width: 80, render: (_, row) => figures(row, escalatedTotal) },
  { title: '创建时间', dataIndex: 'createdAt', key: 'created', width: 150, render: showTime },
];

/** Housing-repair programmes (危房改造) with their households, overdue and stalled counts. */
export default function ProgrammeListPage() {
  const [q] = useSearchParam('q');
  const programmes = useProgrammes();
  const shown = (programmes.data ?? []).filter((p) => !q || p.name.includes(q));
  const progress = useProgresses(shown.map((p) => p.id));
  const rows: Row[] = shown.map((programme, i) => ({
    ...programme,
    progress: progress[i]?.data,
    progressError: progress[i]?.error,
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        危房改造
      </Typography.Title>
      <SearchCard id="programme-search" label="项目名称" />
      <ApiErrorAlert error={programmes.error} />
      <Table<Row>
        data-testid="programme-table"
        rowKey="id"
        loading={programmes.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 890 }}
        locale={{ emptyText: q ? '没有符合条件的项目' : '暂无危房改造项目' }}
      />
    </Space>
  );
}
