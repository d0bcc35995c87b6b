import type { Actor } from './actor';

/** One entry of a process's timeline (shown in Chinese; `type` is the machine name). */
export interface TimelineEvent {
  type: string;
  at: string;
  actor: Actor;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
}
