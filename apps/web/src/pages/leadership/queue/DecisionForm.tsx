import { Button, Form, Input, Space } from 'antd';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { LEADER_QUEUE_KEY, type QueueEntry } from './queue-queries';

/** Sends a leader's decision to the item's or the task's own route. */
function sendDecision(entry: QueueEntry, decision: string, idempotencyKey: string) {
  const headers = { 'Idempotency-Key': idempotencyKey };
  const body = { level: entry.level, decision };
  return entry.kind === 'rectification'
    ? must(
        api.POST('/api/rectifications/{id}/leader-decision', {
          params: { path: { id: entry.objectId } },
          headers,
          body,
        }),
      )
    : must(
        api.POST('/api/campaigns/{id}/tasks/{key}/leader-decision', {
          params: { path: { id: entry.objectId, key: entry.taskKey } },
          headers,
          body,
        }),
      );
}

/**
 * The decision on one waiting step: the text is required; the API's refusal (409 already decided,
 * 403) shows under the button, problems of the text on its field. Once applied the queue refetches
 * and the row is gone.
 */
export function DecisionForm({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: string }>();
  const command = useCommand(
    (decision: string, idempotencyKey) => sendDecision(entry, decision, idempotencyKey),
    { invalidates: [LEADER_QUEUE_KEY], success: '已记录领导决定', onSuccess: onDone },
  );
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={`对「${entry.title}」的${entry.levelLabel}作出决定`}
      onFinish={(values) =>
        command.mutate(values.decision.trim(), { onError: (error) => showProblemsOnFields(form, error) })
      }
    >
      <Form.Item
        name="decision"
        label="领导决定"
        rules={[{ required: true, whitespace: true, message: '请填写领导决定' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          placeholder="例如：约谈责任单位主要负责人，限期两周整改到位"
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          记录决定
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
      <ApiErrorAlert error={command.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
