import { Card, Form, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { useLedgerOverviews, useLedgers, type Ledger, type LedgerOverview } from './ledger-queries';

interface Row extends Ledger {
  overview?: LedgerOverview;
  overviewError?: unknown;
}

function figures(row: Row, render: (overview: LedgerOverview) => React.ReactNode) {
  if (row.overview) return render(row.overview);
  return row.overviewError ? <Typography.Text type="danger">无法读取</Typography.Text> : '…';
}

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
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
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
      <Card size="small">
        <Form layout="inline">
          <Form.Item label="台账名称或来源" htmlFor="ledger-search">
            <Input.Search
              id="ledger-search"
              allowClear
              defaultValue={q}
              style={{ width: 240 }}
              onSearch={(value) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (value.trim()) next.set('q', value.trim());
                    else next.delete('q');
                    return next;
                  },
                  { replace: true },
                )
              }
            />
          </Form.Item>
        </Form>
      </Card>
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
