import { Alert, Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline } from '../../../shared/deadline';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { deadlineDateOf } from '../campaign-task/view-values';
import { itemQueryKey } from './item-queries';
import { pendingExtensionOf, type ItemDetail } from './item-steps';

interface ExtensionValues {
  reason: string;
  newFullDeadline: Dayjs;
  newBasicDeadline?: Dayjs | null;
}

/**
 * 申请延期 before the deadline: the new full (and optionally basic) deadline as a date, sent as
 * YYYY-MM-DD (the end of that day), with the reason. A pending request is shown instead of the form;
 * `refusal` is the process rule's reason when a request is not possible now (deadline passed …).
 */
export function ExtensionRequestForm({ item, refusal }: { item: ItemDetail; refusal: string | null }) {
  const [form] = Form.useForm<ExtensionValues>();
  const pending = pendingExtensionOf(item);
  const request = useCommand(
    (values: { reason: string; newFullDeadline: string; newBasicDeadline?: string }, idempotencyKey) =>
      must(
        api.POST('/api/rectifications/{id}/extension-request', {
          params: { path: { id: item.id } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body: values,
        }),
      ),
    { invalidates: [itemQueryKey(item.id)], success: '延期申请已提交，待指挥部审批' },
  );
  if (pending)
    return (
      <Alert
        type="info"
        showIcon
        title="延期申请待审批"
        description={`申请全面整改期限延至 ${showDeadline(pending.newFull, deadlineDateOf(pending.newFull))}${
          pending.newBasic
            ? `，基本整改期限延至 ${showDeadline(pending.newBasic, deadlineDateOf(pending.newBasic))}`
            : ''
        }；理由：${pending.reason}`}
      />
    );
  if (refusal) return <Alert type="warning" showIcon title={refusal} />;
  return (
    <Form
      name="item-extension"
      form={form}
      layout="vertical"
      aria-label="申请延期"
      onFinish={(values) =>
        request.mutate(
          {
            reason: values.reason,
            newFullDeadline: values.newFullDeadline.format('YYYY-MM-DD'),
            ...(values.newBasicDeadline
              ? { newBasicDeadline: values.newBasicDeadline.format('YYYY-MM-DD') }
              : {}),
          },
          { onError: (error) => showProblemsOnFields(form, error) },
        )
      }
    >
      <Form.Item
        name="newFullDeadline"
        label="申请全面整改期限延至"
        rules={[{ required: true, message: '请选择新的全面整改期限' }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {item.status === 'rectifying' && (
        <Form.Item name="newBasicDeadline" label="基本整改期限延至（可不填）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label="延期理由"
        rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={request.isPending}>
        申请延期
      </Button>
      <ApiErrorAlert error={request.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
