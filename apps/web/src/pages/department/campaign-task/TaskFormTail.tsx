import { Button, Form, Input, Select } from 'antd';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import type { TaskDetail } from './task-queries';

/**
 * The common end of a task's forms: the text the unit writes, the evidence it names (uploaded to
 * the task already), the button, and the API's refusal under it.
 */
export function TaskFormTail({
  task,
  textField,
  textLabel,
  button,
  pending,
  error,
}: {
  task: TaskDetail;
  textField: string;
  textLabel: string;
  button: string;
  pending: boolean;
  error: unknown;
}) {
  return (
    <>
      <Form.Item
        name={textField}
        label={textLabel}
        rules={[{ required: true, whitespace: true, message: `请填写${textLabel}` }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {task.evidence.length > 0 && (
        <Form.Item name="evidenceIds" label="附佐证材料">
          <Select
            mode="multiple"
            allowClear
            options={task.evidence.map((evidence) => ({ value: evidence.id, label: evidence.fileName }))}
            placeholder="选择已上传的材料"
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={pending}>
        {button}
      </Button>
      <ApiErrorAlert error={error} style={{ marginTop: 8 }} />
    </>
  );
}
