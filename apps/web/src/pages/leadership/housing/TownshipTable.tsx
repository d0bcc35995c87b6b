import { Table, type TableColumnsType } from 'antd';
import type { ProgrammeProgress } from './housing-queries';

type TownshipRow = ProgrammeProgress['byTownship'][number];

/** Households of each township by stage (counts from the read model). */
export function TownshipTable({ progress }: { progress: ProgrammeProgress }) {
  const columns: TableColumnsType<TownshipRow> = [
    { title: '乡镇', dataIndex: 'name', key: 'name', fixed: 'left', width: 120 },
    { title: '合计', dataIndex: 'total', key: 'total', width: 70 },
    ...progress.byStage.map((stage) => ({
      title: stage.label,
      key: stage.stage,
      width: 80,
      render: (_: unknown, row: TownshipRow) => row.byStage[stage.stage] ?? 0,
    })),
  ];
  return (
    <Table<TownshipRow>
      data-testid="township-table"
      rowKey="township"
      size="small"
      columns={columns}
      dataSource={progress.byTownship}
      pagination={false}
      scroll={{ x: 190 + progress.byStage.length * 80 }}
      locale={{ emptyText: '暂无农户' }}
    />
  );
}
