import {
  catchUp,
  escalationLevel,
  nextStep,
  passedOverRecord,
  stepDueAt,
  stepsPassedBy,
  type EscalationStep,
} from '../escalation/ladder';
import type { Actor } from '../process/actor';
import { signOff } from '../sign-off/sign-off';
import { refuseUnstorableText } from '../text/unstorable-text';
import { addIsoDuration } from '../time/iso-duration';
import type { ResolvedPlan, WeeklyAt } from './campaign-plan';
import { CAMPAIGN_STATUS_LABELS, type CampaignState } from './campaign-process';
import { planChange } from './plan-change';
import { nextMonthlyCst, nextWeeklyCst } from '../time/china-time';

/**
 * The campaign as a whole, as pure rules (campaign-process.ts has the shapes): responsibility
 * pledges, plan versions applied while running, pause and resume, close; the pledge ladder; and the
 * durable cadence (weekly bulletin, weekly dispatch meeting, monthly report day). The campaign
 * workflow applies them; its update validator refuses an illegal step with `decideCampaign`.
 */

const SYSTEM_ESCALATION: Actor = { id: 'system:escalation', name: '系统督办', unit: null, roles: [] };

/** Every distinct unit a plan names (leads and cooperating units), in plan order: who must pledge. */
export function pledgingUnits(plan: ResolvedPlan): string[] {
  const units: string[] = [];
  for (const task of plan.tasks) {
    for (const unit of [task.lead, ...task.cooperating]) if (!units.includes(unit)) units.push(unit);
  }
  return units;
}

/** The campaign as launched now: running, pledges open for every unit, pledge deadline = now + pledgeWithin. */
export function newCampaignState(plan: ResolvedPlan, planVersion: number, now: string): CampaignState {
  return {
    status: 'running',
    planVersion,
    plan: clone(plan),
    launchedAt: now,
    pledges: pledgingUnits(plan).map((unit) => ({ unit, signOff: null })),
    pledgeDeadline: addIsoDuration(new Date(now), plan.pledgeWithin).toISOString(),
    pledgeFiredLevels: [],
    bulletinsPublished: 0,
    lastBulletinDueAt: null,
    lastDispatchDueAt: null,
    lastMonthlyDueAt: null,
    paused: null,
    pausedMs: 0,
    closedAt: null,
    closeNote: null,
    version: 1,
  };
}

export type CampaignStep =
  | { type: 'pledge'; unit: string; note: string; evidenceIds: string[] }
  | { type: 'apply-plan'; planVersion: number; plan: ResolvedPlan; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'close'; note: string };

export interface CampaignEvent {
  type: CampaignStep['type'] | 'launch' | 'pledge-escalate' | 'bulletin' | 'reminder';
  at: string;
  actor: Actor;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
}

type CampaignDecision =
  { ok: true; state: CampaignState; event: CampaignEvent } | { ok: false; code: string; reason: string };

/** The codes decideCampaign refuses a step with (the API answers them 409 with the reason). */
export const CAMPAIGN_REFUSAL_CODES = [
  'UNSTORABLE_TEXT',
  'CAMPAIGN_CLOSED',
  'NOT_PAUSED',
  'ALREADY_PAUSED',
  'NOT_PLEDGING_UNIT',
  'ALREADY_PLEDGED',
  'REASON_REQUIRED',
  'PLAN_VERSION_STALE',
  'PLAN_CHANGE_REFUSED',
] as const;
export type CampaignRefusalCode = (typeof CAMPAIGN_REFUSAL_CODES)[number];

const refuse = (code: CampaignRefusalCode, reason: string): CampaignDecision => ({ ok: false, code, reason });

/**
 * Whether a campaign-level step is legal now. Codes: UNSTORABLE_TEXT (text Postgres cannot store,
 * checked first), CAMPAIGN_CLOSED, NOT_PAUSED, ALREADY_PAUSED, NOT_PLEDGING_UNIT, ALREADY_PLEDGED,
 * REASON_REQUIRED, PLAN_VERSION_STALE (not newer than the one running), PLAN_CHANGE_REFUSED
 * (planChange problems, listed in the reason).
 *
 * - A closed campaign refuses everything. Pledges and plan changes are accepted while paused.
 * - pause and apply-plan need a reason; resume and close do not.
 * - apply-plan: units the new version names for the first time get an open pledge; when there are
 *   such units, the pledge deadline moves to at least now + pledgeWithin and the pledge ladder
 *   re-arms (one ladder covers every missing pledge, and a newly named unit deserves the full time).
 * - resume: the cadence restarts from now; bulletins and reminders that fell due while paused are
 *   not published afterwards.
 * - close ends a pause in progress (its time added to pausedMs).
 */
export function decideCampaign(
  state: CampaignState,
  step: CampaignStep,
  actor: Actor,
  now: string,
): CampaignDecision {
  const unstorable = refuseUnstorableText(step);
  if (unstorable) return unstorable;
  if (state.status === 'closed') return refuse('CAMPAIGN_CLOSED', '攻坚行动已结束');
  const next = clone(state);
  next.version = state.version + 1;
  const ok = (
    summary: string,
    reason: string | null = null,
    data: Record<string, unknown> = {},
  ): CampaignDecision => ({
    ok: true,
    state: next,
    event: { type: step.type, at: now, actor, summary, reason, data },
  });

  switch (step.type) {
    case 'pledge': {
      const index = state.pledges.findIndex((pledge) => pledge.unit === step.unit);
      if (index < 0) return refuse('NOT_PLEDGING_UNIT', `单位 ${step.unit} 不是本次攻坚行动的责任单位`);
      if (state.pledges[index].signOff) return refuse('ALREADY_PLEDGED', `单位 ${step.unit} 已签订责任状`);
      const signature = signOff({ ...actor, unit: step.unit }, now, step.evidenceIds, step.note);
      next.pledges[index] = { unit: step.unit, signOff: signature };
      return ok(`${step.unit} 签订责任状`, null, { unit: step.unit, signOff: signature });
    }

    case 'apply-plan': {
      const reason = step.reason?.trim() ?? '';
      if (reason === '') return refuse('REASON_REQUIRED', '调整实施方案须写明理由');
      if (step.planVersion <= state.planVersion)
        return refuse(
          'PLAN_VERSION_STALE',
          `方案版本 ${step.planVersion} 不晚于正在执行的第 ${state.planVersion} 版`,
        );
      const change = planChange(state.plan, step.plan);
      if (change.problems.length > 0)
        return refuse(
          'PLAN_CHANGE_REFUSED',
          `新方案不能用于正在进行的攻坚行动：${change.problems
            .map((p) => (p.path ? `${p.path}：${p.problem}` : p.problem))
            .join('；')}`,
        );
      next.plan = clone(step.plan);
      next.planVersion = step.planVersion;
      const known = new Set(state.pledges.map((pledge) => pledge.unit));
      const newUnits = pledgingUnits(step.plan).filter((unit) => !known.has(unit));
      if (newUnits.length > 0) {
        next.pledges = [...next.pledges, ...newUnits.map((unit) => ({ unit, signOff: null }))];
        const fresh = addIsoDuration(new Date(now), step.plan.pledgeWithin);
        if (fresh.getTime() > Date.parse(state.pledgeDeadline)) {
          next.pledgeDeadline = fresh.toISOString();
          next.pledgeFiredLevels = [];
        }
      }
      return ok(`启用第 ${step.planVersion} 版实施方案`, reason, {
        planVersion: step.planVersion,
        previousVersion: state.planVersion,
        added: change.added.map((task) => task.key),
        revised: change.revised.map((task) => task.key),
        newUnits,
      });
    }

    case 'pause': {
      if (state.status === 'paused') return refuse('ALREADY_PAUSED', '攻坚行动已暂停');
      const reason = step.reason?.trim() ?? '';
      if (reason === '') return refuse('REASON_REQUIRED', '暂停须写明理由');
      next.status = 'paused';
      next.paused = { since: now, reason };
      return ok('暂停攻坚行动', reason);
    }

    case 'resume': {
      if (state.status !== 'paused' || !state.paused)
        return refuse('NOT_PAUSED', `攻坚行动${CAMPAIGN_STATUS_LABELS[state.status]}，无需恢复`);
      const pausedFor = Math.max(0, Date.parse(now) - Date.parse(state.paused.since));
      next.status = 'running';
      next.paused = null;
      next.pausedMs = state.pausedMs + pausedFor;
      // Cadence resumes from now: what fell due during the pause is skipped, not caught up.
      next.lastBulletinDueAt = later(state.lastBulletinDueAt, now);
      if (state.plan.cadence.dispatchMeeting) next.lastDispatchDueAt = later(state.lastDispatchDueAt, now);
      if (state.plan.cadence.monthlyReportDay) next.lastMonthlyDueAt = later(state.lastMonthlyDueAt, now);
      return ok('恢复攻坚行动', step.reason?.trim() || null, { pausedMs: pausedFor });
    }

    case 'close': {
      if (state.paused) {
        next.pausedMs = state.pausedMs + Math.max(0, Date.parse(now) - Date.parse(state.paused.since));
        next.paused = null;
      }
      next.status = 'closed';
      next.closedAt = now;
      next.closeNote = step.note ?? '';
      return ok('结束攻坚行动', null, { note: step.note });
    }
  }
}

/** Next ladder step for the pledges still missing (anchored on the pledge deadline, paused time added); none when all signed or not running. */
export function nextPledgeEscalation(
  state: CampaignState,
): { step: EscalationStep; dueAt: Date; units: string[] } | undefined {
  if (state.status !== 'running') return undefined;
  const units = missingPledges(state);
  if (units.length === 0) return undefined;
  const deadline = new Date(state.pledgeDeadline);
  const deadlines = { basic: deadline, full: deadline };
  // A step due at or before the launch ("3 days before" a 3-day pledge deadline) would only repeat
  // the launch notice itself: the ladder starts with the first step after the launch.
  const launchedAt = Date.parse(state.launchedAt);
  const ladder = state.plan.ladder.filter((step) => stepDueAt(step, deadlines).getTime() > launchedAt);
  const next = nextStep(ladder, deadlines, state.pledgeFiredLevels, state.pausedMs);
  return next && { ...next, units };
}

/** The units whose responsibility pledge is still unsigned, in plan order. */
export function missingPledges(state: CampaignState): string[] {
  return state.pledges.filter((pledge) => !pledge.signOff).map((pledge) => pledge.unit);
}

/** The pledge ladder's level (highest fired step, 0 none). */
export function pledgeEscalationLevel(state: CampaignState): number {
  return escalationLevel(state.pledgeFiredLevels);
}

export function firePledgeEscalation(
  state: CampaignState,
  step: EscalationStep,
  now: string,
  passedOver: readonly EscalationStep[] = [],
): { state: CampaignState; event: CampaignEvent } {
  const next = clone(state);
  next.version = state.version + 1;
  const passed = passedOverRecord(passedOver, state.pledgeFiredLevels);
  if (passed.levels.length > 0) next.pledgeFiredLevels = [...next.pledgeFiredLevels, ...passed.levels];
  if (!next.pledgeFiredLevels.includes(step.level))
    next.pledgeFiredLevels = [...next.pledgeFiredLevels, step.level];
  const units = missingPledges(state);
  return {
    state: next,
    event: {
      type: 'pledge-escalate',
      at: now,
      actor: SYSTEM_ESCALATION,
      summary: `责任状未签订：触发「${step.label}」${passed.note}（${units.length} 个单位：${units.join('、')}）`,
      reason: null,
      data: {
        level: step.level,
        kind: step.kind,
        label: step.label,
        audience: step.audience,
        leaderMustAct: step.leaderMustAct,
        notice: step.notice,
        units,
        pledgeDeadline: state.pledgeDeadline,
        ...passed.data,
      },
    },
  };
}

/**
 * What a campaign woken after several pledge-ladder steps fell due fires (after the worker was
 * down, or with a plan's ladder that puts two steps at the same offset): the ladder's catch-up rule
 * (`catchUp`), the highest passed step, and the levels below it passed over.
 */
export function catchUpPledgeEscalation(
  state: CampaignState,
  now: Date,
): { passedOver: number[]; fire: EscalationStep | null } {
  const next = (pledgeFiredLevels: readonly number[]) =>
    nextPledgeEscalation({ ...state, pledgeFiredLevels: [...pledgeFiredLevels] });
  return catchUp(stepsPassedBy(next, state.pledgeFiredLevels, now));
}

/** The first weekly time (CST weekday and HH:MM) strictly after `after`. */
export function nextWeekly(at: WeeklyAt, after: Date): Date {
  return nextWeeklyCst(at.weekday, wallMinutes(at.time), after);
}

/** The first `day`-of-month 09:00 CST strictly after `after`. */
export function nextMonthly(day: number, after: Date): Date {
  return nextMonthlyCst(day, 9, after);
}

export type CadenceKind = 'bulletin' | 'dispatch-meeting' | 'monthly-report';

/**
 * The next cadence event due for a running campaign: the earliest of the next bulletin, dispatch
 * reminder and monthly reminder after the last handled one (or after launch). None when paused or closed.
 * Cadence runs until the campaign is closed, past the end of its window too (an overrunning campaign
 * is still reported on). Equal times come in the order bulletin, dispatch meeting, monthly report.
 */
export function nextCadence(state: CampaignState): { kind: CadenceKind; dueAt: Date } | undefined {
  if (state.status !== 'running') return undefined;
  const from = (last: string | null) =>
    new Date(Math.max(Date.parse(state.launchedAt), last ? Date.parse(last) : 0));
  const cadence = state.plan.cadence;
  const due: Array<{ kind: CadenceKind; dueAt: Date }> = [
    { kind: 'bulletin', dueAt: nextWeekly(cadence.bulletin, from(state.lastBulletinDueAt)) },
  ];
  if (cadence.dispatchMeeting)
    due.push({
      kind: 'dispatch-meeting',
      dueAt: nextWeekly(cadence.dispatchMeeting, from(state.lastDispatchDueAt)),
    });
  if (cadence.monthlyReportDay)
    due.push({
      kind: 'monthly-report',
      dueAt: nextMonthly(cadence.monthlyReportDay, from(state.lastMonthlyDueAt)),
    });
  return due.reduce((earliest, item) => (item.dueAt.getTime() < earliest.dueAt.getTime() ? item : earliest));
}

/** Records that a cadence event was handled (bulletin number bumped for bulletins). */
export function markCadence(state: CampaignState, kind: CadenceKind, dueAt: Date): CampaignState {
  const next = clone(state);
  next.version = state.version + 1;
  const iso = dueAt.toISOString();
  if (kind === 'bulletin') {
    next.lastBulletinDueAt = iso;
    next.bulletinsPublished = state.bulletinsPublished + 1;
  } else if (kind === 'dispatch-meeting') next.lastDispatchDueAt = iso;
  else next.lastMonthlyDueAt = iso;
  return next;
}

/** `HH:MM` as minutes after midnight. */
function wallMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + (minutes || 0);
}

function later(last: string | null, now: string): string {
  return last && Date.parse(last) > Date.parse(now) ? last : now;
}

// The state is plain JSON; a JSON copy also works inside the workflow sandbox (no structuredClone there).
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
