import { cstDate, cstDayStart } from '../time/china-time';
import { addIsoDuration } from '../time/iso-duration';
import { missingParties, partyFor, signOff, type SignOff, type SigningParty } from '../sign-off/sign-off';
import type { Actor } from '../process/actor';
import type { TimelineEvent } from '../process/timeline';
import {
  APPROVAL_LEVEL_LABELS,
  APPROVAL_LEVELS,
  HOUSE_RATINGS,
  STAGE_LABELS,
  type ApprovalLevel,
  type HouseholdStage,
  type HouseRating,
} from './household-stages';
import { beginDecision, cloneJson, refuse as refuseWith, type ProcessDecision } from '../process/decision';

/**
 * The life of one household's repair (危房改造), as pure rules: which step is legal in which stage
 * and what it changes. The household workflow applies them; its update validator refuses illegal
 * steps with these reasons before anything is written.
 */
export interface Objection {
  id: string;
  text: string;
  level: ApprovalLevel;
  filedAt: string;
  filedBy: string;
  status: 'open' | 'dismissed' | 'upheld';
  resolution: string | null;
}

export interface PaymentState {
  /** Each attempt has its own idempotency key; a refused attempt is retried as a new one. */
  attempt: number;
  status: 'paying' | 'paid' | 'refused';
  transactionId: string | null;
  refusedReason: string | null;
}

export interface EvidenceRef {
  id: string;
  fileName: string;
  sha256: string;
  stage: HouseholdStage;
}

export interface FiredEscalation {
  track: EscalationTrack;
  /** The instant the track counted from when the step fired: a new anchor re-arms the ladder. */
  anchorAt: string;
  level: number;
}

export type EscalationTrack = 'deadline' | 'stall' | 'payment';

export interface HouseholdState {
  stage: HouseholdStage;
  stageEnteredAt: string;
  lastProgressAt: string;
  houseRating: HouseRating;
  approval: {
    level: ApprovalLevel;
    /** Public notice after approval at `level`; the level passes when it ends with no open objection. */
    notice: { startedAt: string; endsAt: string } | null;
    objections: Objection[];
  } | null;
  acceptanceSignatures: SignOff[];
  payment: PaymentState | null;
  startedAt: string | null;
  completedAt: string | null;
  acceptedAt: string | null;
  paidAt: string | null;
  movedInAt: string | null;
  withdrawn: { at: string; reason: string; fromStage: HouseholdStage } | null;
  rejections: number;
  evidence: EvidenceRef[];
  escalations: FiredEscalation[];
  /** Bumped by every change: the read model keeps the highest version it has seen. */
  version: number;
}

/** Who decides at each approval level and who signs acceptance, for this household. */
export interface HouseholdParties {
  approvers: Record<ApprovalLevel, string>;
  acceptance: SigningParty[];
  noticePeriods: Record<ApprovalLevel, string | null>;
}

type StepNote = { note: string; evidenceIds: string[] };
/**
 * A milestone recorded later says the day it happened: a date (YYYY-MM-DD) in China Standard
 * Time. See `milestoneAt` for what it sets and what is refused.
 */
type Dated = { occurredOn?: string };
export type HouseholdCommand =
  | ({ type: 'record-appraisal'; rating: string } & StepNote & Dated)
  | ({ type: 'approve' } & StepNote)
  | { type: 'reject'; reason: string }
  | { type: 'file-objection'; objection: string }
  | { type: 'resolve-objection'; objectionId: string; upheld: boolean; reason: string }
  | ({ type: 'record-start' } & StepNote & Dated)
  | ({ type: 'record-completion' } & StepNote & Dated)
  | ({ type: 'sign-acceptance' } & StepNote)
  | ({ type: 'record-move-in' } & StepNote & Dated)
  | { type: 'attach-evidence'; evidenceId: string; fileName: string; sha256: string }
  | { type: 'retry-payment'; reason: string }
  | { type: 'withdraw'; reason: string };
export type HouseholdCommandType = HouseholdCommand['type'];

export const HOUSEHOLD_COMMAND_TYPES: HouseholdCommandType[] = [
  'record-appraisal',
  'approve',
  'reject',
  'file-objection',
  'resolve-objection',
  'record-start',
  'record-completion',
  'sign-acceptance',
  'record-move-in',
  'attach-evidence',
  'retry-payment',
  'withdraw',
];

export type HouseholdDecision = ProcessDecision<HouseholdState>;

export function newHouseholdState(houseRating: HouseRating, now: string): HouseholdState {
  return {
    stage: 'appraisal',
    stageEnteredAt: now,
    lastProgressAt: now,
    houseRating,
    approval: null,
    acceptanceSignatures: [],
    payment: null,
    startedAt: null,
    completedAt: null,
    acceptedAt: null,
    paidAt: null,
    movedInAt: null,
    withdrawn: null,
    rejections: 0,
    evidence: [],
    escalations: [],
    version: 1,
  };
}

const clone = (state: HouseholdState): HouseholdState => cloneJson(state);

function enter(next: HouseholdState, stage: HouseholdStage, now: string): void {
  next.stage = stage;
  next.stageEnteredAt = now;
  next.lastProgressAt = now;
  if (stage !== 'approval') next.approval = null;
  if (stage === 'approval' && !next.approval)
    next.approval = { level: 'village', notice: null, objections: [] };
  // A new round of acceptance starts unsigned; once accepted, the two signatures stay on record.
  if (stage === 'acceptance') next.acceptanceSignatures = [];
}

/** Moves approval past its current level: the next level, or construction once the county approved. */
function passLevel(next: HouseholdState, now: string): string {
  const approval = next.approval!;
  const passed = approval.level;
  const following = APPROVAL_LEVELS[APPROVAL_LEVELS.indexOf(passed) + 1];
  if (!following) {
    enter(next, 'construction-start', now);
    return `${APPROVAL_LEVEL_LABELS[passed]}通过，审批完成，可以开工`;
  }
  next.approval = { level: following, notice: null, objections: approval.objections };
  next.lastProgressAt = now;
  return `${APPROVAL_LEVEL_LABELS[passed]}通过，转${APPROVAL_LEVEL_LABELS[following]}`;
}

/** The steps that may carry `occurredOn`: each records a milestone of the household. */
export const DATED_COMMAND_TYPES: HouseholdCommandType[] = [
  'record-appraisal',
  'record-start',
  'record-completion',
  'record-move-in',
];

/**
 * The instant a milestone happened, for a step recorded at `now`. Without `occurredOn` it is `now`.
 * With it (a CST date): `now` if that is today in CST; for an earlier day, the start of that day
 * in CST, or the previous milestone's instant if that fell later on the same day, so milestones
 * never run backwards. Either way the instant lies on `occurredOn` in CST, and a report by month
 * counts it in that date's month. Refused: a malformed date, a day after today (CST), and a day
 * before the day of the previous milestone (`after`, when there is one).
 */
function milestoneAt(
  occurredOn: string | undefined,
  now: string,
  after: { at: string; what: string } | null,
): { ok: true; at: string } | { ok: false; code: string; reason: string } {
  if (occurredOn === undefined) return { ok: true, at: now };
  let dayStart: Date;
  try {
    dayStart = cstDayStart(occurredOn);
  } catch {
    return refuseDate(`发生日期 ${occurredOn} 无效：须为日期，格式 YYYY-MM-DD`);
  }
  const today = cstDate(new Date(now));
  if (occurredOn > today)
    return refuseDate(`发生日期 ${occurredOn} 晚于今天（${today}），不能登记尚未发生的事`);
  if (occurredOn === today) return { ok: true, at: now };
  if (after) {
    const previousDay = cstDate(new Date(after.at));
    if (occurredOn < previousDay)
      return refuseDate(`发生日期 ${occurredOn} 早于${after.what}的日期（${previousDay}）`);
    if (occurredOn === previousDay && Date.parse(after.at) > dayStart.getTime())
      return { ok: true, at: new Date(Date.parse(after.at)).toISOString() };
  }
  return { ok: true, at: dayStart.toISOString() };
}

/**
 * The codes a household's step is refused with, besides the shared ILLEGAL_STEP (a step its stage
 * does not take) and UNSTORABLE_TEXT: the update answers 409 with the code and the reason.
 */
export const HOUSEHOLD_REFUSAL_CODES = [
  'FINISHED',
  'WITHDRAWN',
  'UNKNOWN_EVIDENCE',
  'NOT_DANGEROUS',
  'NOTICE_RUNNING',
  'NOT_ACCEPTANCE_PARTY',
  'NO_NOTICE',
  'NO_SUCH_OBJECTION',
  'NOT_APPROVER',
  'DUPLICATE_EVIDENCE',
  'PAYMENT_NOT_REFUSED',
  'TOO_LATE_TO_WITHDRAW',
  'BAD_OCCURRED_ON',
] as const;

export type HouseholdRefusalCode = (typeof HOUSEHOLD_REFUSAL_CODES)[number];

const refuse = (code: HouseholdRefusalCode | 'ILLEGAL_STEP', reason: string) => refuseWith(code, reason);

const refuseDate = (reason: string) => refuse('BAD_OCCURRED_ON', reason);

const openObjections = (state: HouseholdState) =>
  state.approval?.objections.filter((o) => o.status === 'open') ?? [];

/** Decides a person's step against the current state at `now` (ISO). Never mutates `state`. */
export function decideHousehold(
  state: HouseholdState,
  command: HouseholdCommand,
  actor: Actor,
  parties: HouseholdParties,
  now: string,
): HouseholdDecision {
  const draft = beginDecision(state, command, actor, now, (data, next) => ({ stage: next.stage, ...data }));
  if (!draft.ok) return draft;
  const { next, taken: ok } = draft;
  const stageIs = (stage: HouseholdStage) => state.stage === stage;
  const wrongStage = (what: string) =>
    refuse('ILLEGAL_STEP', `当前处于「${STAGE_LABELS[state.stage]}」阶段，不能${what}`);
  if (state.stage === 'moved-in') return refuse('FINISHED', '该户已入住，改造已完成');
  if (state.stage === 'withdrawn')
    return refuse(
      'WITHDRAWN',
      `该户已于 ${state.withdrawn?.at.slice(0, 10)} 退出改造：${state.withdrawn?.reason}`,
    );
  if ('evidenceIds' in command) {
    const unknown = command.evidenceIds.filter((id) => !state.evidence.some((e) => e.id === id));
    if (unknown.length > 0) return refuse('UNKNOWN_EVIDENCE', `佐证材料 ${unknown.join('、')} 未上传到该户`);
  }
  const evidence = 'evidenceIds' in command ? { note: command.note, evidenceIds: command.evidenceIds } : {};
  // A dated step carries its date in the event; the event itself stays at `now`, when it was recorded.
  const occurredOn = 'occurredOn' in command && command.occurredOn !== undefined ? command.occurredOn : null;
  const dated = occurredOn === null ? {} : { occurredOn };
  const on = (summary: string) => (occurredOn === null ? summary : `${summary}（发生于 ${occurredOn}）`);

  switch (command.type) {
    case 'record-appraisal': {
      if (!stageIs('appraisal')) return wrongStage('登记危房鉴定');
      if (!(HOUSE_RATINGS as readonly string[]).includes(command.rating))
        return refuse(
          'NOT_DANGEROUS',
          `鉴定为 ${command.rating} 级的房屋不属于危房改造对象（须为 C 级或 D 级），请办理退出`,
        );
      // No appraisal date is kept, so the date goes on the event only. A re-appraisal cannot
      // predate the rejection that sent the household back; the first one has nothing before it.
      const appraised = milestoneAt(
        command.occurredOn,
        now,
        state.rejections > 0 ? { at: state.stageEnteredAt, what: '退回危房鉴定' } : null,
      );
      if (!appraised.ok) return appraised;
      next.houseRating = command.rating as HouseRating;
      enter(next, 'approval', now);
      return ok(on(`危房鉴定为 ${command.rating} 级，进入审核审批`), null, {
        rating: command.rating,
        ...evidence,
        ...dated,
      });
    }
    case 'approve': {
      if (!stageIs('approval')) return wrongStage('审批');
      const approval = state.approval!;
      if (actor.unit !== parties.approvers[approval.level])
        return refuse(
          'NOT_APPROVER',
          `${APPROVAL_LEVEL_LABELS[approval.level]}须由单位 ${parties.approvers[approval.level]} 办理`,
        );
      if (approval.notice)
        return refuse(
          'NOTICE_RUNNING',
          `${APPROVAL_LEVEL_LABELS[approval.level]}已通过，正在公示，公示期满前不能进入下一级`,
        );
      const period = parties.noticePeriods[approval.level];
      if (period) {
        const endsAt = addIsoDuration(new Date(now), period).toISOString();
        next.approval = { ...approval, notice: { startedAt: now, endsAt } };
        next.lastProgressAt = now;
        return ok(`${APPROVAL_LEVEL_LABELS[approval.level]}通过，公示至 ${endsAt}`, null, {
          level: approval.level,
          noticeEndsAt: endsAt,
          ...evidence,
        });
      }
      return ok(passLevel(next, now), null, { level: approval.level, ...evidence });
    }
    case 'reject': {
      if (stageIs('approval')) {
        const level = state.approval!.level;
        if (actor.unit !== parties.approvers[level])
          return refuse(
            'NOT_APPROVER',
            `${APPROVAL_LEVEL_LABELS[level]}须由单位 ${parties.approvers[level]} 办理`,
          );
        enter(next, 'appraisal', now);
        next.rejections++;
        return ok(`${APPROVAL_LEVEL_LABELS[level]}未通过，退回危房鉴定`, command.reason, { level });
      }
      if (stageIs('acceptance')) {
        if (!parties.acceptance.some((party) => party.unit === actor.unit))
          return refuse('NOT_ACCEPTANCE_PARTY', '只有验收双方（县住建局、乡镇）可以退回验收');
        enter(next, 'construction', now);
        next.acceptanceSignatures = [];
        next.completedAt = null;
        next.rejections++;
        return ok('竣工验收未通过，退回施工整改', command.reason);
      }
      return wrongStage('退回');
    }
    case 'file-objection': {
      const notice = state.approval?.notice;
      if (!stageIs('approval') || !notice || now >= notice.endsAt)
        return refuse('NO_NOTICE', '当前不在公示期内，不能登记公示异议');
      const objection: Objection = {
        id: `objection-${state.approval!.objections.length + 1}`,
        text: command.objection,
        level: state.approval!.level,
        filedAt: now,
        filedBy: actor.name,
        status: 'open',
        resolution: null,
      };
      next.approval!.objections.push(objection);
      return ok(`公示期内收到异议，审批暂停`, command.objection, { objectionId: objection.id });
    }
    case 'resolve-objection': {
      const objection = openObjections(state).find((o) => o.id === command.objectionId);
      if (!stageIs('approval') || !objection)
        return refuse('NO_SUCH_OBJECTION', `没有待处理的异议 ${command.objectionId}`);
      const level = state.approval!.level;
      if (actor.unit !== parties.approvers[level])
        return refuse('NOT_APPROVER', `公示异议须由单位 ${parties.approvers[level]} 处理`);
      const resolved = next.approval!.objections.find((o) => o.id === objection.id)!;
      resolved.status = command.upheld ? 'upheld' : 'dismissed';
      resolved.resolution = command.reason;
      next.lastProgressAt = now;
      if (command.upheld) {
        enter(next, 'appraisal', now);
        next.rejections++;
        return ok('公示异议成立，审批未通过，退回危房鉴定', command.reason, { objectionId: objection.id });
      }
      const notice = state.approval!.notice!;
      if (now >= notice.endsAt && openObjections(next).length === 0) {
        return ok(`公示异议不成立；${passLevel(next, now)}`, command.reason, {
          objectionId: objection.id,
          level,
        });
      }
      return ok('公示异议不成立，继续公示', command.reason, { objectionId: objection.id });
    }
    case 'record-start': {
      if (!stageIs('construction-start')) return wrongStage('登记开工');
      // Construction may start once the county level passed: that is when this stage was entered.
      const started = milestoneAt(command.occurredOn, now, { at: state.stageEnteredAt, what: '审批通过' });
      if (!started.ok) return started;
      enter(next, 'construction', now);
      next.startedAt = started.at;
      return ok(on('开工'), null, { ...evidence, ...dated });
    }
    case 'record-completion': {
      if (!stageIs('construction')) return wrongStage('登记竣工');
      const completed = milestoneAt(command.occurredOn, now, {
        at: state.startedAt ?? state.stageEnteredAt,
        what: '开工',
      });
      if (!completed.ok) return completed;
      enter(next, 'acceptance', now);
      next.completedAt = completed.at;
      return ok(on('竣工，待验收'), null, { ...evidence, ...dated });
    }
    case 'sign-acceptance': {
      if (!stageIs('acceptance')) return wrongStage('验收签字');
      const signature = signOff(
        { id: actor.id, name: actor.name, unit: actor.unit, roles: actor.roles },
        now,
        command.evidenceIds,
        command.note,
      );
      const party = partyFor(parties.acceptance, state.acceptanceSignatures, signature);
      if (!party) {
        const missing = missingParties(parties.acceptance, state.acceptanceSignatures);
        return refuse(
          'NOT_ACCEPTANCE_PARTY',
          missing.length > 0 && parties.acceptance.some((p) => p.unit === actor.unit)
            ? `本单位已签字，尚待${missing.map((p) => p.label).join('、')}签字`
            : `验收须由${parties.acceptance.map((p) => p.label).join('和')}签字`,
        );
      }
      next.acceptanceSignatures.push(signature);
      const missing = missingParties(parties.acceptance, next.acceptanceSignatures);
      if (missing.length > 0) {
        next.lastProgressAt = now;
        return ok(`${party.label}验收签字，尚待${missing.map((p) => p.label).join('、')}签字`, null, {
          party: party.label,
          ...evidence,
        });
      }
      enter(next, 'payment', now);
      next.acceptedAt = now;
      next.payment = { attempt: 1, status: 'paying', transactionId: null, refusedReason: null };
      return ok(`${party.label}验收签字，双方签字完成，验收通过，进入资金兑付`, null, {
        party: party.label,
        ...evidence,
      });
    }
    case 'record-move-in': {
      if (!stageIs('move-in')) return wrongStage('登记入住');
      const movedIn = milestoneAt(command.occurredOn, now, {
        at: state.acceptedAt ?? state.stageEnteredAt,
        what: '验收通过',
      });
      if (!movedIn.ok) return movedIn;
      enter(next, 'moved-in', now);
      next.movedInAt = movedIn.at;
      return ok(on('已入住，改造完成'), null, { ...evidence, ...dated });
    }
    case 'attach-evidence': {
      if (state.evidence.some((e) => e.id === command.evidenceId))
        return refuse('DUPLICATE_EVIDENCE', '该佐证材料已登记');
      next.evidence.push({
        id: command.evidenceId,
        fileName: command.fileName,
        sha256: command.sha256,
        stage: state.stage,
      });
      next.lastProgressAt = now;
      return ok(`上传佐证材料 ${command.fileName}`, null, {
        evidenceId: command.evidenceId,
        sha256: command.sha256,
      });
    }
    case 'retry-payment': {
      if (!stageIs('payment') || state.payment?.status !== 'refused')
        return refuse('PAYMENT_NOT_REFUSED', '只有被支付渠道拒绝的补助才能重新发起兑付');
      next.payment = {
        attempt: state.payment.attempt + 1,
        status: 'paying',
        transactionId: null,
        refusedReason: null,
      };
      next.lastProgressAt = now;
      return ok(`重新发起补助兑付（第 ${next.payment.attempt} 次）`, command.reason, {
        attempt: next.payment.attempt,
      });
    }
    case 'withdraw': {
      if (state.stage === 'payment' || state.stage === 'move-in')
        return refuse('TOO_LATE_TO_WITHDRAW', '已验收进入资金兑付的农户不能退出');
      const fromStage = state.stage;
      enter(next, 'withdrawn', now);
      next.withdrawn = { at: now, reason: command.reason, fromStage };
      return ok(`退出危房改造（原处于「${STAGE_LABELS[fromStage]}」阶段）`, command.reason, { fromStage });
    }
  }
}

const systemActor: Actor = { id: 'system:workflow', name: '系统', unit: null, roles: [] };

/** When the running public notice ends, if nothing halts it (an open objection does). */
export function noticeEndsAt(state: HouseholdState): string | null {
  if (state.stage !== 'approval' || !state.approval?.notice) return null;
  return openObjections(state).length > 0 ? null : state.approval.notice.endsAt;
}

/** The notice period ended with no open objection: the level passes. */
export function passNotice(
  state: HouseholdState,
  now: string,
): { state: HouseholdState; event: TimelineEvent } {
  const next = clone(state);
  next.version = state.version + 1;
  const level = state.approval!.level;
  const summary = `公示期满无异议；${passLevel(next, now)}`;
  return {
    state: next,
    event: {
      type: 'notice-passed',
      at: now,
      actor: systemActor,
      summary,
      reason: null,
      data: { stage: next.stage, level },
    },
  };
}

/** The payment gateway confirmed the transfer: the household moves on to move-in. */
export function recordPayment(
  state: HouseholdState,
  payment: { transactionId: string; paidAt: string; amountFen: number },
  now: string,
): { state: HouseholdState; event: TimelineEvent } {
  const next = clone(state);
  next.version = state.version + 1;
  next.payment = { ...state.payment!, status: 'paid', transactionId: payment.transactionId };
  next.paidAt = payment.paidAt;
  enter(next, 'move-in', now);
  const yuan = (payment.amountFen / 100).toFixed(2);
  return {
    state: next,
    event: {
      type: 'subsidy-paid',
      at: now,
      actor: systemActor,
      summary: `补助资金 ${yuan} 元已兑付（交易号 ${payment.transactionId}）`,
      reason: null,
      data: { stage: next.stage, ...payment },
    },
  };
}

/** The gateway refused the transfer for good: it waits for a person to retry it, and is escalated. */
export function recordPaymentRefusal(
  state: HouseholdState,
  reason: string,
  now: string,
): { state: HouseholdState; event: TimelineEvent } {
  const next = clone(state);
  next.version = state.version + 1;
  next.payment = { ...state.payment!, status: 'refused', refusedReason: reason };
  return {
    state: next,
    event: {
      type: 'subsidy-refused',
      at: now,
      actor: systemActor,
      summary: `补助资金兑付被支付渠道拒绝（第 ${state.payment!.attempt} 次）`,
      reason,
      data: { stage: next.stage, attempt: state.payment!.attempt },
    },
  };
}
