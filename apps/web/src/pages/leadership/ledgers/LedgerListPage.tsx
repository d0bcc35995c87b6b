import { Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { figuresOf } from '../../../shared/row-figures';
import { SearchCard } from '../../../shared/SearchCard';
import { useSearchParam } from '../../../shared/useSearchParam';
import { useLedgerOverviews, useLedgers, type Ledger, type LedgerOverview } from './ledger-queries';

interface Row extends Ledger {
  overview?: LedgerOverview;
  overviewError?: unknown;
}

const figures = (row: Row, render: (overview: LedgerOverview) => React.ReactNode) =>
  figuresOf(row.overview, row.overviewError, render);

const columns: TableColumnsType<Row> = [
  {
    title: '整改台账',
    dataIndex: 'name',
    key: 'name',
    fixed: 'left',
    width: 260,
    render: (name: string, row) => <Link to={`/ledgers/${row.id}`}>{name}</Link>,
  },
  { title: '问题来源', dataIndex: 'source', key: 'source', width: 140 },
  { title: '问题数', key: 'total', width: 80, render: (_, row) => figures(row, (o) => o.total) },
  { title: '已销号', key: 'closed', width: 80, render: (_, row) => figures(row, (o) => o.closed) },
  {
    title: '逾期',
    key: 'overdue',
    width: 80,
    render: (_, row) =>
      figures(row, (o) => (
        <Typography.Text type={o.overdue ? 'danger' : undefined}>{o.overdue}</Typography.Text>
      )),
  },
  { title: '创建时间', dataIndex: 'createdAt', key: 'created', width: 150, render: showTime },
];

/** Rectification ledgers (整改台账) with their items, closed-out and overdue counts. */
export default function LedgerListPage() {
  const [q] = useSearchParam('q');
  const ledgers = useLedgers();
  const shown = (ledgers.data ?? []).filter((l) => !q || l.name.includes(q) || l.source.includes(q));
  const overviews = useLedgerOverviews(shown.map((l) => l.id));
  const rows: Row[] = shown.map((ledger, i) => ({
    ...ledger,
    overview: overviews[i]?.data,
    overviewError: overviews[i]?.error,
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        整改台账
      </Typography.Title>
      <SearchCard id="ledger-search" label="台账名称或来源" />
      <ApiErrorAlert error={ledgers.error} />
      <Table<Row>
        data-testid="ledger-table"
        rowKey="id"
        loading={ledgers.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 790 }}
        locale={{ emptyText: q ? '没有符合条件的台账' : '暂无整改台账' }}
      />
    </Space>
  );
}
