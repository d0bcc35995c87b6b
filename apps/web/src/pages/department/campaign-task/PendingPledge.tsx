import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space } from 'antd';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline } from '../../../shared/deadline';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { textOf } from './view-values';

export const campaignQueryKey = (campaignId: string) => ['campaign', campaignId] as const;

/**
 * The unit's responsibility pledge (责任状) of a campaign when it is still to be signed: the
 * deadline for signing and the sign step. Nothing when signed or when the unit has none.
 */
export function PendingPledge({
  campaignId,
  unitCode,
  canSign,
}: {
  campaignId: string;
  unitCode: string;
  canSign: boolean;
}) {
  const campaign = useQuery({
    queryKey: campaignQueryKey(campaignId),
    queryFn: () => must(api.GET('/api/campaigns/{id}', { params: { path: { id: campaignId } } })),
  });
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
  const data = campaign.data;
  const pledge = data?.pledges.find((p) => p.unit === unitCode);
  if (!data || !pledge || pledge.signed) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`「${data.name}」责任状待签订`}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>
            签订期限：
            {showDeadline(textOf(data.pledgeDeadline), data.pledgeDeadlineDate)}
          </span>
          {canSign && (
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
          )}
        </Space>
      }
    />
  );
}
