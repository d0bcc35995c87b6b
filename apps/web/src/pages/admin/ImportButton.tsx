import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, apiErrorFrom } from '../../api/api-error';
import { authorisedFetch } from '../../api/client';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert';

/** One refused row of an import (apps/api/src/common/table-file.ts importRejected). */
interface RowProblem {
  row?: number;
  field?: string;
  column?: string;
  value?: string;
  problems: string[];
}

function rowProblemsOf(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details;
}

/**
 * Imports a table (XLSX or CSV) — all rows or none. A refusal lists every bad row with its reasons;
 * `renderResult` shows what was created.
 */
export function ImportButton<TResult>({
  path,
  title,
  columns,
  invalidates,
  renderResult,
}: {
  path: string;
  title: string;
  /** The columns the file must have, named for the person. */
  columns: string;
  invalidates: QueryKey[];
  renderResult: (result: TResult) => ReactNode;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TResult | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const response = await authorisedFetch(new Request(path, { method: 'POST', body }));
      if (!response.ok) throw await apiErrorFrom(response);
      setResult((await response.json()) as TResult);
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const problems = rowProblemsOf(error);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {title}
      </Button>
      <Modal
        title={title}
        open={open}
        width={760}
        footer={null}
        destroyOnHidden
        onCancel={() => {
          setOpen(false);
          setError(null);
          setResult(null);
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            上传 XLSX 或 CSV 文件，列为：{columns}。所有行均无误才会导入，否则一行也不导入。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p>{busy ? '正在导入…' : '点击或拖入文件'}</p>
          </Upload.Dragger>
          {error !== null &&
            (problems.some((problem) => problem.row !== undefined) ? (
              <>
                <Alert role="alert" type="error" showIcon title={(error as Error).message} />
                <Table<RowProblem>
                  size="small"
                  aria-label="有误的行"
                  rowKey={(problem) => `${problem.row}-${problem.field ?? ''}`}
                  dataSource={problems}
                  pagination={false}
                  scroll={{ y: 320 }}
                  columns={[
                    { title: '行', dataIndex: 'row', width: 64 },
                    { title: '列', render: (_, p) => p.column ?? p.field ?? '', width: 120 },
                    { title: '填写内容', dataIndex: 'value', width: 160 },
                    { title: '问题', render: (_, p) => p.problems.join('；') },
                  ]}
                />
              </>
            ) : (
              <ApiErrorAlert error={error} />
            ))}
          {result !== null && renderResult(result)}
        </Space>
      </Modal>
    </>
  );
}
