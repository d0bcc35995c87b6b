import { Button, Form, Input, Select } from 'antd';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { taskQueryKey, type TaskDetail } from './task-queries';
import { evidenceOptions } from './TaskProgressForm';

interface SubmitValues {
  note: string;
  evidenceIds?: string[];
}

/** 申请验收: the lead unit submits the task as complete, with a note and the evidence it rests on. */
export function TaskSubmitForm({ task }: { task: TaskDetail }) {
  const [form] = Form.useForm<SubmitValues>();
  const submit = useCommand(
    (values: SubmitValues, idempotencyKey) =>
      must(
        api.POST('/api/campaigns/{id}/tasks/{key}/submit', {
          params: { path: { id: task.campaignId, key: task.key } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body: { note: values.note, evidenceIds: values.evidenceIds ?? [] },
        }),
      ),
    { invalidates: [taskQueryKey(task.campaignId, task.key), ['unit-tasks']], success: '已申请验收' },
  );
  return (
    <Form
      name="task-submit"
      form={form}
      layout="vertical"
      aria-label="申请验收"
      onFinish={(values) => submit.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })}
    >
      <Form.Item
        name="note"
        label="完成情况说明"
        rules={[{ required: true, whitespace: true, message: '请填写完成情况说明' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {task.evidence.length > 0 && (
        <Form.Item name="evidenceIds" label="附佐证材料">
          <Select mode="multiple" allowClear options={evidenceOptions(task)} placeholder="选择已上传的材料" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        申请验收
      </Button>
      <ApiErrorAlert error={submit.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
