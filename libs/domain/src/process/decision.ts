import { refuseUnstorableText } from '../text/unstorable-text';
import type { Actor } from './actor';
import type { TimelineEvent } from './timeline';

/**
 * What every process's `decide` shares (rectification item, household, campaign task): a step is
 * refused with a code and a Chinese reason, or taken, giving the next state (version bumped) and
 * the timeline entry it records.
 */
export interface Refusal {
  ok: false;
  code: string;
  reason: string;
}

export type ProcessDecision<State, Event extends TimelineEvent = TimelineEvent> =
  { ok: true; state: State; event: Event } | Refusal;

export const refuse = (code: string, reason: string): Refusal => ({ ok: false, code, reason });

/** A step under way: the copy of the state it changes, and how it ends when taken. */
export interface DecisionDraft<State, Type extends string> {
  ok: true;
  /** A deep copy of the state with `version` one higher; the step changes this, never the state. */
  next: State;
  /** The step taken: `next` with its timeline entry (type, time and actor of the command). */
  taken: (
    summary: string,
    reason?: string | null,
    data?: Record<string, unknown>,
  ) => { ok: true; state: State; event: TimelineEvent<Type> };
}

// The state is plain JSON; a JSON copy also works inside the workflow sandbox (no structuredClone there).
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * How every `decide(state, command, actor, now)` starts: a command carrying text Postgres cannot
 * store is refused (UNSTORABLE_TEXT); otherwise the draft of the step. `eventData`, when given,
 * shapes the data of the timeline entry from the step's own data and the next state (a household
 * records the stage it is in). Never mutates `state`.
 */
export function beginDecision<State extends { version: number }, Type extends string>(
  state: State,
  command: { type: Type },
  actor: Actor,
  now: string,
  eventData: (data: Record<string, unknown>, next: State) => Record<string, unknown> = (data) => data,
): DecisionDraft<State, Type> | Refusal {
  const unstorable = refuseUnstorableText(command);
  if (unstorable) return unstorable;
  const next = cloneJson(state);
  next.version = state.version + 1;
  return {
    ok: true,
    next,
    taken: (summary, reason = null, data = {}) => ({
      ok: true,
      state: next,
      event: { type: command.type, at: now, actor, summary, reason, data: eventData(data, next) },
    }),
  };
}
