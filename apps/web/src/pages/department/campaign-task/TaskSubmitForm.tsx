import { Form } from 'antd';
import { api, must } from '../../../api/client';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { taskQueryKey, type TaskDetail } from './task-queries';
import { TaskFormTail } from './TaskFormTail';

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
      <TaskFormTail
        task={task}
        textField="note"
        textLabel="完成情况说明"
        button="申请验收"
        pending={submit.isPending}
        error={submit.error}
      />
    </Form>
  );
}
