import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { apiErrorFrom } from '../../../api/api-error';
import { api, authorisedFetch, IDEMPOTENCY_HEADER, must, openApiFile } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { ImportProblems } from '../../../shared/ImportProblems';
import { useCommand } from '../../../shared/useCommand';
import { useSearchParam } from '../../../shared/useSearchParam';
import { housingKeys } from '../../leadership/housing/housing-queries';

/** The API types finishedAt loosely (an optional property with no type). */
type ImportView = Omit<components['schemas']['ImportView'], 'finishedAt'> & { finishedAt?: string | null };

/** How often the progress of a running import is asked for. */
const POLL_MS = 1000;

/** The import's progress: asked every second until every pipeline has started. */
function useImportProgress(importId: string | null) {
  return useQuery({
    queryKey: ['housing', 'import', importId],
    enabled: importId !== null,
    queryFn: async (): Promise<ImportView> =>
      (await must(
        api.GET('/api/housing/imports/{id}', { params: { path: { id: importId ?? '' } } }),
      )) as ImportView,
    refetchInterval: (query) => (query.state.data?.status === 'done' ? false : POLL_MS),
  });
}

/** Started / total of an import, live, with the file, when it began and when it finished. */
function ImportProgress({ importId }: { importId: string }) {
  const queryClient = useQueryClient();
  const progress = useImportProgress(importId);
  const batch = progress.data;
  const done = batch?.status === 'done';
  const programmeId = batch?.programmeId;
  useEffect(() => {
    // The overview's counts and the household table change once the pipelines have started.
    if (done && programmeId) {
      void queryClient.invalidateQueries({ queryKey: housingKeys.progress(programmeId) });
      void queryClient.invalidateQueries({ queryKey: ['households'] });
    }
  }, [done, programmeId, queryClient]);
  if (progress.error) return <ApiErrorAlert error={progress.error} />;
  if (!batch) return <Typography.Text type="secondary">正在读取导入进度…</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-progress">
      <Typography.Text strong data-testid="import-status">
        {done
          ? `导入完成：${batch.households} 户的流程均已启动`
          : `正在启动农户流程：已启动 ${batch.started} / ${batch.households} 户`}
      </Typography.Text>
      <Progress
        percent={batch.households ? Math.floor((batch.started / batch.households) * 100) : 100}
        status={done ? 'success' : 'active'}
        format={() => `${batch.started} / ${batch.households}`}
        aria-label="已启动的农户流程"
      />
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="文件">{batch.fileName}</Descriptions.Item>
        <Descriptions.Item label="开始于">{showTime(batch.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="完成于">{showTime(batch.finishedAt)}</Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

/**
 * 导入农户: the template, a workbook dropped in (a file with any bad row is refused whole, every bad
 * row listed with its number and reasons), then the import's progress, live; the import's id is in
 * the URL (?import=), so a reload shows the same progress.
 */
export function HouseholdImportCard({
  programmeId,
  programmeName,
}: {
  programmeId: string;
  programmeName: string;
}) {
  const [importId, setImportId] = useSearchParam('import');
  const [fileError, setFileError] = useState<unknown>(null);
  const upload = useCommand(
    async ({ file }: { name: string; size: number; lastModified: number; file: File }, key: string) => {
      const body = new FormData();
      body.append('file', file);
      const response = await authorisedFetch(
        new Request(`/api/housing/programmes/${programmeId}/imports`, {
          method: 'POST',
          body,
          headers: { [IDEMPOTENCY_HEADER]: key },
        }),
      );
      if (!response.ok) throw await apiErrorFrom(response);
      return (await response.json()) as ImportView;
    },
    {
      invalidates: [housingKeys.progress(programmeId)],
      success: (batch) => `已接收 ${batch.households} 户，正在启动流程`,
      onSuccess: (batch) => setImportId(batch.id),
    },
  );
  const download = (path: string, name: string) =>
    openApiFile(path, name).then(
      () => setFileError(null),
      (caught: unknown) => setFileError(caught),
    );

  return (
    <Card
      size="small"
      title="导入农户"
      data-testid="household-import"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download(
                `/api/housing/programmes/${programmeId}/import-template`,
                '危房改造农户导入模板.xlsx',
              )
            }
          >
            下载导入模板
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download(
                `/api/housing/programmes/${programmeId}/households/export`,
                `${programmeName}-农户清单.xlsx`,
              )
            }
          >
            导出农户清单
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <ApiErrorAlert error={fileError} />
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            upload.mutate({ name: file.name, size: file.size, lastModified: file.lastModified, file });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{upload.isPending ? '正在检查文件…' : '点击或拖入农户文件（.xlsx 或 .csv，最多 20000 户）'}</p>
          <p className="ant-upload-hint">整份文件无误才会导入；有误的行会逐行列出</p>
        </Upload.Dragger>
        {upload.error ? (
          <ImportProblems error={upload.error} />
        ) : (
          importId && <ImportProgress importId={importId} />
        )}
        {!importId && !upload.error && (
          <Alert type="info" showIcon title="导入后，各户的流程在后台逐户启动，此处显示进度" />
        )}
      </Space>
    </Card>
  );
}
