import { escalationLevel, nextStep, passedOverRecord, type EscalationStep } from '../escalation/ladder';
import { signOff, type SignOff } from '../sign-off/sign-off';
import { beginDecision, cloneJson, refuse as refuseWith, type ProcessDecision } from '../process/decision';
import type { Actor } from '../process/actor';
import type { TimelineEvent } from '../process/timeline';

/**
 * The life of one rectification item (问题整改), as pure rules: which step is legal in which state,
 * and what it changes. The item workflow applies them; update validators use them to refuse an
 * illegal step before anything is written.
 */
export const ITEM_STATUSES = ['rectifying', 'basic-done', 'submitted', 'closed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  rectifying: '整改中',
  'basic-done': '基本整改到位',
  submitted: '待验收销号',
  closed: '已销号',
};

export interface ItemState {
  status: ItemStatus;
  /** Working deadlines (ISO instants); an approved extension moves them. */
  deadlines: { basic: string; full: string };
  /** As registered: on-time statistics also report against these. */
  originalDeadlines: { basic: string; full: string };
  responsibleUnit: string;
  responsiblePersonId: string;
  verifierId: string;
  basicDoneAt: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  pendingExtension: {
    newBasic: string | null;
    newFull: string;
    reason: string;
    requestedBy: string;
    requestedAt: string;
  } | null;
  extensionsApproved: number;
  paused: { since: string; reason: string } | null;
  pausedMs: number;
  reopenCount: number;
  rejectionCount: number;
  /** Ladder levels fired since the deadlines were last set. */
  firedLevels: number[];
  /** Levels whose step a leader must still act on. */
  awaitingLeader: number[];
  /** Evidence attached so far (ids); a close-out records what the verifier saw. */
  evidenceIds?: string[];
  /** The verifier's sign-off that closed the item (销号). */
  closeOut?: SignOff | null;
  /** Bumped by every change: the read model keeps the highest version it has seen. */
  version: number;
}

export type ItemCommand =
  | { type: 'record-progress'; note: string }
  | { type: 'attach-evidence'; evidenceId: string; fileName: string; sha256: string }
  | { type: 'mark-basic-done'; note: string }
  | { type: 'submit'; note: string }
  | { type: 'accept'; note: string }
  | { type: 'reject'; reason: string }
  | { type: 'reassign'; personId: string; personName: string; reason: string }
  | { type: 'request-extension'; newBasic: string | null; newFull: string; reason: string }
  | { type: 'decide-extension'; approve: boolean; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'reopen'; reason: string; newBasic: string | null; newFull: string | null }
  | { type: 'leader-decision'; level: number; decision: string };

export type ItemCommandType = ItemCommand['type'];

export type Decision = ProcessDecision<ItemState>;

/**
 * The codes an item's step is refused with, besides UNSTORABLE_TEXT (text Postgres cannot store):
 * the update answers 409 with the code and the reason.
 */
export const ITEM_REFUSAL_CODES = [
  'ITEM_CLOSED',
  'NOT_RECTIFYING',
  'CANNOT_SUBMIT',
  'NOT_SUBMITTED',
  'SAME_PERSON',
  'EXTENSION_PENDING',
  'DEADLINE_PASSED',
  'NOT_LATER',
  'BASIC_AFTER_FULL',
  'NO_EXTENSION_PENDING',
  'ALREADY_PAUSED',
  'NOT_PAUSED',
  'NOT_CLOSED',
  'NOTHING_TO_DECIDE',
] as const;

export type ItemRefusalCode = (typeof ITEM_REFUSAL_CODES)[number];

const refuse = (code: ItemRefusalCode, reason: string) => refuseWith(code, reason);

/** Initial state of a newly registered item. */
export function newItemState(input: {
  deadlines: { basic: string; full: string };
  responsibleUnit: string;
  responsiblePersonId: string;
  verifierId: string;
}): ItemState {
  return {
    status: 'rectifying',
    deadlines: { ...input.deadlines },
    originalDeadlines: { ...input.deadlines },
    responsibleUnit: input.responsibleUnit,
    responsiblePersonId: input.responsiblePersonId,
    verifierId: input.verifierId,
    basicDoneAt: null,
    submittedAt: null,
    closedAt: null,
    pendingExtension: null,
    extensionsApproved: 0,
    paused: null,
    pausedMs: 0,
    reopenCount: 0,
    rejectionCount: 0,
    firedLevels: [],
    awaitingLeader: [],
    evidenceIds: [],
    closeOut: null,
    version: 1,
  };
}

/** Decides a command against the current state at `now` (an ISO instant). Never mutates `state`. */
export function decide(state: ItemState, command: ItemCommand, actor: Actor, now: string): Decision {
  const draft = beginDecision(state, command, actor, now);
  if (!draft.ok) return draft;
  const { next, taken: ok } = draft;
  const open = state.status !== 'closed';

  switch (command.type) {
    case 'record-progress':
      if (!open) return refuse('ITEM_CLOSED', '该问题已销号，不能再报送进展');
      return ok('报送整改进展', null, { note: command.note });

    case 'attach-evidence':
      if (!open) return refuse('ITEM_CLOSED', '该问题已销号，不能再上传佐证材料');
      next.evidenceIds = [...(state.evidenceIds ?? []), command.evidenceId];
      return ok(`上传佐证材料「${command.fileName}」`, null, {
        evidenceId: command.evidenceId,
        fileName: command.fileName,
        sha256: command.sha256,
      });

    case 'mark-basic-done':
      if (state.status !== 'rectifying')
        return refuse(
          'NOT_RECTIFYING',
          `当前状态为「${ITEM_STATUS_LABELS[state.status]}」，不能标记基本整改到位`,
        );
      next.status = 'basic-done';
      next.basicDoneAt = now;
      return ok('标记基本整改到位', null, { note: command.note });

    case 'submit':
      if (state.status !== 'rectifying' && state.status !== 'basic-done') {
        return refuse('CANNOT_SUBMIT', `当前状态为「${ITEM_STATUS_LABELS[state.status]}」，不能提交销号申请`);
      }
      next.status = 'submitted';
      next.submittedAt = now;
      return ok('提交销号申请', null, { note: command.note });

    case 'accept':
      if (state.status !== 'submitted')
        return refuse('NOT_SUBMITTED', '该问题尚未提交销号申请，不能验收销号');
      next.status = 'closed';
      next.closedAt = now;
      next.paused = null;
      next.pendingExtension = null;
      next.awaitingLeader = [];
      next.closeOut = signOff(actor, now, state.evidenceIds ?? [], command.note);
      return ok('验收通过，予以销号', null, { note: command.note, signOff: next.closeOut });

    case 'reject':
      if (state.status !== 'submitted') return refuse('NOT_SUBMITTED', '该问题尚未提交销号申请，不能退回');
      next.status = state.basicDoneAt ? 'basic-done' : 'rectifying';
      next.submittedAt = null;
      next.rejectionCount += 1;
      return ok('验收未通过，退回整改', command.reason);

    case 'reassign':
      if (!open) return refuse('ITEM_CLOSED', '该问题已销号，不能更换责任人');
      if (command.personId === state.responsiblePersonId)
        return refuse('SAME_PERSON', '新责任人与现责任人相同');
      next.responsiblePersonId = command.personId;
      return ok(`责任人变更为 ${command.personName}`, command.reason, {
        from: state.responsiblePersonId,
        to: command.personId,
      });

    case 'request-extension': {
      if (!open) return refuse('ITEM_CLOSED', '该问题已销号，不能申请延期');
      if (state.pendingExtension) return refuse('EXTENSION_PENDING', '已有延期申请待审批');
      if (Date.parse(now) >= effectiveDeadline(state, 'full'))
        return refuse('DEADLINE_PASSED', '整改期限已过，不能再申请延期');
      if (Date.parse(command.newFull) <= Date.parse(state.deadlines.full))
        return refuse('NOT_LATER', '延期后的期限必须晚于现期限');
      if (command.newBasic && Date.parse(command.newBasic) > Date.parse(command.newFull)) {
        return refuse('BASIC_AFTER_FULL', '基本整改期限不能晚于全面整改期限');
      }
      next.pendingExtension = {
        newBasic: command.newBasic,
        newFull: command.newFull,
        reason: command.reason,
        requestedBy: actor.id,
        requestedAt: now,
      };
      return ok('申请延期', command.reason, { newBasic: command.newBasic, newFull: command.newFull });
    }

    case 'decide-extension': {
      const pending = state.pendingExtension;
      if (!pending) return refuse('NO_EXTENSION_PENDING', '没有待审批的延期申请');
      next.pendingExtension = null;
      if (!command.approve) return ok('延期申请未获批准', command.reason);
      next.deadlines = { basic: pending.newBasic ?? state.deadlines.basic, full: pending.newFull };
      next.extensionsApproved += 1;
      next.firedLevels = []; // escalations re-arm from the new deadlines
      next.awaitingLeader = [];
      return ok('批准延期', command.reason, { deadlines: next.deadlines });
    }

    case 'pause':
      if (!open) return refuse('ITEM_CLOSED', '该问题已销号，不能暂停计时');
      if (state.paused) return refuse('ALREADY_PAUSED', '计时已暂停');
      next.paused = { since: now, reason: command.reason };
      return ok('暂停计时', command.reason);

    case 'resume': {
      if (!state.paused) return refuse('NOT_PAUSED', '计时未暂停');
      const pausedFor = Math.max(0, Date.parse(now) - Date.parse(state.paused.since));
      next.pausedMs += pausedFor;
      next.paused = null;
      return ok('恢复计时', command.reason, { pausedMs: pausedFor });
    }

    case 'reopen':
      if (state.status !== 'closed') return refuse('NOT_CLOSED', '只有已销号的问题才能回头看重新打开');
      next.status = 'rectifying';
      next.closedAt = null;
      next.closeOut = null;
      next.submittedAt = null;
      next.basicDoneAt = null;
      next.reopenCount += 1;
      if (command.newFull) {
        next.deadlines = { basic: command.newBasic ?? command.newFull, full: command.newFull };
        next.firedLevels = [];
      }
      return ok('回头看：重新打开整改', command.reason, { deadlines: next.deadlines });

    case 'leader-decision':
      if (!state.awaitingLeader.includes(command.level))
        return refuse('NOTHING_TO_DECIDE', '该级督办无需或已记录领导决定');
      next.awaitingLeader = state.awaitingLeader.filter((level) => level !== command.level);
      return ok('记录领导决定', null, { level: command.level, decision: command.decision });
  }
}

/**
 * The step of the ladder firing: recorded on the state and the timeline, with the steps it passes
 * over (`catchUpEscalation`) counted as fired, no notice and no leader's decision owed for them.
 */
export function fireEscalation(
  state: ItemState,
  step: EscalationStep,
  now: string,
  passedOver: readonly EscalationStep[] = [],
): { state: ItemState; event: TimelineEvent } {
  const next: ItemState = cloneJson(state);
  next.version = state.version + 1;
  const passed = passedOverRecord(passedOver, state.firedLevels);
  next.firedLevels = [...state.firedLevels, ...passed.levels, step.level];
  if (step.leaderMustAct) next.awaitingLeader = [...state.awaitingLeader, step.level];
  return {
    state: next,
    event: {
      type: 'escalation',
      at: now,
      actor: { id: 'system:escalation', name: '系统督办', unit: null, roles: [] },
      summary: `${step.label}（${step.notice.kind}）${passed.note}`,
      reason: null,
      data: {
        level: step.level,
        kind: step.kind,
        notice: step.notice,
        leaderMustAct: step.leaderMustAct,
        ...passed.data,
      },
    },
  };
}

/** What the deadline rules read of an item's state (lists read only this part of it). */
export type ItemClock = Pick<ItemState, 'status' | 'deadlines' | 'pausedMs'> & {
  paused: { since: string } | null;
};

/** A deadline with paused time added (and the current pause, if any, counted up to `now`). */
export function effectiveDeadline(state: ItemClock, which: 'basic' | 'full', now?: string): number {
  const running = state.paused && now ? Math.max(0, Date.parse(now) - Date.parse(state.paused.since)) : 0;
  return Date.parse(state.deadlines[which]) + state.pausedMs + running;
}

/** Overdue: open, not paused, and past its working full deadline (paused time excluded). */
export function isOverdue(state: ItemClock, now: string): boolean {
  return state.status !== 'closed' && !state.paused && Date.parse(now) > effectiveDeadline(state, 'full');
}

/** Closed on time against the working deadline, and against the original one. */
export function closedOnTime(state: ItemState): { working: boolean; original: boolean } | null {
  if (!state.closedAt) return null;
  const closed = Date.parse(state.closedAt);
  return {
    working: closed <= effectiveDeadline(state, 'full'),
    original: closed <= Date.parse(state.originalDeadlines.full) + state.pausedMs,
  };
}

export function currentEscalationLevel(state: ItemState): number {
  return escalationLevel(state.firedLevels);
}

/**
 * The next escalation due for the item, if any: none while it is closed, paused or awaiting
 * verification; steps counted from the basic deadline stop once basic rectification is reported.
 */
export function nextEscalation(
  ladder: readonly EscalationStep[],
  state: ItemState,
): { step: EscalationStep; dueAt: Date } | undefined {
  if (state.paused || state.status === 'closed' || state.status === 'submitted') return undefined;
  const applicable = ladder.filter((step) => step.anchor === 'full' || state.status === 'rectifying');
  const deadlines = { basic: new Date(state.deadlines.basic), full: new Date(state.deadlines.full) };
  return nextStep(applicable, deadlines, state.firedLevels, state.pausedMs);
}
