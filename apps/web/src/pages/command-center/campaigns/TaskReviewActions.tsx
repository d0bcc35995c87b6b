import { Button, DatePicker, Form, Popconfirm, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must } from '../../../api/client';
import { useCommand } from '../../../shared/useCommand';
import { ReasonButton } from './ReasonButton';

type Review =
  | { step: 'accept'; note: string }
  | { step: 'return'; reason: string }
  | { step: 'extend'; reason: string; deadline: string };

/**
 * The command center's decisions on a campaign task: accept (sign-off) or return a submitted one
 * with a reason, extend the deadline of an open one with a reason and a new date.
 */
export function TaskReviewActions({
  campaignId,
  taskKey,
  status,
}: {
  campaignId: string;
  taskKey: string;
  status: string;
}) {
  const review = useCommand(
    (input: Review, key: string) => {
      const params = { path: { id: campaignId, key: taskKey } };
      const headers = { 'Idempotency-Key': key };
      if (input.step === 'accept')
        return must(
          api.POST('/api/campaigns/{id}/tasks/{key}/accept', { params, headers, body: { note: input.note } }),
        );
      if (input.step === 'return')
        return must(
          api.POST('/api/campaigns/{id}/tasks/{key}/return', {
            params,
            headers,
            body: { reason: input.reason },
          }),
        );
      return must(
        api.POST('/api/campaigns/{id}/tasks/{key}/extend', {
          params,
          headers,
          body: { reason: input.reason, deadline: input.deadline },
        }),
      );
    },
    {
      invalidates: [['campaigns', campaignId], ['campaign-task']],
      success: (result) => `任务${(result as { statusLabel?: string }).statusLabel ?? '已更新'}`,
    },
  );
  if (status === 'accepted') return null;
  return (
    <Space wrap data-testid="task-review-actions">
      {status === 'submitted' && (
        <>
          <Popconfirm
            title="确认验收通过？"
            okText="验收通过"
            cancelText="取消"
            onConfirm={() => review.mutate({ step: 'accept', note: '验收合格' })}
          >
            <Button type="primary" loading={review.isPending}>
              验收通过
            </Button>
          </Popconfirm>
          <ReasonButton
            label="退回"
            title="退回任务"
            field="退回理由"
            onSubmit={(reason) => review.mutateAsync({ step: 'return', reason })}
            pending={review.isPending}
            error={review.error}
          />
        </>
      )}
      <ReasonButton
        label="延期"
        title="延长任务期限"
        field="延期理由"
        onSubmit={(reason, values) =>
          review.mutateAsync({
            step: 'extend',
            reason,
            deadline: (values.deadline as Dayjs).format('YYYY-MM-DD'),
          })
        }
        pending={review.isPending}
        error={review.error}
        extra={
          <Form.Item name="deadline" label="延至" rules={[{ required: true, message: '请选择新的期限' }]}>
            <DatePicker aria-label="延至" />
          </Form.Item>
        }
      />
    </Space>
  );
}
