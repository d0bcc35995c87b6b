import { useMutation } from '@tanstack/react-query';
import { Button, Space, Table } from 'antd';
import { openApiFile } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { useBulletins, type BulletinSummary } from './ledger-queries';

/** The ledger's weekly bulletins (一周一通报): open the printable page or download the workbook. */
export function BulletinList({ ledgerId, ledgerName }: { ledgerId: string; ledgerName: string }) {
  const bulletins = useBulletins(ledgerId);
  const open = useMutation({
    mutationFn: ({ bulletin, format }: { bulletin: BulletinSummary; format: 'html' | 'xlsx' }) =>
      format === 'html'
        ? openApiFile(`/api/bulletins/${encodeURIComponent(bulletin.id)}/html`)
        : openApiFile(
            `/api/bulletins/${encodeURIComponent(bulletin.id)}/xlsx`,
            `${ledgerName}-第${bulletin.number}期通报.xlsx`,
          ),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ApiErrorAlert error={bulletins.error ?? open.error} />
      <Table<BulletinSummary>
        data-testid="bulletin-table"
        size="small"
        rowKey="id"
        loading={bulletins.isPending}
        dataSource={bulletins.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: '期数',
            dataIndex: 'number',
            key: 'number',
            width: 90,
            render: (n: number) => `第 ${n} 期`,
          },
          { title: '统计截至', dataIndex: 'asOf', key: 'asOf', width: 160, render: showTime },
          {
            title: '操作',
            key: 'open',
            render: (_, bulletin) => (
              <Space wrap>
                <Button size="small" onClick={() => open.mutate({ bulletin, format: 'html' })}>
                  查看 / 打印
                </Button>
                <Button size="small" onClick={() => open.mutate({ bulletin, format: 'xlsx' })}>
                  下载 XLSX
                </Button>
              </Space>
            ),
          },
        ]}
        locale={{ emptyText: '尚未发布通报' }}
      />
    </Space>
  );
}
