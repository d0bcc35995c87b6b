import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client';
import type { components } from '../../api/schema';
import { ApiErrorAlert } from '../ApiErrorAlert';

type BatchItem = components['schemas']['BatchItemView'];
export type BatchView = components['schemas']['BatchView'];

const PAGE_SIZE = 20;

const RESULT_TAGS: Record<BatchItem['result'], { color: string; text: string }> = {
  applied: { color: 'success', text: '已办理' },
  refused: { color: 'error', text: '被拒绝' },
  pending: { color: 'processing', text: '处理中' },
  'not-reached': { color: 'default', text: '未处理' },
};

/** A batch's progress and one page of its results, polled every second until it has finished. */
export function useBatchProgress(batchId: string | null) {
  const [page, setPage] = useState(1);
  const progress = useQuery({
    queryKey: ['batches', batchId, page],
    enabled: batchId !== null,
    queryFn: () =>
      must(
        api.GET('/api/batches/{id}', {
          params: { path: { id: batchId! }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    refetchInterval: (q) => (q.state.data?.status === 'finished' ? false : 1000),
  });
  const batch = progress.data;
  return {
    batch,
    error: progress.error,
    page,
    setPage,
    running: batchId !== null && batch?.status !== 'finished',
  };
}

/**
 * What a running or finished batch shows: how many objects are done and how, then each object's
 * result with the reason of a refusal. `counter` counts the objects (户, 项, 个任务), `objectTitle`
 * heads their column (农户, 问题, 任务).
 */
export function BatchProgress({
  progress,
  counter,
  objectTitle,
}: {
  progress: ReturnType<typeof useBatchProgress>;
  counter: string;
  objectTitle: string;
}) {
  const { batch, error, page, setPage, running } = progress;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {error && <ApiErrorAlert error={error} />}
      {batch && (
        <div aria-live="polite">
          <Typography.Text>
            已处理 {batch.done} / {batch.total ?? '…'} {counter}：成功 {batch.applied}，被拒绝 {batch.refused}
            {batch.notReached > 0 ? `，未处理 ${batch.notReached}` : ''}
          </Typography.Text>
          <Progress
            percent={Math.round((batch.done / Math.max(batch.total ?? 1, 1)) * 100)}
            status={running ? 'active' : 'normal'}
            aria-label="批量执行进度"
          />
        </div>
      )}
      {batch?.status === 'finished' && (
        <Alert
          role="status"
          showIcon
          type={batch.refused + batch.notReached === 0 ? 'success' : 'warning'}
          title={`执行完成：成功 ${batch.applied} ${counter}，未办理 ${batch.refused + batch.notReached} ${counter}`}
        />
      )}
      <Table<BatchItem>
        size="small"
        rowKey="seq"
        aria-label={`每${counter}执行结果`}
        loading={!batch}
        dataSource={batch?.items ?? []}
        scroll={{ x: 560 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: batch?.itemsTotal ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: objectTitle, dataIndex: 'label' },
          {
            title: '结果',
            dataIndex: 'result',
            render: (result: BatchItem['result']) => (
              <Tag color={RESULT_TAGS[result].color}>{RESULT_TAGS[result].text}</Tag>
            ),
          },
          {
            title: '说明',
            key: 'message',
            render: (_, item) =>
              item.message && (
                <span>
                  {item.message}
                  {item.code && (
                    <Typography.Text type="secondary" code style={{ marginLeft: 4 }}>
                      {item.code}
                    </Typography.Text>
                  )}
                </span>
              ),
          },
        ]}
      />
    </Space>
  );
}
