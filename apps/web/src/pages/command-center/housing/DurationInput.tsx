import { InputNumber, Select, Space } from 'antd';
import {
  durationText,
  isIsoDuration,
  parseIsoDuration,
} from '../../../../../../libs/domain/src/time/iso-duration';

const UNITS = [
  { value: 'minutes', label: '分钟', iso: (n: number) => `PT${n}M` },
  { value: 'hours', label: '小时', iso: (n: number) => `PT${n}H` },
  { value: 'days', label: '天', iso: (n: number) => `P${n}D` },
  { value: 'weeks', label: '周', iso: (n: number) => `P${n}W` },
  { value: 'months', label: '个月', iso: (n: number) => `P${n}M` },
] as const;
type Unit = (typeof UNITS)[number]['value'];

/** An ISO duration of one part (`P7D`, `PT1H`, `P1M`) as an amount and a unit; anything else as days. */
function split(value: string | undefined): { amount: number | null; unit: Unit } {
  if (!value || !isIsoDuration(value)) return { amount: null, unit: 'days' };
  const d = parseIsoDuration(value);
  const used = UNITS.filter((u) => d[u.value] > 0);
  if (used.length === 1) return { amount: d[used[0].value], unit: used[0].value };
  if (used.length === 0) return { amount: 0, unit: 'days' };
  return { amount: d.days + d.weeks * 7, unit: 'days' };
}

/**
 * A duration (公示期, 停滞时限 …) written as a number and a unit, held as ISO 8601 (`P7D`) for the API.
 * `allowNone` adds 不设 (null).
 */
export function DurationInput({
  id,
  value,
  onChange,
  allowNone,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null | undefined) => void;
  allowNone?: boolean;
  'aria-label'?: string;
}) {
  const none = value === null;
  const { amount, unit } = split(value ?? undefined);
  const iso = (n: number | null, u: Unit) =>
    n === null ? undefined : (UNITS.find((x) => x.value === u)?.iso(n) ?? `P${n}D`);
  return (
    <Space.Compact>
      {allowNone && (
        <Select
          aria-label={`${ariaLabel ?? ''}是否设置`}
          value={none ? 'none' : 'set'}
          style={{ width: 88 }}
          options={[
            { value: 'set', label: '设置' },
            { value: 'none', label: '不设' },
          ]}
          onChange={(choice) => onChange?.(choice === 'none' ? null : iso(amount ?? 7, unit))}
        />
      )}
      <InputNumber
        id={id}
        aria-label={ariaLabel}
        min={0}
        precision={0}
        disabled={none}
        value={none ? null : amount}
        style={{ width: 96 }}
        onChange={(next) => onChange?.(iso(next, unit))}
      />
      <Select
        aria-label={`${ariaLabel ?? ''}单位`}
        disabled={none}
        value={unit}
        style={{ width: 88 }}
        options={UNITS.map((u) => ({ value: u.value, label: u.label }))}
        onChange={(next: Unit) => onChange?.(iso(amount ?? 1, next))}
      />
    </Space.Compact>
  );
}

/** 7 天 / 不设, for a duration the API sent. */
export const durationOrNone = (value: string | null | undefined) => (value ? durationText(value) : '不设');
