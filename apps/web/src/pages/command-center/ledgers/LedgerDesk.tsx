import { DownloadOutlined, FormOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Drawer, Grid, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import type { EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import { ApiError, apiErrorFrom } from '../../../api/api-error';
import { authorisedFetch, newCommandKey, openApiFile, IDEMPOTENCY_HEADER } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useLedger } from '../../leadership/ledgers/ledger-queries';
import { ItemRegisterForm } from './ItemRegisterForm';
import { ItemTable } from './ItemTable';
import { PublishBulletinButton } from './PublishBulletinButton';

/** One refused row of a workbook (apps/api/src/common/table-file.ts RowProblem). */
interface RowProblem {
  row: number;
  field: string;
  column?: string;
  value?: string;
  problems: string[];
}

const rowProblemsOf = (error: unknown): RowProblem[] =>
  error instanceof ApiError && Array.isArray(error.details)
    ? (error.details as unknown as RowProblem[]).filter((p) => typeof p.row === 'number')
    : [];

/**
 * The command center's desk on a ledger's overview: register an item in a form, publish a bulletin
 * now, the import template, a workbook dropped in (every refused row listed with its reasons;
 * nothing is registered until the file is clean), the export, and the item table by filter.
 */
export function LedgerDesk({ ledgerId, ledgerName }: { ledgerId: string; ledgerName: string }) {
  const { message } = App.useApp();
  const ledger = useLedger(ledgerId);
  const screens = Grid.useBreakpoint();
  const [registering, setRegistering] = useState(false);
  const queryClient = useQueryClient();
  const [existing, setExisting] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [fileError, setFileError] = useState<unknown>(null);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    setCreated(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const request = new Request(
        `/api/ledgers/${ledgerId}/workbook/import${existing ? '?existing=true' : ''}`,
        { method: 'POST', body, headers: { [IDEMPOTENCY_HEADER]: newCommandKey() } },
      );
      const response = await authorisedFetch(request);
      if (!response.ok) throw await apiErrorFrom(response);
      const result = (await response.json()) as { created: number };
      setCreated(result.created);
      void message.success(`已登记 ${result.created} 项`);
      await queryClient.invalidateQueries({ queryKey: ['ledgers'] });
      await queryClient.invalidateQueries({ queryKey: ['rectifications'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  };
  const download = (path: string, name: string) =>
    openApiFile(path, name).then(
      () => setFileError(null),
      (caught: unknown) => setFileError(caught),
    );
  const problems = rowProblemsOf(error);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Card
        size="small"
        title="指挥部操作"
        data-testid="ledger-desk"
        extra={
          <Space wrap>
            <Button type="primary" icon={<FormOutlined />} onClick={() => setRegistering(true)}>
              登记问题
            </Button>
            <PublishBulletinButton ledgerId={ledgerId} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void download(`/api/ledgers/${ledgerId}/workbook/template`, '整改台账导入模板.xlsx')
              }
            >
              下载导入模板
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(`/api/ledgers/${ledgerId}/workbook/export`, `${ledgerName}.xlsx`)}
            >
              导出台账
            </Button>
          </Space>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <ApiErrorAlert error={fileError} />
          <Checkbox checked={existing} onChange={(event) => setExisting(event.target.checked)}>
            导入已在办的台账（已过期限照收，按已达督办等级起算）
          </Checkbox>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>点击或拖入台账文件（.xlsx 或 .csv），整份文件无误才会登记</p>
          </Upload.Dragger>
          {created !== null && <Alert type="success" showIcon title={`已登记 ${created} 项问题`} />}
          {problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={`文件未导入：${new Set(problems.map((p) => p.row)).size} 行有问题，请修改后重新上传`}
              />
              <Table
                size="small"
                data-testid="import-problems"
                rowKey={(p) => `${p.row}-${p.field}-${p.problems.join()}`}
                dataSource={problems}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  {
                    title: '列',
                    dataIndex: 'column',
                    render: (column: string | undefined, p) => column ?? p.field,
                  },
                  {
                    title: '填写内容',
                    dataIndex: 'value',
                    render: (value: string | undefined) => value ?? '',
                  },
                  { title: '问题', dataIndex: 'problems', render: (list: string[]) => list.join('；') },
                ]}
              />
            </>
          ) : (
            <ApiErrorAlert error={error} />
          )}
        </Space>
      </Card>
      <Card size="small" title="问题清单">
        <ItemTable ledgerId={ledgerId} ladder={(ledger.data?.ladder ?? []) as unknown as EscalationStep[]} />
      </Card>
      <Drawer
        title="登记问题"
        open={registering}
        onClose={() => setRegistering(false)}
        size={screens.md ? 640 : '100%'}
        destroyOnHidden
      >
        {ledger.data ? (
          <ItemRegisterForm ledger={ledger.data} onRegistered={() => setRegistering(false)} />
        ) : (
          <ApiErrorAlert error={ledger.error} />
        )}
      </Drawer>
    </Space>
  );
}
