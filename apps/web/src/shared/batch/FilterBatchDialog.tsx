import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Button, Descriptions, Form, Modal, Select, Space, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, IDEMPOTENCY_HEADER, must } from '../../api/client';
import type { components } from '../../api/schema';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { useCommand } from '../useCommand';
import { BatchProgress, useBatchProgress } from './BatchProgress';

type BatchBody = components['schemas']['BatchBody'];
export type BatchKind = BatchBody['kind'];
export type BatchFilter = BatchBody['filter'];
export type BatchStep = BatchBody['step'];
type StepType = NonNullable<components['schemas']['BatchPreviewBody']['stepType']>;

/** A step offered for "all that match": its type, its Chinese name, whether it needs a second thought. */
export interface BatchStepChoice<T extends StepType> {
  type: T;
  label: string;
  danger?: boolean;
}

export interface FilterBatchProps<T extends StepType, V> {
  kind: BatchKind;
  /** The list's filter, as the list route takes it. */
  filter: BatchFilter;
  steps: BatchStepChoice<T>[];
  /** The form items the step needs (inside the dialog's form). */
  fields: (type: T, form: FormInstance<V>) => ReactNode;
  /** The step's body from the form's values. */
  toStep: (type: T, values: V) => BatchStep;
  /** How the objects are counted (户, 项, 个任务) and what their column is called (农户, 问题, 任务). */
  counter: string;
  objectTitle: string;
  /** Queries to refresh once the batch has started and again once it has finished (the list the filter came from). */
  invalidates?: QueryKey[];
  /** The dialog's form's accessible name and the step chooser's id (unique on the page). */
  idPrefix: string;
}

/**
 * "对筛选结果全部执行": a button opening the dialog that takes one step on every object the list's
 * filter matches (not only the loaded rows), run on the server as a tracked batch: the preview's
 * counts, a confirmation, then live progress and each object's result.
 */
export function FilterBatchButton<T extends StepType, V>(props: FilterBatchProps<T, V>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>对筛选结果全部执行</Button>
      {open && <FilterBatchDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function FilterBatchDialog<T extends StepType, V>({
  kind,
  filter,
  steps,
  fields,
  toStep,
  counter,
  objectTitle,
  invalidates = [],
  idPrefix,
  onClose,
}: FilterBatchProps<T, V> & { onClose: () => void }) {
  const [form] = Form.useForm<V>();
  const [type, setType] = useState<T>(steps[0].type);
  const [batchId, setBatchId] = useState<string | null>(null);
  const choice = steps.find((step) => step.type === type) ?? steps[0];

  const preview = useQuery({
    queryKey: ['batches', 'preview', kind, filter, type],
    queryFn: () => must(api.POST('/api/batches/preview', { body: { kind, filter, stepType: type } })),
  });
  const start = useCommand(
    (step: BatchStep, key: string) =>
      must(
        api.POST('/api/batches', {
          headers: { [IDEMPOTENCY_HEADER]: key },
          body: { kind, filter, step },
        }),
      ),
    { onSuccess: (batch) => setBatchId(batch.id), invalidates },
  );
  const progress = useBatchProgress(batchId);
  const running = progress.running;
  const queryClient = useQueryClient();
  const finished = progress.batch?.status === 'finished';
  useEffect(() => {
    // the list shows what the batch changed once it has finished
    if (finished) for (const queryKey of invalidates) void queryClient.invalidateQueries({ queryKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when it finishes
  }, [finished]);

  const submit = async () => {
    const values = await form.validateFields();
    const count = preview.data?.actionable ?? 0;
    Modal.confirm({
      title: `确定对筛选结果中的 ${count} ${counter}${choice.label}？`,
      content: `按开始时的筛选结果办理，每${counter}分别记录结果。`,
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: choice.danger },
      onOk: () => start.mutate(toStep(type, values)),
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
                danger={choice.danger}
                loading={start.isPending}
                disabled={!preview.data || preview.data.actionable === 0}
                onClick={() => void submit()}
              >
                执行（{preview.data?.actionable ?? '…'} {counter}）
              </Button>,
            ]
      }
    >
      {!batchId && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {preview.error && <ApiErrorAlert error={preview.error} />}
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered aria-label="筛选结果">
            <Descriptions.Item label="筛选结果">
              {preview.data ? `${preview.data.matched} ${counter}` : '…'}
            </Descriptions.Item>
            <Descriptions.Item label="可办理">
              {preview.data ? `${preview.data.actionable} ${counter}` : '…'}
            </Descriptions.Item>
          </Descriptions>
          {start.error && <ApiErrorAlert error={start.error} />}
          <Form form={form} layout="vertical" aria-label="对筛选结果全部执行" preserve={false}>
            <Form.Item label="办理事项" htmlFor={`${idPrefix}-step-type`}>
              <Select
                id={`${idPrefix}-step-type`}
                value={type}
                options={steps.map((option) => ({ value: option.type, label: option.label }))}
                onChange={(next: T) => {
                  form.resetFields();
                  setType(next);
                }}
              />
            </Form.Item>
            {fields(type, form)}
          </Form>
        </Space>
      )}
      {batchId && <BatchProgress progress={progress} counter={counter} objectTitle={objectTitle} />}
    </Modal>
  );
}
