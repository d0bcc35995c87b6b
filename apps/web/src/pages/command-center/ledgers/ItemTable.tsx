import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, Row, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import {
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  type ItemStatus,
} from '../../../../../../libs/domain/src/rectification/item-process';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { PersonName, UnitName } from '../../department/rectification/PersonName';
import { UnitPicker } from '../campaigns/UnitPicker';
import { ItemBatchButton } from './ItemBatchButton';
import { filterStrings, ITEM_PAGE_SIZES, useItemQuery, type ItemQuery } from './useItemQuery';

type ItemRow = components['schemas']['ItemSummaryView'];

export const itemListKey = (ledgerId: string, query: ItemQuery) =>
  ['rectifications', 'list', ledgerId, query] as const;

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

function columns(ladder: EscalationStep[]): TableColumnsType<ItemRow> {
  const labelOf = (level: number) => ladder.find((step) => step.level === level)?.label ?? `${level} 级`;
  return [
    { title: '编号', dataIndex: 'number', key: 'number', width: 70, fixed: 'left' },
    {
      title: '问题',
      dataIndex: 'problem',
      key: 'problem',
      width: 280,
      render: (problem: string, item) => <Link to={`/rectifications/${item.id}`}>{problem}</Link>,
    },
    { title: '类别', dataIndex: 'category', key: 'category', width: 110 },
    {
      title: '责任单位',
      key: 'unit',
      width: 150,
      render: (_, item) => <UnitName code={item.responsibleUnit} />,
    },
    {
      title: '责任人',
      key: 'person',
      width: 100,
      render: (_, item) => <PersonName id={item.responsiblePersonId} />,
    },
    { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 120 },
    {
      title: '基本整改期限',
      key: 'basic',
      width: 130,
      render: (_, item) => showDeadline(item.basicDeadline, item.basicDeadlineDate),
    },
    {
      title: '全面整改期限',
      key: 'full',
      width: 130,
      render: (_, item) => showDeadline(item.fullDeadline, item.fullDeadlineDate),
    },
    {
      title: '督办',
      key: 'level',
      width: 110,
      render: (_, item) =>
        item.escalationLevel > 0 ? (
          <Tag color={escalationColour(item.escalationLevel)}>{labelOf(item.escalationLevel)}</Tag>
        ) : (
          '—'
        ),
    },
    {
      title: '标记',
      key: 'flags',
      width: 170,
      render: (_, item) => (
        <Space size={4} wrap>
          {item.overdue && <Tag color="red">已逾期</Tag>}
          {item.paused && <Tag>计时暂停</Tag>}
          {item.pendingExtension && <Tag color="orange">延期待审批</Tag>}
          {item.reopenCount > 0 && <Tag color="purple">回头看</Tag>}
        </Space>
      ),
    },
  ];
}

/** Status, unit, escalation level, overdue and text: each change goes to the URL (page 1 again). */
function ItemFilters({
  query,
  onChange,
  ladder,
}: {
  query: ItemQuery;
  onChange: (change: Partial<ItemQuery>) => void;
  ladder: EscalationStep[];
}) {
  const any =
    query.status || query.unit || query.level !== undefined || query.overdue !== undefined || query.q;
  return (
    <Form layout="vertical" aria-label="筛选问题">
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label="关键词" htmlFor="items-q">
            <Input.Search
              key={query.q ?? ''}
              id="items-q"
              allowClear
              placeholder="问题描述、来源、类别或编号"
              defaultValue={query.q ?? ''}
              onSearch={(value) => onChange({ q: value.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item label="状态" htmlFor="items-status">
            <Select<ItemStatus>
              id="items-status"
              allowClear
              placeholder="全部"
              value={query.status}
              options={ITEM_STATUSES.map((status) => ({ value: status, label: ITEM_STATUS_LABELS[status] }))}
              onChange={(status) => onChange({ status: status ?? undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item label="责任单位" htmlFor="items-unit">
            <UnitPicker
              id="items-unit"
              value={query.unit}
              onChange={(unit) => onChange({ unit: typeof unit === 'string' ? unit : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item label="督办级别" htmlFor="items-level">
            <Select<number>
              id="items-level"
              allowClear
              placeholder="全部"
              value={query.level}
              options={[
                { value: 0, label: '未督办' },
                ...ladder.map((step) => ({ value: step.level, label: `${step.level} 级 ${step.label}` })),
              ]}
              onChange={(level) => onChange({ level: level ?? undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item label="逾期" htmlFor="items-overdue">
            <Select<string>
              id="items-overdue"
              allowClear
              placeholder="全部"
              value={query.overdue === undefined ? undefined : String(query.overdue)}
              options={YES_NO}
              onChange={(value) => onChange({ overdue: value === undefined ? undefined : value === 'true' })}
            />
          </Form.Item>
        </Col>
      </Row>
      {any && (
        <Button
          onClick={() =>
            onChange({
              status: undefined,
              unit: undefined,
              level: undefined,
              overdue: undefined,
              q: undefined,
            })
          }
        >
          清除筛选
        </Button>
      )}
    </Form>
  );
}

/**
 * The ledger's items by the API's filters (kept in the URL, so a link shows the same rows), paged on
 * the server; each row opens the item page. The batch button acts on every item the filter matches.
 */
export function ItemTable({ ledgerId, ladder }: { ledgerId: string; ladder: EscalationStep[] }) {
  const [query, setQuery] = useItemQuery();
  const items = useQuery({
    queryKey: itemListKey(ledgerId, query),
    placeholderData: keepPreviousData,
    queryFn: () =>
      must(api.GET('/api/rectifications', { params: { query: { ...query, ledger: ledgerId } } })),
  });
  const data = items.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <ItemFilters query={query} onChange={setQuery} ladder={ladder} />
      <ApiErrorAlert error={items.error} />
      <div style={{ width: '100%', minWidth: 0 }}>
        <Table<ItemRow>
          data-testid="item-table"
          aria-label="问题清单"
          size="small"
          rowKey="id"
          loading={items.isFetching}
          columns={columns(ladder)}
          dataSource={data?.items ?? []}
          scroll={{ x: 1370 }}
          locale={{ emptyText: items.isFetching ? '加载中…' : '没有符合筛选条件的问题' }}
          onChange={(pagination) => {
            const pageSize = pagination.pageSize ?? query.pageSize;
            setQuery(pageSize === query.pageSize ? { page: pagination.current ?? 1 } : { page: 1, pageSize });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: ITEM_PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 项`,
          }}
        />
      </div>
      <Space wrap>
        <ItemBatchButton ledgerId={ledgerId} filter={filterStrings(ledgerId, query)} />
      </Space>
    </Space>
  );
}
