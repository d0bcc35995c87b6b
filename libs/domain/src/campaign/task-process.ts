import {
  catchUp,
  escalationLevel,
  nextStep,
  passedOverRecord,
  stepsPassedBy,
  type EscalationStep,
} from '../escalation/ladder';
import type { Actor } from '../process/actor';
import { signOff } from '../sign-off/sign-off';
import { deadlineInstant } from '../time/china-time';
import { showDeadline } from '../time/deadline-display';
import type { ResolvedTask } from './campaign-plan';
import {
  TASK_STATUS_LABELS,
  type TaskCommand,
  type TaskDecision,
  type TaskEvent,
  type TaskState,
} from './campaign-task';
import { paceGap } from './pace';
import { beginDecision, cloneJson, refuse as refuseStep } from '../process/decision';

/** The codes decideTask refuses a step with (the API answers them 409 with the reason). */
export const TASK_REFUSAL_CODES = [
  'UNSTORABLE_TEXT',
  'TASK_CLOSED',
  'CAMPAIGN_PAUSED',
  'ALREADY_ACCEPTED',
  'NOT_IN_PROGRESS',
  'NOT_SUBMITTED',
  'QUANTITY_INVALID',
  'PERCENT_INVALID',
  'REASON_REQUIRED',
  'NARRATIVE_REQUIRED',
  'DEADLINE_NOT_LATER',
  'DEADLINE_INVALID',
  'DEADLINE_PASSED',
  'LEADERSHIP_ONLY',
  'NOTHING_TO_DECIDE',
  'DECISION_REQUIRED',
] as const;
export type TaskRefusalCode = (typeof TASK_REFUSAL_CODES)[number];

const refuse = (code: TaskRefusalCode, reason: string) => refuseStep(code, reason);

/**
 * The life of one campaign task as pure rules (campaign-task.ts has the shapes): the task workflow
 * applies them, and its update validator uses `decideTask` to refuse an illegal step before anything
 * is written. Every change bumps `version` (the read model keeps the highest one it has seen) and
 * comes with a `TaskEvent` whose `summary` is the Chinese line of the task's timeline.
 */

/** A reported quantity above this many times the target is taken for a typing error. */
export const QUANTITY_BOUND_FACTOR = 100;

const SYSTEM_ESCALATION: Actor = { id: 'system:escalation', name: '系统督办', unit: null, roles: [] };
/** The daily pace check speaks for itself, not for a person. */
export const PACE_ACTOR: Actor = { id: 'system:pace', name: '序时进度检查', unit: null, roles: [] };

/** A task as launched (version 1, in progress, deadline from the plan). */
export function newTaskState(task: ResolvedTask): TaskState {
  return {
    task: cloneJson(task),
    status: 'in-progress',
    deadline: task.deadline,
    originalDeadline: task.deadline,
    quantityDone: null,
    percentDone: null,
    lastReport: null,
    reportCount: 0,
    submittedAt: null,
    submission: null,
    acceptedAt: null,
    acceptance: null,
    returnCount: 0,
    lastReturnReason: null,
    extensions: [],
    paused: null,
    pausedMs: 0,
    firedLevels: [],
    awaitingLeader: [],
    paceWarnedAt: null,
    behindPace: false,
    closedAt: null,
    version: 1,
  };
}

/**
 * Whether a step is legal now and what it changes (process legality only; who may take it is the
 * API's per-object check). Codes: TASK_CLOSED, CAMPAIGN_PAUSED, NOT_IN_PROGRESS, NOT_SUBMITTED,
 * ALREADY_ACCEPTED, QUANTITY_INVALID (negative, or above a sane bound), PERCENT_INVALID, REASON_REQUIRED,
 * NARRATIVE_REQUIRED, DEADLINE_NOT_LATER (an extension must move the deadline later), DEADLINE_INVALID,
 * DEADLINE_PASSED (an extension after the deadline, under `rules.extendOnlyBeforeDeadline`),
 * and for a leader's decision LEADERSHIP_ONLY, NOTHING_TO_DECIDE (the level awaits no decision),
 * DECISION_REQUIRED. A decision clears its level from `awaitingLeader`; acceptance, an extension,
 * a changed plan deadline and the campaign's close clear every level (nothing is left to decide).
 * report-progress keeps the highest-version report; accepting records a sign-off.
 *
 * Checks run in this order: closed, paused, already accepted (every command on an accepted task is
 * refused with ALREADY_ACCEPTED), then the command's own state and input. Progress is reported only
 * while the task is in progress (a submitted task waits for acceptance or return). A task whose
 * progress is linked to a ledger or a programme reports a narrative and evidence only: its numbers
 * come from the linked read model.
 */
/** Rules that changed while tasks ran: a workflow replaying an older history passes the old ones. */
export interface TaskRules {
  /**
   * An extension is granted before the deadline only (as a ledger item's is asked for): after it,
   * DEADLINE_PASSED. Histories from before this rule pass false.
   */
  extendOnlyBeforeDeadline: boolean;
}
export const TASK_RULES: TaskRules = { extendOnlyBeforeDeadline: true };

export function decideTask(
  state: TaskState,
  command: TaskCommand,
  actor: Actor,
  now: string,
  rules: TaskRules = TASK_RULES,
): TaskDecision {
  const draft = beginDecision(state, command, actor, now);
  if (!draft.ok) return draft;
  if (state.closedAt) return refuse('TASK_CLOSED', '攻坚行动已结束，该任务不能再办理');
  if (state.paused) return refuse('CAMPAIGN_PAUSED', '攻坚行动已暂停，恢复后才能办理');
  if (state.status === 'accepted') return refuse('ALREADY_ACCEPTED', '该任务已验收完成');

  const { next, taken: ok } = draft;
  const statusLabel = TASK_STATUS_LABELS[state.status];

  switch (command.type) {
    case 'report-progress': {
      if (state.status !== 'in-progress')
        return refuse('NOT_IN_PROGRESS', `当前状态为「${statusLabel}」，不能上报进度`);
      const narrative = command.narrative?.trim() ?? '';
      if (narrative === '') return refuse('NARRATIVE_REQUIRED', '请填写进展情况');
      const task = state.task;
      const linked = task.measure !== 'reported';
      const target = task.target;
      if (linked) {
        if (command.quantityDone !== undefined)
          return refuse('QUANTITY_INVALID', '该任务进度取自关联台账或项目，不需报送完成数量');
        if (command.percentDone !== undefined)
          return refuse('PERCENT_INVALID', '该任务进度取自关联台账或项目，不需报送完成比例');
      } else if (target) {
        if (command.percentDone !== undefined)
          return refuse(
            'PERCENT_INVALID',
            `该任务有数量目标（${target.quantity} ${target.unit}），请报送完成数量`,
          );
        const quantity = command.quantityDone;
        if (quantity === undefined || !Number.isFinite(quantity) || quantity < 0)
          return refuse('QUANTITY_INVALID', '完成数量须为不小于 0 的数');
        if (quantity > target.quantity * QUANTITY_BOUND_FACTOR)
          return refuse(
            'QUANTITY_INVALID',
            `完成数量 ${quantity} 远超目标 ${target.quantity} ${target.unit}，请核实`,
          );
      } else {
        if (command.quantityDone !== undefined)
          return refuse('QUANTITY_INVALID', '该任务没有数量目标，请报送完成比例（0–100）');
        const percent = command.percentDone;
        if (percent === undefined || !Number.isFinite(percent) || percent < 0 || percent > 100)
          return refuse('PERCENT_INVALID', '完成比例须在 0 到 100 之间');
      }
      const quantityDone = linked || !target ? null : (command.quantityDone ?? null);
      const percentDone = linked || target ? null : (command.percentDone ?? null);
      if (quantityDone !== null) next.quantityDone = quantityDone;
      if (percentDone !== null) next.percentDone = percentDone;
      next.lastReport = {
        at: now,
        by: actor.id,
        unit: actor.unit,
        quantityDone,
        percentDone,
        narrative,
        evidenceIds: [...command.evidenceIds],
      };
      next.reportCount = state.reportCount + 1;
      const summary =
        quantityDone !== null && target
          ? `上报进度：完成 ${quantityDone}/${target.quantity} ${target.unit}`
          : percentDone !== null
            ? `上报进度：完成 ${percentDone}%`
            : '上报进展';
      return ok(summary, null, { quantityDone, percentDone, narrative, evidenceIds: command.evidenceIds });
    }

    case 'submit':
      if (state.status !== 'in-progress')
        return refuse('NOT_IN_PROGRESS', `当前状态为「${statusLabel}」，不能申请验收`);
      next.status = 'submitted';
      next.submittedAt = now;
      next.submission = { by: actor.id, note: command.note, evidenceIds: [...command.evidenceIds] };
      return ok('牵头单位申请验收', null, { note: command.note, evidenceIds: command.evidenceIds });

    case 'accept': {
      if (state.status !== 'submitted') return refuse('NOT_SUBMITTED', '该任务尚未申请验收，不能验收');
      next.status = 'accepted';
      next.acceptedAt = now;
      next.acceptance = signOff(actor, now, state.submission?.evidenceIds ?? [], command.note);
      // A task measured by a percentage shows 100% once accepted; a counted quantity stays as counted.
      if (!state.task.target && state.task.measure === 'reported') next.percentDone = 100;
      next.behindPace = false;
      next.awaitingLeader = [];
      return ok('指挥部验收通过', null, { note: command.note, signOff: next.acceptance });
    }

    case 'return': {
      if (state.status !== 'submitted') return refuse('NOT_SUBMITTED', '该任务尚未申请验收，不能退回');
      const reason = command.reason?.trim() ?? '';
      if (reason === '') return refuse('REASON_REQUIRED', '退回须写明理由');
      next.status = 'in-progress';
      next.submittedAt = null;
      next.submission = null;
      next.returnCount = state.returnCount + 1;
      next.lastReturnReason = reason;
      return ok(`退回：${reason}`, reason, { returnCount: next.returnCount });
    }

    case 'extend': {
      const reason = command.reason?.trim() ?? '';
      if (reason === '') return refuse('REASON_REQUIRED', '延期须写明理由');
      if (rules.extendOnlyBeforeDeadline && Date.parse(now) >= Date.parse(state.deadline))
        return refuse(
          'DEADLINE_PASSED',
          `任务期限 ${deadlineLabel(state.deadline)} 已过，不能再延期（延期须在期限届满前办理）`,
        );
      let to: Date;
      try {
        to = deadlineInstant(command.deadline);
      } catch {
        return refuse('DEADLINE_INVALID', `「${command.deadline}」不是有效的日期或时间`);
      }
      if (to.getTime() <= Date.parse(state.deadline))
        return refuse('DEADLINE_NOT_LATER', `延期后的期限须晚于现期限 ${deadlineLabel(state.deadline)}`);
      const extension = { from: state.deadline, to: to.toISOString(), reason, by: actor.id, at: now };
      next.deadline = extension.to;
      next.extensions = [...state.extensions, extension];
      next.firedLevels = []; // the ladder re-arms from the new deadline
      next.awaitingLeader = [];
      return ok(`延期至 ${deadlineLabel(extension.to)}：${reason}`, reason, {
        from: extension.from,
        to: extension.to,
      });
    }

    case 'leader-decision': {
      if (!actor.roles.includes('leadership'))
        return refuse('LEADERSHIP_ONLY', '只有领导小组成员可以作出约谈、问责决定');
      if (!awaitingLeaderOf(state).includes(command.level))
        return refuse('NOTHING_TO_DECIDE', '该级督办无需或已记录领导决定');
      const decision = command.decision?.trim() ?? '';
      if (decision === '') return refuse('DECISION_REQUIRED', '请填写领导决定');
      next.awaitingLeader = awaitingLeaderOf(state).filter((level) => level !== command.level);
      return ok(`记录领导决定：${decision}`, null, { level: command.level, decision });
    }
  }
}

/** Levels awaiting a leader's decision (none in a state from before leader decisions existed). */
export function awaitingLeaderOf(state: TaskState): number[] {
  return state.awaitingLeader ?? [];
}

/**
 * A plan change applied to a running task: new deadline re-arms the ladder; progress is kept.
 * "New deadline" means the plan's deadline for the task changed; the deadline in force then becomes
 * the plan's (an earlier extension is superseded by the new plan). When only other fields changed,
 * the deadline in force (and any extension) stays. A closed task only records the new definition.
 */
export function reviseTask(
  state: TaskState,
  task: ResolvedTask,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  const next = cloneJson(state);
  next.version = state.version + 1;
  next.task = cloneJson(task);
  const deadlineChanged = Date.parse(task.deadline) !== Date.parse(state.task.deadline);
  if (deadlineChanged && !state.closedAt) {
    next.deadline = task.deadline;
    next.firedLevels = [];
    next.awaitingLeader = [];
  }
  const summary = deadlineChanged
    ? `计划调整：期限改为 ${deadlineLabel(task.deadline)}`
    : '计划调整：任务内容变更';
  return {
    state: next,
    event: {
      type: 'revise',
      at: now,
      actor,
      summary,
      reason: reason || null,
      data: { deadlineChanged, from: state.deadline, to: next.deadline },
    },
  };
}

/**
 * The campaign's pause reaches the task: the clock stops. Pausing a paused or closed task changes
 * nothing (same state, same version: the versioned projection ignores the repeat).
 */
export function pauseTask(
  state: TaskState,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  const event: TaskEvent = {
    type: 'pause',
    at: now,
    actor,
    summary: '攻坚行动暂停，任务暂停计时',
    reason,
    data: {},
  };
  if (state.paused || state.closedAt) return { state, event };
  const next = cloneJson(state);
  next.version = state.version + 1;
  next.paused = { since: now };
  return { state: next, event };
}

/** Resuming adds the paused time to pausedMs: the ladder's steps fall due that much later. */
export function resumeTask(
  state: TaskState,
  actor: Actor,
  reason: string,
  now: string,
): { state: TaskState; event: TaskEvent } {
  if (!state.paused || state.closedAt)
    return {
      state,
      event: { type: 'resume', at: now, actor, summary: '攻坚行动恢复，任务恢复计时', reason, data: {} },
    };
  const pausedFor = Math.max(0, Date.parse(now) - Date.parse(state.paused.since));
  const next = cloneJson(state);
  next.version = state.version + 1;
  next.paused = null;
  next.pausedMs = state.pausedMs + pausedFor;
  return {
    state: next,
    event: {
      type: 'resume',
      at: now,
      actor,
      summary: '攻坚行动恢复，任务恢复计时',
      reason,
      data: { pausedMs: pausedFor },
    },
  };
}

/** The campaign closed: the task takes no further step; its status (accepted or not) is kept. A pause in progress ends. */
export function closeTask(
  state: TaskState,
  actor: Actor,
  now: string,
): { state: TaskState; event: TaskEvent } {
  const summary = state.status === 'accepted' ? '攻坚行动结束（任务已完成）' : '攻坚行动结束（任务未完成）';
  const event: TaskEvent = {
    type: 'close',
    at: now,
    actor,
    summary,
    reason: null,
    data: { status: state.status },
  };
  if (state.closedAt) return { state, event };
  const next = cloneJson(state);
  next.version = state.version + 1;
  next.closedAt = now;
  next.awaitingLeader = [];
  if (state.paused) {
    next.pausedMs = state.pausedMs + Math.max(0, Date.parse(now) - Date.parse(state.paused.since));
    next.paused = null;
  }
  return { state: next, event };
}

/**
 * The next ladder step for a task not yet accepted, counting from its deadline (plus paused time);
 * none when accepted, closed or paused. A submitted task is still escalated: it is not done until the
 * command center accepts it, and a submission cannot stop the clock (else submitting anything would).
 * Every step anchors on the one deadline (basic and full are the same instant for a task).
 */
export function nextTaskEscalation(
  state: TaskState,
  ladder: readonly EscalationStep[],
): { step: EscalationStep; dueAt: Date } | undefined {
  if (state.status === 'accepted' || state.closedAt || state.paused) return undefined;
  const deadline = new Date(state.deadline);
  return nextStep(ladder, { basic: deadline, full: deadline }, state.firedLevels, state.pausedMs);
}

/**
 * The step of the ladder firing: recorded on the state and the timeline (`触发「黄牌预警」`), with the
 * steps it passes over (`catchUpTaskEscalation`) counted as fired, no leader's decision owed for them.
 */
export function fireTaskEscalation(
  state: TaskState,
  step: EscalationStep,
  now: string,
  passedOver: readonly EscalationStep[] = [],
): { state: TaskState; event: TaskEvent } {
  const next = cloneJson(state);
  next.version = state.version + 1;
  const passed = passedOverRecord(passedOver, state.firedLevels);
  if (passed.levels.length > 0) next.firedLevels = [...next.firedLevels, ...passed.levels];
  if (!next.firedLevels.includes(step.level)) next.firedLevels = [...next.firedLevels, step.level];
  const awaiting = awaitingLeaderOf(state);
  if (step.leaderMustAct && !awaiting.includes(step.level)) next.awaitingLeader = [...awaiting, step.level];
  return {
    state: next,
    event: {
      type: 'escalate',
      at: now,
      actor: SYSTEM_ESCALATION,
      summary: `触发「${step.label}」${passed.note}`,
      reason: null,
      data: {
        level: step.level,
        kind: step.kind,
        label: step.label,
        audience: step.audience,
        leaderMustAct: step.leaderMustAct,
        notice: step.notice,
        deadline: state.deadline,
        ...passed.data,
      },
    },
  };
}

/**
 * What a task woken after several of its ladder steps fell due fires (after the worker was down, or
 * with a plan's ladder that puts two steps at the same offset): the ladder's catch-up rule
 * (`catchUp`), the highest passed step, and the levels below it passed over.
 */
export function catchUpTaskEscalation(
  state: TaskState,
  ladder: readonly EscalationStep[],
  now: Date,
): { passedOver: number[]; fire: EscalationStep | null } {
  const next = (firedLevels: readonly number[]) =>
    nextTaskEscalation({ ...state, firedLevels: [...firedLevels] }, ladder);
  return catchUp(stepsPassedBy(next, state.firedLevels, now));
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * A pace check's finding as a step of the task (`pace-warning`, by `PACE_ACTOR`): whether it is
 * behind, and — when a warning goes out — when it last went out (at most one a week, see
 * `mayWarnPace`). `expected` is the expected share (0..1), `actualPercent` the measured percentage;
 * the event shows both and the gap in percentage points, one decimal.
 */
export function recordPace(
  state: TaskState,
  reading: { expected: number; actualPercent: number; at: string; behind: boolean; warned: boolean },
): { state: TaskState; event: TaskEvent } {
  const expectedPercent = oneDecimal(reading.expected * 100);
  const actualPercent = oneDecimal(reading.actualPercent);
  const gap = oneDecimal(paceGap(reading.expected, reading.actualPercent));
  return {
    state: {
      ...state,
      behindPace: reading.behind,
      paceWarnedAt: reading.warned ? reading.at : state.paceWarnedAt,
      version: state.version + 1,
    },
    event: {
      type: 'pace-warning',
      at: reading.at,
      actor: PACE_ACTOR,
      summary: reading.behind
        ? `落后序时进度 ${gap} 个百分点（应完成 ${expectedPercent}%，实际 ${actualPercent}%）`
        : `已赶上序时进度（应完成 ${expectedPercent}%，实际 ${actualPercent}%）`,
      reason: null,
      data: { behind: reading.behind, warned: reading.warned, expectedPercent, actualPercent, gap },
    },
  };
}

/** The task's escalation level (highest fired step, 0 none). */
export function taskEscalationLevel(state: TaskState): number {
  return escalationLevel(state.firedLevels);
}

/**
 * A deadline as people say it (the deadline display rule, ../time/deadline-display): "2018-06-30"
 * is stored as 2018-07-01T00:00+08:00 and shown as 2018-06-30; any other instant with its CST time.
 */
export function deadlineLabel(iso: string): string {
  return showDeadline(iso);
}
