import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, IDEMPOTENCY_HEADER, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useCommand } from '../../../shared/useCommand';
import { householdsKey, type StepType } from './household-types';
import { BULK_STEP_KINDS, stepKind } from './step-kinds';
import { StepFields, stepBody, type StepFormValues } from './StepFields';
import type { HouseholdQuery } from './useHouseholdQuery';

type BatchItem = components['schemas']['BatchItemView'];

const RESULT_TAGS: Record<BatchItem['result'], { color: string; text: string }> = {
  applied: { color: 'success', text: '已办理' },
  refused: { color: 'error', text: '被拒绝' },
  pending: { color: 'processing', text: '处理中' },
  'not-reached': { color: 'default', text: '未处理' },
};

/** The list's filter, as a batch takes it (paging and order aside). */
function batchFilter(query: HouseholdQuery, programme: string) {
  const { township, village, stage, overdue, stalled } = query;
  return { programme, township, village, stage, overdue, stalled };
}

/**
 * "对筛选结果全部执行": one step on every household the filter matches (not only the loaded ones),
 * run on the server as a tracked batch: the preview's counts, then live progress and each result.
 */
export function FilterBatchButton({ query, programme }: { query: HouseholdQuery; programme: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>对筛选结果全部执行</Button>
      {open && <FilterBatchModal query={query} programme={programme} onClose={() => setOpen(false)} />}
    </>
  );
}

function FilterBatchModal({
  query,
  programme,
  onClose,
}: {
  query: HouseholdQuery;
  programme: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<StepFormValues>();
  const [type, setType] = useState<StepType>(BULK_STEP_KINDS[0].type);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const kind = stepKind(type);
  const filter = batchFilter(query, programme);

  const preview = useQuery({
    queryKey: ['batches', 'preview', filter, type],
    queryFn: () =>
      must(
        api.POST('/api/batches/preview', {
          body: { kind: 'household-step', filter, stepType: type },
        }),
      ),
  });
  const start = useCommand(
    (step: ReturnType<typeof stepBody>, key: string) =>
      must(
        api.POST('/api/batches', {
          headers: { [IDEMPOTENCY_HEADER]: key },
          body: { kind: 'household-step', filter, step },
        }),
      ),
    { onSuccess: (batch) => setBatchId(batch.id), invalidates: [householdsKey(query)] },
  );
  const progress = useQuery({
    queryKey: ['batches', batchId, page],
    enabled: batchId !== null,
    queryFn: () =>
      must(
        api.GET('/api/batches/{id}', { params: { path: { id: batchId! }, query: { page, pageSize: 20 } } }),
      ),
    refetchInterval: (q) => (q.state.data?.status === 'finished' ? false : 1000),
  });
  const batch = progress.data;
  const running = batchId !== null && batch?.status !== 'finished';

  const submit = async () => {
    const values = await form.validateFields();
    const count = preview.data?.actionable ?? 0;
    Modal.confirm({
      title: `确定对筛选结果中的 ${count} 户${kind.label}？`,
      content: '按开始时的筛选结果办理，每户分别记录结果。',
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: kind.danger },
      onOk: () => start.mutate(stepBody(kind, values)),
    });
  };

  return (
    <Modal
      open
      title="对筛选结果全部执行"
      width={760}
      maskClosable={false}
      closable={!running}
      onCancel={() => !running && onClose()}
      footer={
        batchId
          ? [
              <Button key="close" disabled={running} onClick={onClose}>
                关闭
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button
                key="run"
                type="primary"
                danger={kind.danger}
                loading={start.isPending}
                disabled={!preview.data || preview.data.actionable === 0}
                onClick={() => void submit()}
              >
                执行（{preview.data?.actionable ?? '…'} 户）
              </Button>,
            ]
      }
    >
      {!batchId && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {preview.error && <ApiErrorAlert error={preview.error} />}
          <Descriptions size="small" column={2} bordered aria-label="筛选结果">
            <Descriptions.Item label="筛选结果">
              {preview.data ? `${preview.data.matched} 户` : '…'}
            </Descriptions.Item>
            <Descriptions.Item label="可办理">
              {preview.data ? `${preview.data.actionable} 户` : '…'}
            </Descriptions.Item>
          </Descriptions>
          {start.error && <ApiErrorAlert error={start.error} />}
          <Form form={form} layout="vertical" aria-label="对筛选结果全部执行" preserve={false}>
            <Form.Item label="办理事项" htmlFor="filter-batch-step-type">
              <Select
                id="filter-batch-step-type"
                value={type}
                options={BULK_STEP_KINDS.map((option) => ({ value: option.type, label: option.label }))}
                onChange={(next: StepType) => {
                  form.resetFields();
                  setType(next);
                }}
              />
            </Form.Item>
            <StepFields kind={kind} />
          </Form>
        </Space>
      )}
      {batchId && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {progress.error && <ApiErrorAlert error={progress.error} />}
          {batch && (
            <div aria-live="polite">
              <Typography.Text>
                已处理 {batch.done} / {batch.total ?? '…'} 户：成功 {batch.applied}，被拒绝 {batch.refused}
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
              title={`执行完成：成功 ${batch.applied} 户，未办理 ${batch.refused + batch.notReached} 户`}
            />
          )}
          <Table<BatchItem>
            size="small"
            rowKey="seq"
            aria-label="每户执行结果"
            loading={!batch}
            dataSource={batch?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: batch?.itemsTotal ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              { title: '农户', dataIndex: 'label' },
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
      )}
    </Modal>
  );
}
