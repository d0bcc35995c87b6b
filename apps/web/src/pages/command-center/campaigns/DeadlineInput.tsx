import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DeadlineSpec } from '../../../../../../libs/domain/src/campaign/campaign-plan';

type Mode = 'date' | 'instant' | 'beforeEnd' | 'workingDaysBeforeEnd' | 'workingDaysAfterStart';

const MODES: Array<{ value: Mode; label: string }> = [
  { value: 'date', label: '日期' },
  { value: 'instant', label: '具体时间' },
  { value: 'beforeEnd', label: '倒排（结束前）' },
  { value: 'workingDaysBeforeEnd', label: '结束前 N 个工作日' },
  { value: 'workingDaysAfterStart', label: '开始后 N 个工作日' },
];

function modeOf(value: DeadlineSpec | undefined): Mode | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'instant';
  if ('beforeEnd' in value) return 'beforeEnd';
  if ('workingDaysBeforeEnd' in value) return 'workingDaysBeforeEnd';
  if ('workingDaysAfterStart' in value) return 'workingDaysAfterStart';
  return null;
}

/** An instant written in CST (`…+08:00`) shown as its wall time; the picker's wall time sent as CST. */
const instantValue = (value: string): Dayjs | undefined => {
  const wall = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d+)?\+08:00$/.exec(value);
  const parsed = wall ? dayjs(`${wall[1]} ${wall[2]}`) : dayjs(value);
  return parsed.isValid() ? parsed : undefined;
};

/**
 * A task's deadline as the plan writes it (campaign-plan.ts DeadlineSpec): a date, an instant, 倒排
 * `{beforeEnd: P10D}`, or N working days before the end / after the start.
 */
export function DeadlineInput({
  value,
  onChange,
  id,
}: {
  value?: DeadlineSpec;
  onChange?: (value: DeadlineSpec | undefined) => void;
  id?: string;
}) {
  const [chosen, setChosen] = useState<Mode>('date');
  const mode = modeOf(value) ?? chosen;
  const switchTo = (next: Mode) => {
    setChosen(next);
    if (next !== mode) onChange?.(undefined);
  };
  let input: React.ReactNode;
  if (mode === 'date')
    input = (
      <DatePicker
        id={id}
        style={{ width: 170 }}
        value={typeof value === 'string' ? dayjs(value) : undefined}
        onChange={(day) => onChange?.(day ? day.format('YYYY-MM-DD') : undefined)}
      />
    );
  else if (mode === 'instant')
    input = (
      <DatePicker
        id={id}
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: 200 }}
        value={typeof value === 'string' ? instantValue(value) : undefined}
        onChange={(day) => onChange?.(day ? `${day.format('YYYY-MM-DDTHH:mm')}:00+08:00` : undefined)}
      />
    );
  else if (mode === 'beforeEnd')
    input = (
      <Input
        id={id}
        style={{ width: 170 }}
        placeholder="P10D（10 天）"
        value={value && typeof value === 'object' && 'beforeEnd' in value ? value.beforeEnd : ''}
        onChange={(event) =>
          onChange?.(event.target.value ? { beforeEnd: event.target.value.trim() } : undefined)
        }
      />
    );
  else
    input = (
      <InputNumber
        id={id}
        min={0}
        precision={0}
        style={{ width: 170 }}
        addonAfter="个工作日"
        value={
          value && typeof value === 'object' && mode in value
            ? (value as Record<string, number>)[mode]
            : undefined
        }
        onChange={(n) => onChange?.(n === null ? undefined : ({ [mode]: n } as DeadlineSpec))}
      />
    );
  return (
    <Space.Compact>
      <Select<Mode>
        value={mode}
        onChange={switchTo}
        options={MODES}
        style={{ width: 160 }}
        aria-label="截止方式"
      />
      {input}
    </Space.Compact>
  );
}
