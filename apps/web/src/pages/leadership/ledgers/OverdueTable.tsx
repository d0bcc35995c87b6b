import { Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { daysText, showDeadline } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import type { OverdueItem } from './ledger-queries';

const columns: TableColumnsType<OverdueItem> = [
  { title: '编号', dataIndex: 'number', key: 'number', width: 70, fixed: 'left' },
  {
    title: '问题',
    dataIndex: 'problem',
    key: 'problem',
    width: 260,
    render: (problem: string, item) => <Link to={`/rectifications/${item.id}`}>{problem}</Link>,
  },
  {
    title: '全面整改期限',
    key: 'deadline',
    width: 150,
    render: (_, item) => showDeadline(item.fullDeadline, item.fullDeadlineDate),
  },
  {
    title: '逾期',
    dataIndex: 'daysOverdue',
    key: 'daysOverdue',
    width: 100,
    render: (days: number) => <span style={{ color: '#cf1322' }}>{daysText(null, days)}</span>,
  },
  { title: '责任单位', dataIndex: 'responsibleUnitName', key: 'unit', width: 120 },
  { title: '责任人', dataIndex: 'responsiblePersonName', key: 'person', width: 110 },
  {
    title: '督办级别',
    key: 'level',
    width: 110,
    render: (_, item) =>
      item.escalationLabel ? (
        <Tag color={escalationColour(item.escalationLevel)}>{item.escalationLabel}</Tag>
      ) : (
        '—'
      ),
  },
  { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 110 },
];

/** The ledger's overdue items, most overdue first, each linking to its page. */
export function OverdueTable({ items, total }: { items: OverdueItem[]; total: number }) {
  return (
    <Table<OverdueItem>
      data-testid="overdue-table"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1030 }}
      footer={
        total > items.length ? () => `共 ${total} 项逾期，此处列出逾期最久的 ${items.length} 项` : undefined
      }
      locale={{ emptyText: '没有逾期问题' }}
    />
  );
}
