import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { STAGE_LABELS } from '../../../../../../libs/domain/src/housing/household-stages';
import { api, must } from '../../../api/client';
import { useMe } from '../../../app/me';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline, showTime } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { PageSpinner } from '../../../shared/PageSpinner';
import { BulkStepModal } from './BulkStepModal';
import { FilterBatchButton } from './FilterBatchButton';
import { HouseholdFilters } from './HouseholdFilters';
import { householdsKey, type HouseholdPageBody, type HouseholdRow } from './household-types';
import { ProgrammeChooser } from './ProgrammeChooser';
import { PAGE_SIZES, useHouseholdQuery, type HouseholdSort } from './useHouseholdQuery';
import { useUnits } from './useUnits';

/** The most the API returns per page: "select every filtered household" reads in pages of this. */
const READ_PAGE = 500;

/** Households by filter, with bulk steps and each household's result. */
export default function HouseholdTablePage() {
  const [query, setQuery] = useHouseholdQuery();
  const { me } = useMe();
  const { message } = App.useApp();
  const { nameOf } = useUnits();
  const [selected, setSelected] = useState<Map<string, HouseholdRow>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [selectingAll, setSelectingAll] = useState(false);
  const mayAct = me?.roles.includes('department') || me?.roles.includes('command-center');

  const programmes = useQuery({
    queryKey: ['housing', 'programmes'],
    queryFn: () => must(api.GET('/api/housing/programmes')),
  });
  const { programme } = query;
  const households = useQuery({
    queryKey: householdsKey(query),
    enabled: Boolean(programme),
    placeholderData: keepPreviousData,
    queryFn: () =>
      must(
        api.GET('/api/housing/households', { params: { query: { ...query, programme: programme! } } }),
      ) as Promise<HouseholdPageBody>,
  });

  if (!programme) {
    if (programmes.isLoading) return <PageSpinner />;
    if (programmes.error) return <ApiErrorAlert error={programmes.error} />;
    return <ProgrammeChooser programmes={programmes.data ?? []} />;
  }

  const selectAllFiltered = async () => {
    setSelectingAll(true);
    try {
      const all = new Map(selected);
      for (let page = 1; ; page++) {
        const body = (await must(
          api.GET('/api/housing/households', {
            params: { query: { ...query, programme, page, pageSize: READ_PAGE } },
          }),
        )) as HouseholdPageBody;
        for (const row of body.items) all.set(row.id, row);
        if (page * READ_PAGE >= body.total) break;
      }
      setSelected(all);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setSelectingAll(false);
    }
  };

  /** The column the rows are ordered by, as the Table shows it. */
  const sortOrder = (field: string) =>
    query.sort === field ? ('ascend' as const) : query.sort === `-${field}` ? ('descend' as const) : null;
  const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrder(field), key: field });

  const columns: ColumnsType<HouseholdRow> = [
    {
      title: '户编号',
      dataIndex: 'householdNo',
      fixed: 'left',
      width: 110,
      ...sortable('householdNo'),
      render: (no: string, row) => <Link to={`/households/${row.id}`}>{no}</Link>,
    },
    { title: '户主', dataIndex: 'headName', width: 100 },
    { title: '乡镇', dataIndex: 'township', width: 100, render: (code: string) => nameOf(code) },
    { title: '村', dataIndex: 'village', width: 100, render: (code: string) => nameOf(code) },
    {
      title: '建档立卡贫困户',
      dataIndex: 'registeredPoor',
      width: 120,
      render: (poor: boolean) => (poor ? '是' : '否'),
    },
    {
      title: '阶段',
      dataIndex: 'stage',
      width: 110,
      render: (stage: HouseholdRow['stage']) => STAGE_LABELS[stage],
    },
    {
      title: '阶段期限',
      key: 'deadline',
      width: 170,
      render: (_, row) => showDeadline(row.stageDeadline, row.stageDeadlineDate),
    },
    {
      title: '状态',
      key: 'flags',
      width: 120,
      render: (_, row) => (
        <Space size={4} wrap>
          {row.overdue && <Tag color="red">逾期</Tag>}
          {row.stalled && <Tag color="orange">停滞</Tag>}
        </Space>
      ),
    },
    {
      title: '最近进展',
      dataIndex: 'lastProgressAt',
      width: 170,
      ...sortable('lastProgressAt'),
      render: (at: string) => showTime(at),
    },
    {
      title: '督办等级',
      dataIndex: 'escalationLevel',
      width: 110,
      ...sortable('escalationLevel'),
      render: (level: number) => (level > 0 ? <Tag color={escalationColour(level)}>{level} 级</Tag> : '—'),
    },
  ];

  const data = households.data;
  const programmeName = programmes.data?.find((p) => p.id === programme)?.name ?? '危房改造';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {programmeName} · 农户
      </Typography.Title>
      <Card size="small">
        <HouseholdFilters query={query} onChange={setQuery} programmes={programmes.data ?? []} />
      </Card>
      {households.error && <ApiErrorAlert error={households.error} />}
      <div style={{ width: '100%', minWidth: 0 }}>
        <Table<HouseholdRow>
          rowKey="id"
          aria-label="农户列表"
          size="middle"
          loading={households.isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 1210 }}
          locale={{ emptyText: households.isFetching ? '加载中…' : '没有符合筛选条件的农户' }}
          rowSelection={
            mayAct
              ? {
                  selectedRowKeys: [...selected.keys()],
                  preserveSelectedRowKeys: true,
                  fixed: true,
                  onChange: (keys, rows) => {
                    const next = new Map<string, HouseholdRow>();
                    for (const key of keys) {
                      const row = rows.find((r) => r?.id === key) ?? selected.get(String(key));
                      if (row) next.set(row.id, row);
                    }
                    setSelected(next);
                  },
                }
              : undefined
          }
          onChange={(pagination, _filters, sorter, { action }) => {
            if (action === 'sort') {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const field = String(one?.columnKey ?? '');
              const sort = one?.order ? `${one.order === 'descend' ? '-' : ''}${field}` : undefined;
              setQuery({ sort: sort as HouseholdSort | undefined });
            } else if (action === 'paginate') {
              const pageSize = pagination.pageSize ?? query.pageSize;
              setQuery(
                pageSize === query.pageSize ? { page: pagination.current ?? 1 } : { page: 1, pageSize },
              );
            }
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 户`,
          }}
        />
      </div>
      {mayAct && (
        <div
          role="region"
          aria-label="批量办理"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            background: '#fff',
            padding: '8px 12px',
            border: '1px solid #f0f0f0',
            borderRadius: 8,
          }}
        >
          <Space wrap>
            <Typography.Text>已选 {selected.size} 户</Typography.Text>
            <Button type="primary" disabled={selected.size === 0} onClick={() => setBulkOpen(true)}>
              批量办理
            </Button>
            {data && data.total > data.items.length && data.total > selected.size && (
              <Button loading={selectingAll} onClick={() => void selectAllFiltered()}>
                选择全部筛选结果（{data.total} 户）
              </Button>
            )}
            {selected.size > 0 && <Button onClick={() => setSelected(new Map())}>清除选择</Button>}
            <FilterBatchButton query={query} programme={programme} />
          </Space>
        </div>
      )}
      {bulkOpen && (
        <BulkStepModal
          households={[...selected.values()]}
          onClose={(finished) => {
            setBulkOpen(false);
            if (finished) setSelected(new Map());
          }}
        />
      )}
    </Space>
  );
}
