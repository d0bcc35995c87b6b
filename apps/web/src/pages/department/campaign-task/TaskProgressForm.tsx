import { Form, InputNumber } from 'antd';
import { api, must } from '../../../api/client';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { taskFacts, taskQueryKey, type TaskDetail } from './task-queries';
import { TaskFormTail } from './TaskFormTail';

interface ProgressValues {
  quantityDone?: number;
  percentDone?: number;
  narrative: string;
  evidenceIds?: string[];
}

/** 上报进度: quantity when the task has a target, else a percentage; a narrative; evidence. */
export function TaskProgressForm({ task }: { task: TaskDetail }) {
  const [form] = Form.useForm<ProgressValues>();
  const facts = taskFacts(task);
  const report = useCommand(
    (values: ProgressValues, idempotencyKey) =>
      must(
        api.POST('/api/campaigns/{id}/tasks/{key}/progress', {
          params: { path: { id: task.campaignId, key: task.key } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body: values,
        }),
      ),
    {
      invalidates: [taskQueryKey(task.campaignId, task.key), ['unit-tasks']],
      success: '进度已上报',
      onSuccess: () => form.resetFields(['narrative', 'evidenceIds']),
    },
  );
  return (
    <Form
      name="task-progress"
      form={form}
      layout="vertical"
      aria-label="上报进度"
      initialValues={{
        quantityDone: facts.quantityDone ?? undefined,
        percentDone: facts.percentDone ?? undefined,
      }}
      onFinish={(values) =>
        report.mutate(
          {
            narrative: values.narrative,
            evidenceIds: values.evidenceIds ?? [],
            ...(facts.linked
              ? {}
              : facts.target
                ? { quantityDone: values.quantityDone }
                : { percentDone: values.percentDone }),
          },
          { onError: (error) => showProblemsOnFields(form, error) },
        )
      }
    >
      {!facts.linked && facts.target && (
        <Form.Item
          name="quantityDone"
          label={`累计完成数量（目标 ${facts.target.quantity} ${facts.target.unit}）`}
          rules={[{ required: true, message: '请填写累计完成数量' }]}
        >
          <InputNumber min={0} style={{ width: '100%' }} suffix={facts.target.unit} />
        </Form.Item>
      )}
      {!facts.linked && !facts.target && (
        <Form.Item
          name="percentDone"
          label="完成比例（%）"
          rules={[{ required: true, message: '请填写完成比例（0–100）' }]}
        >
          <InputNumber min={0} max={100} style={{ width: '100%' }} suffix="%" />
        </Form.Item>
      )}
      {facts.linked && facts.linkedTo && <p>该任务的进度取自关联的{facts.linkedTo}，只需报送进展情况。</p>}
      <TaskFormTail
        task={task}
        textField="narrative"
        textLabel="进展情况"
        button="上报进度"
        pending={report.isPending}
        error={report.error}
      />
    </Form>
  );
}
