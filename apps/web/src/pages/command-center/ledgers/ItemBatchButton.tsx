import { Alert, Form, Input, Radio } from 'antd';
import type { components } from '../../../api/schema';
import { FilterBatchButton, type BatchStepChoice } from '../../../shared/batch/FilterBatchDialog';
import { PersonPicker } from './PersonPicker';

type ItemBatchStep = components['schemas']['ItemBatchStep'];
type StepType = ItemBatchStep['type'];

interface Values {
  reason?: string;
  approve?: boolean;
  personId?: string;
}

/**
 * What the command center does to many items at once: pause or resume their clocks (a flood season,
 * a case in court), decide the pending extension requests, reassign a unit's items to a new
 * responsible person. Close-out is decided item by item, on each item's evidence.
 */
const STEPS: Array<BatchStepChoice<StepType>> = [
  { type: 'pause', label: '暂停计时' },
  { type: 'resume', label: '恢复计时' },
  { type: 'decide-extension', label: '审批延期申请' },
  { type: 'reassign', label: '更换责任人' },
];

const REASON_LABELS: Partial<Record<StepType, string>> = {
  pause: '暂停原因',
  resume: '恢复说明',
  'decide-extension': '审批意见',
  reassign: '更换原因',
};

/** The item table's filter (strings, as the URL carries them) as the batch takes it. */
function itemFilter(ledgerId: string, filter: Record<string, string | undefined>) {
  const text = (name: string) => filter[name] || undefined;
  return {
    ledger: ledgerId,
    unit: text('unit'),
    status: text('status') as components['schemas']['ItemBatchFilter']['status'],
    level: text('level') === undefined ? undefined : Number(filter.level),
    overdue: text('overdue') === undefined ? undefined : filter.overdue === 'true',
    q: text('q'),
  };
}

/** "对筛选结果全部执行" on the ledger's item table: one step on every item the table's filter matches. */
export function ItemBatchButton({
  ledgerId,
  filter,
}: {
  ledgerId: string;
  filter: Record<string, string | undefined>;
}) {
  const unit = filter.unit || undefined;
  return (
    <FilterBatchButton<StepType, Values>
      kind="rectification-step"
      filter={itemFilter(ledgerId, filter)}
      steps={STEPS}
      counter="项"
      objectTitle="问题"
      invalidates={[['rectifications']]}
      idPrefix="item-batch"
      fields={(type) => (
        <>
          {type === 'decide-extension' && (
            <Form.Item
              name="approve"
              label="审批结果"
              rules={[{ required: true, message: '请选择批准或不批准' }]}
              extra="只对有待审批延期申请的问题生效，其余问题记为被拒绝。"
            >
              <Radio.Group
                options={[
                  { value: true, label: '批准延期' },
                  { value: false, label: '不予批准' },
                ]}
              />
            </Form.Item>
          )}
          {type === 'reassign' &&
            (unit ? (
              <Form.Item
                name="personId"
                label="新责任人"
                htmlFor="item-batch-person"
                rules={[{ required: true, message: '请选择新责任人' }]}
                extra="新责任人须为问题责任单位的在岗人员；其他单位的问题记为被拒绝。"
              >
                <PersonPicker id="item-batch-person" scope={{ unit }} />
              </Form.Item>
            ) : (
              <Alert type="info" showIcon title="请先按责任单位筛选，再选择该单位的新责任人。" />
            ))}
          <Form.Item
            name="reason"
            label={REASON_LABELS[type]}
            rules={[{ required: true, whitespace: true, message: `请填写${REASON_LABELS[type]}` }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
      toStep={(type, values) => ({
        type,
        reason: values.reason?.trim(),
        ...(type === 'decide-extension' ? { approve: values.approve } : {}),
        ...(type === 'reassign' ? { personId: values.personId } : {}),
      })}
    />
  );
}
