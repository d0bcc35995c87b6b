import type { EscalationStep } from '../escalation/ladder';
import type { Actor } from '../rectification/item-process';
import type { ResolvedTask } from './campaign-plan';
import type { TaskCommand, TaskDecision, TaskEvent, TaskState } from './campaign-task';

/** A task as launched (version 1, in progress, deadline from the plan). */
export function newTaskState(task: ResolvedTask): TaskState {
  throw new Error('TODO');
}

/**
 * Whether a step is legal now and what it changes (process legality only; who may take it is the
 * API's per-object check). Codes: TASK_CLOSED, CAMPAIGN_PAUSED, NOT_IN_PROGRESS, NOT_SUBMITTED,
 * ALREADY_ACCEPTED, QUANTITY_INVALID (negative, or above a sane bound), PERCENT_INVALID, REASON_REQUIRED,
 * DEADLINE_NOT_LATER (an extension must move the deadline later), DEADLINE_INVALID.
 * report-progress keeps the highest-version report; accepting records a sign-off.
 */
export function decideTask(state: TaskState, command: TaskCommand, actor: Actor, now: string): TaskDecision {
  throw new Error('TODO');
}

/** A plan change applied to a running task: new deadline re-arms the ladder; progress is kept. */
export function reviseTask(
  state: TaskState,
  task: ResolvedTask,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  throw new Error('TODO');
}

export function pauseTask(
  state: TaskState,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  throw new Error('TODO');
}

/** Resuming adds the paused time to pausedMs: the ladder's steps fall due that much later. */
export function resumeTask(
  state: TaskState,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  throw new Error('TODO');
}

export function closeTask(
  state: TaskState,
  actor: Actor,
  now: string,
): { state: TaskState; event: TaskEvent } {
  throw new Error('TODO');
}

/** The next ladder step for a task not yet accepted, counting from its deadline (plus paused time); none when accepted, closed or paused. */
export function nextTaskEscalation(
  state: TaskState,
  ladder: readonly EscalationStep[],
): { step: EscalationStep; dueAt: Date } | undefined {
  throw new Error('TODO');
}

export function fireTaskEscalation(
  state: TaskState,
  step: EscalationStep,
  now: string,
): { state: TaskState; event: TaskEvent } {
  throw new Error('TODO');
}

/** The task's escalation level (highest fired step, 0 none). */
export function taskEscalationLevel(state: TaskState): number {
  throw new Error('TODO');
}
