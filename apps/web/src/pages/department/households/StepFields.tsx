import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { cstDate } from '../../../../../../libs/domain/src/time/china-time';
import type { Objection, StepBody } from './household-types';
import type { StepKind } from './step-kinds';

/** The form's values for a step: the day as a Dayjs, everything else as the API takes it. */
export interface StepFormValues {
  occurredOn?: Dayjs | null;
  rating?: StepBody['rating'];
  note?: string;
  reason?: string;
  objection?: string;
  objectionId?: string;
  upheld?: boolean;
}

const REASON_LABELS: Partial<Record<StepBody['type'], string>> = {
  reject: '退回原因',
  'retry-payment': '重新兑付的说明',
  withdraw: '退出原因',
  'resolve-objection': '处理意见',
};

/** Today in China Standard Time: no milestone may be dated after it. */
const isAfterToday = (day: Dayjs) => day.format('YYYY-MM-DD') > cstDate(new Date());

/** The body the API takes for a step, from the form's values (only the fields the step needs). */
export function stepBody(kind: StepKind, values: StepFormValues): StepBody {
  const body: StepBody = { type: kind.type };
  for (const field of kind.fields) {
    const value = values[field];
    if (value === undefined || value === null || value === '') continue;
    if (field === 'occurredOn') body.occurredOn = (value as Dayjs).format('YYYY-MM-DD');
    else Object.assign(body, { [field]: typeof value === 'string' ? value.trim() : value });
  }
  return body;
}

/** Only the fields the chosen step needs, each labelled. */
export function StepFields({ kind, objections = [] }: { kind: StepKind; objections?: Objection[] }) {
  const has = (field: string) => kind.fields.includes(field as never);
  return (
    <>
      {has('rating') && (
        <Form.Item name="rating" label="鉴定等级" rules={[{ required: true, message: '请选择鉴定等级' }]}>
          <Radio.Group
            options={['A', 'B', 'C', 'D'].map((rating) => ({ value: rating, label: `${rating} 级` }))}
          />
        </Form.Item>
      )}
      {has('occurredOn') && (
        <Form.Item name="occurredOn" label="发生日期" extra="补登以前发生的事时填写；不填则为今天。">
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={isAfterToday}
            placeholder="今天"
          />
        </Form.Item>
      )}
      {has('objectionId') && (
        <Form.Item name="objectionId" label="异议" rules={[{ required: true, message: '请选择异议' }]}>
          <Select
            options={objections
              .filter((objection) => objection.status === 'open')
              .map((objection) => ({ value: objection.id, label: objection.text }))}
          />
        </Form.Item>
      )}
      {has('upheld') && (
        <Form.Item name="upheld" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group
            options={[
              { value: false, label: '异议不成立' },
              { value: true, label: '异议成立（退回危房鉴定）' },
            ]}
          />
        </Form.Item>
      )}
      {has('objection') && (
        <Form.Item
          name="objection"
          label="异议内容"
          rules={[{ required: true, whitespace: true, message: '请填写异议内容' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {has('reason') && (
        <Form.Item
          name="reason"
          label={REASON_LABELS[kind.type] ?? '原因'}
          rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {has('note') && (
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </>
  );
}
