import { Tag, theme } from 'antd';
import { escalationColour } from '../../../shared/escalation';
import { taskDaysText, type UnitTask } from './todo-rows';

export function LevelTag({ task }: { task: UnitTask }) {
  return task.escalationLevel > 0 ? (
    <Tag color={escalationColour(task.escalationLevel)}>
      {task.escalationLabel ?? `督办 ${task.escalationLevel} 级`}
    </Tag>
  ) : null;
}

export function DaysTag({ task, asOf }: { task: UnitTask; asOf: string }) {
  const text = taskDaysText(task, asOf);
  return text ? <Tag color={task.overdue ? 'red' : 'default'}>{text}</Tag> : null;
}

/** The escalation colour of a row (the ladder's tag colour), grey when nothing has fired. */
export function useRowEdge(): (task: UnitTask) => string {
  const { token } = theme.useToken();
  const palette = token as unknown as Record<string, string | undefined>;
  return (task) =>
    (task.escalationLevel > 0 ? palette[escalationColour(task.escalationLevel)] : undefined) ??
    token.colorBorder;
}
