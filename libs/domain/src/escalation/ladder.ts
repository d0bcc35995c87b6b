import { addIsoDuration, isIsoDuration } from '../time/iso-duration';

/**
 * The escalation ladder for work that falls behind (DOMAIN.md "Deadlines and escalation"):
 * reminder → yellow card → red card → public criticism in a bulletin → summons → accountability.
 * A ladder is data: each process (a ledger, a programme, a campaign) may bring its own.
 */
export const ESCALATION_KINDS = [
  'reminder',
  'yellow-warning',
  'red-warning',
  'public-criticism',
  'summons',
  'accountability',
] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const AUDIENCES = ['responsible-person', 'responsible-unit', 'command-center', 'leadership'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const NOTICE_KINDS = ['催办单', '督办单', '通报批评', '约谈通知书', '问责决定书'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_COLOURS = ['blue', 'yellow', 'red'] as const;
export type NoticeColour = (typeof NOTICE_COLOURS)[number];

/** Which deadline a step counts from. */
export type DeadlineAnchor = 'basic' | 'full';

export interface EscalationStep {
  /** 1, 2, 3 … in the order the steps escalate. */
  level: number;
  kind: EscalationKind;
  label: string;
  anchor: DeadlineAnchor;
  /** ISO 8601 duration from the anchor deadline; negative fires before it (`-P3D`). */
  offset: string;
  audience: Audience[];
  /** A leader must acknowledge the step and record a decision (summons, accountability). */
  leaderMustAct: boolean;
  notice: { kind: NoticeKind; colour: NoticeColour | null };
}

export interface Deadlines {
  basic: Date;
  full: Date;
}

/** The ladder the seeds describe, for rectification items. */
export const DEFAULT_LADDER: EscalationStep[] = [
  {
    level: 1,
    kind: 'reminder',
    label: '到期提醒',
    anchor: 'basic',
    offset: '-P3D',
    audience: ['responsible-person', 'responsible-unit'],
    leaderMustAct: false,
    notice: { kind: '催办单', colour: 'blue' },
  },
  {
    level: 2,
    kind: 'yellow-warning',
    label: '黄牌预警',
    anchor: 'basic',
    offset: 'PT0S',
    audience: ['responsible-person', 'responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'yellow' },
  },
  {
    level: 3,
    kind: 'red-warning',
    label: '红牌预警',
    anchor: 'full',
    offset: 'PT0S',
    audience: ['responsible-person', 'responsible-unit', 'command-center', 'leadership'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'red' },
  },
  {
    level: 4,
    kind: 'public-criticism',
    label: '通报批评',
    anchor: 'full',
    offset: 'P7D',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '通报批评', colour: 'red' },
  },
  {
    level: 5,
    kind: 'summons',
    label: '约谈',
    anchor: 'full',
    offset: 'P14D',
    audience: ['leadership', 'responsible-unit'],
    leaderMustAct: true,
    notice: { kind: '约谈通知书', colour: 'red' },
  },
  {
    level: 6,
    kind: 'accountability',
    label: '问责',
    anchor: 'full',
    offset: 'P30D',
    audience: ['leadership', 'command-center'],
    leaderMustAct: true,
    notice: { kind: '问责决定书', colour: 'red' },
  },
];

/** When a step falls due; paused time pushes every step later by as much. */
export function stepDueAt(step: EscalationStep, deadlines: Deadlines, pausedMs = 0): Date {
  const anchor = step.anchor === 'basic' ? deadlines.basic : deadlines.full;
  return addIsoDuration(new Date(anchor.getTime() + pausedMs), step.offset);
}

/** The earliest step not yet fired, and when it falls due. */
export function nextStep(
  ladder: readonly EscalationStep[],
  deadlines: Deadlines,
  fired: readonly number[],
  pausedMs = 0,
): { step: EscalationStep; dueAt: Date } | undefined {
  return ladder
    .filter((step) => !fired.includes(step.level))
    .map((step) => ({ step, dueAt: stepDueAt(step, deadlines, pausedMs) }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.step.level - b.step.level)[0];
}

/**
 * Steps that fell due together (a yellow and a red card at the same deadline) or while nobody
 * looked (an item registered late, a worker that was down) are not issued one after another: of
 * the `passed` steps, the **highest** fires, with its notice, audience and any leader's decision,
 * and the ones below it are passed over — counted as fired, with no notice of their own.
 */
export function catchUp(passed: readonly EscalationStep[]): {
  passedOver: number[];
  fire: EscalationStep | null;
} {
  if (passed.length === 0) return { passedOver: [], fire: null };
  const fire = passed.reduce((high, step) => (step.level > high.level ? step : high));
  return {
    passedOver: passed
      .filter((step) => step !== fire)
      .map((step) => step.level)
      .sort((a, b) => a - b),
    fire,
  };
}

/**
 * The steps a process's `next` (its earliest step not yet fired, given the levels fired) yields one
 * after another whose time has passed by `now`: what `catchUp` chooses from for a process woken late.
 */
export function stepsPassedBy(
  next: (fired: readonly number[]) => { step: EscalationStep; dueAt: Date } | undefined,
  fired: readonly number[],
  now: Date,
): EscalationStep[] {
  const passed: EscalationStep[] = [];
  let levels = fired;
  for (let due = next(levels); due && due.dueAt.getTime() <= now.getTime(); due = next(levels)) {
    passed.push(due.step);
    levels = [...levels, due.step.level];
  }
  return passed;
}

/** The ladder's steps at these levels, in the ladder's order. */
export const stepsAt = (ladder: readonly EscalationStep[], levels: readonly number[]): EscalationStep[] =>
  ladder.filter((step) => levels.includes(step.level));

/**
 * What a fired step's timeline entry records of the steps `catchUp` passed over: the levels not yet
 * fired (to count as fired with it), the note its summary ends with, the data it carries; nothing
 * when none was passed over.
 */
export function passedOverRecord(
  passedOver: readonly EscalationStep[],
  fired: readonly number[],
): { levels: number[]; note: string; data: { passedOverLevels?: number[] } } {
  const levels = passedOver.map((step) => step.level).filter((level) => !fired.includes(level));
  if (levels.length === 0) return { levels, note: '', data: {} };
  const labels = passedOver.filter((step) => levels.includes(step.level)).map((step) => step.label);
  return { levels, note: `（已到期的${labels.join('、')}不再单独发出）`, data: { passedOverLevels: levels } };
}

/** The highest level fired so far (0: none). */
export function escalationLevel(fired: readonly number[]): number {
  return fired.reduce((max, level) => Math.max(max, level), 0);
}

/** Problems of a ladder given as data, each with its path (`[2].offset`); empty when valid. */
export function ladderProblems(ladder: unknown): Array<{ path: string; problem: string }> {
  if (!Array.isArray(ladder) || ladder.length === 0) return [{ path: '', problem: '须为非空的步骤列表' }];
  const problems: Array<{ path: string; problem: string }> = [];
  ladder.forEach((raw: Partial<EscalationStep>, i) => {
    const at = (field: string, problem: string) => problems.push({ path: `[${i}].${field}`, problem });
    if (!Number.isInteger(raw.level) || (raw.level ?? 0) < 1) at('level', '须为不小于 1 的整数');
    else if (i > 0 && (raw.level ?? 0) <= ((ladder[i - 1] as EscalationStep).level ?? 0))
      at('level', '级别须逐级递增');
    if (!ESCALATION_KINDS.includes(raw.kind as EscalationKind))
      at('kind', `须为以下之一：${ESCALATION_KINDS.join('、')}`);
    if (typeof raw.label !== 'string' || raw.label.trim() === '') at('label', '须为非空文本');
    if (raw.anchor !== 'basic' && raw.anchor !== 'full') at('anchor', '须为 basic 或 full');
    if (typeof raw.offset !== 'string' || !isIsoDuration(raw.offset))
      at('offset', '须为 ISO 8601 时长，例如 P3D 或 -PT10M');
    if (
      !Array.isArray(raw.audience) ||
      raw.audience.length === 0 ||
      raw.audience.some((a) => !AUDIENCES.includes(a))
    ) {
      at('audience', `须列出以下一项或多项：${AUDIENCES.join('、')}`);
    }
    if (typeof raw.leaderMustAct !== 'boolean') at('leaderMustAct', '须为 true 或 false');
    if (
      !raw.notice ||
      !NOTICE_KINDS.includes(raw.notice.kind) ||
      (raw.notice.colour !== null && !NOTICE_COLOURS.includes(raw.notice.colour))
    ) {
      at('notice', `须指明通知类型（${NOTICE_KINDS.join('、')}）和颜色（blue、yellow、red 或 null）`);
    }
  });
  return problems;
}
