import { Button, Form, Input } from 'antd';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { itemQueryKey } from './item-queries';

/**
 * One step on an item that takes a text (a note, a reason, a comment): its field, its button, and
 * the API's refusal right under it (a 409's reason; 400/422 problems on the field).
 */
export function TextAction({
  name,
  itemId,
  field,
  fieldLabel,
  button,
  success,
  danger,
  rows = 2,
  send,
}: {
  /** The form's name: its fields' ids (`<name>_<field>`) stay unique beside the other steps. */
  name: string;
  itemId: string;
  /** The body property the API reads (note, reason, body): problems on it land on the field. */
  field: 'note' | 'reason' | 'body';
  fieldLabel: string;
  button: string;
  success: string;
  danger?: boolean;
  rows?: number;
  send: (text: string, idempotencyKey: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const command = useCommand((text: string, idempotencyKey) => send(text, idempotencyKey), {
    invalidates: [itemQueryKey(itemId), ['unit-tasks']],
    success,
    onSuccess: () => form.resetFields(),
  });
  return (
    <Form
      name={name}
      form={form}
      layout="vertical"
      aria-label={button}
      onFinish={(values) =>
        command.mutate(values[field] ?? '', { onError: (error) => showProblemsOnFields(form, error) })
      }
    >
      <Form.Item
        name={field}
        label={fieldLabel}
        rules={[{ required: true, whitespace: true, message: `请填写${fieldLabel}` }]}
      >
        <Input.TextArea rows={rows} maxLength={2000} />
      </Form.Item>
      <Button type="primary" danger={danger} htmlType="submit" loading={command.isPending}>
        {button}
      </Button>
      <ApiErrorAlert error={command.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
