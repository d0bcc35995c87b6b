import { Tag } from 'antd';
import { escalationColour } from '../../../shared/escalation';

/** A task's step on the escalation ladder, by the plan's label and the ladder's colour; nothing at 0. */
export function EscalationTag({
  level,
  label,
  fontSize,
}: {
  level: number;
  label: string | null;
  fontSize?: number;
}) {
  if (level <= 0) return <span aria-label="未督办">—</span>;
  return (
    <Tag
      color={escalationColour(level)}
      style={fontSize ? { fontSize, lineHeight: 1.4, padding: '2px 10px' } : undefined}
    >
      {label ?? `第${level}级督办`}
    </Tag>
  );
}
