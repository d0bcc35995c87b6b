import { Empty, Timeline as AntTimeline, Typography } from 'antd';
import { showTime } from '../deadline';

/** One line of an object's history: who, when, what (a Chinese label), why, and what was given. */
export interface TimelineEntry {
  key: string | number;
  at: string;
  actor: string;
  unit?: string | null;
  /** What happened, in Chinese (上报进度：完成 30%, 验收未通过，退回整改 …). */
  label: string;
  /** Why: a return's or an extension's reason. */
  reason?: string | null;
  /** What the person wrote with it (narrative, note). */
  note?: string | null;
  /** Anything else the step recorded, shown as its label's detail when it is short. */
  data?: Record<string, unknown> | null;
  colour?: 'blue' | 'red' | 'green' | 'gray';
}

/** The shape the API gives every timeline (tasks, items, households): turned into entries. */
export interface ApiTimelineEvent {
  version?: number;
  at: string;
  type: string;
  actorName: string;
  summary: string;
  reason?: unknown;
  data?: unknown;
  unit?: unknown;
}

const REFUSAL_TYPES = new Set(['reject', 'return', 'escalate']);
const DONE_TYPES = new Set(['accept', 'submit', 'mark-basic-done', 'basic-done']);

/** Entries of an API timeline, newest first; the note is the step's narrative or note. */
export function timelineEntries(events: readonly ApiTimelineEvent[]): TimelineEntry[] {
  return events
    .map((event, index) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      const note = [data.narrative, data.note].find(
        (value): value is string => typeof value === 'string' && value.trim() !== '',
      );
      return {
        key: event.version ?? index,
        at: event.at,
        actor: event.actorName,
        unit: typeof event.unit === 'string' ? event.unit : null,
        label: event.summary,
        reason: typeof event.reason === 'string' ? event.reason : null,
        note: note ?? null,
        data,
        colour: REFUSAL_TYPES.has(event.type) ? 'red' : DONE_TYPES.has(event.type) ? 'green' : 'blue',
      } satisfies TimelineEntry;
    })
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** An object's history as an antd Timeline: each step with its time, person, unit, reason and note. */
export function Timeline({ entries, empty = '暂无记录' }: { entries: TimelineEntry[]; empty?: string }) {
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <AntTimeline
      items={entries.map((entry) => ({
        key: entry.key,
        color: entry.colour ?? 'blue',
        content: (
          <div data-testid="timeline-entry" style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{entry.label}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {showTime(entry.at)} · {entry.actor}
                {entry.unit ? `（${entry.unit}）` : ''}
              </Typography.Text>
            </div>
            {entry.reason && entry.reason !== entry.label && <div>理由：{entry.reason}</div>}
            {entry.note && <div>{entry.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
