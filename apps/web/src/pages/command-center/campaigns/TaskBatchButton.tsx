import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { components } from '../../../api/schema';
import { FilterBatchButton, type BatchStepChoice } from '../../../shared/batch/FilterBatchDialog';
import { campaignKeys } from '../../leadership/campaigns/campaign-queries';
import type { BattleMapFilters } from '../../leadership/campaigns/useBattleMapFilters';

type StepType = components['schemas']['TaskBatchStep']['type'];

interface Values {
  note?: string;
  deadline?: Dayjs;
  reason?: string;
}

/**
 * What the command center does to many tasks at once: accept the submitted ones, extend deadlines
 * (a flood, a late allocation). Returning names each task's own shortcoming and progress is each
 * task's own figure, so those stay one task at a time.
 */
const STEPS: Array<BatchStepChoice<StepType>> = [
  { type: 'accept', label: '验收通过' },
  { type: 'extend', label: '延长期限' },
];

/**
 * "对筛选结果全部执行" on the battle map's task table (the command center): one step on every task
 * the table's filter matches, sub-tasks included; groups are worked on through their sub-tasks.
 */
export function TaskBatchButton({ campaignId, filters }: { campaignId: string; filters: BattleMapFilters }) {
  return (
    <FilterBatchButton<StepType, Values>
      kind="campaign-task-step"
      filter={{
        campaign: campaignId,
        unit: filters.unit ?? undefined,
        status: (filters.status ?? undefined) as components['schemas']['TaskBatchFilter']['status'],
        level: filters.level ?? undefined,
      }}
      steps={STEPS}
      counter="个任务"
      objectTitle="任务"
      invalidates={[campaignKeys.progress(campaignId)]}
      idPrefix="task-batch"
      fields={(type) =>
        type === 'accept' ? (
          <Form.Item
            name="note"
            label="验收意见"
            rules={[{ required: true, whitespace: true, message: '请填写验收意见' }]}
            extra="只对已申请验收的任务生效，其余任务记为被拒绝。"
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="deadline"
              label="延至"
              htmlFor="task-batch-deadline"
              rules={[{ required: true, message: '请选择新的期限' }]}
            >
              <DatePicker id="task-batch-deadline" format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item
              name="reason"
              label="延期理由"
              rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )
      }
      toStep={(type, values) =>
        type === 'accept'
          ? { type, note: values.note?.trim() }
          : { type, deadline: values.deadline?.format('YYYY-MM-DD'), reason: values.reason?.trim() }
      }
    />
  );
}
