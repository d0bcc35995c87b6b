import { Button, Form, Input } from 'antd';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { campaignQueryKey } from './PendingPledge';

/** The sign step of a unit's responsibility pledge (loaded only when one is to be signed). */
export default function PledgeForm({ campaignId }: { campaignId: string }) {
  const [form] = Form.useForm<{ note: string }>();
  const sign = useCommand(
    (note: string, idempotencyKey) =>
      must(
        api.POST('/api/campaigns/{id}/pledges', {
          params: { path: { id: campaignId } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body: { note },
        }),
      ),
    {
      invalidates: [campaignQueryKey(campaignId), ['unit-tasks']],
      success: '责任状已签订',
    },
  );
  return (
    <Form
      name={`pledge-${campaignId}`}
      form={form}
      layout="vertical"
      initialValues={{ note: '本单位承诺按期保质完成所承担的攻坚任务。' }}
      onFinish={(values) =>
        sign.mutate(values.note, { onError: (error) => showProblemsOnFields(form, error) })
      }
    >
      <Form.Item name="note" label="承诺内容" rules={[{ required: true, message: '请填写承诺内容' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={sign.isPending}>
        签订责任状
      </Button>
      <ApiErrorAlert error={sign.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
