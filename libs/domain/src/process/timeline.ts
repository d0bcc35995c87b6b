import type { Actor } from './actor';

/**
 * One entry of a process's timeline (shown in Chinese; `type` is the machine name). A process may
 * narrow `type` to its own step names (a campaign task's `TaskEvent`).
 */
export interface TimelineEvent<Type extends string = string> {
  type: Type;
  at: string;
  actor: Actor;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
}
