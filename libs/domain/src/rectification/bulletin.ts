import type { DocumentStamp } from '../documents/official-document';
import { sharedRanks } from '../ranking/shared-ranks';
import { DEFAULT_LADDER, type EscalationStep } from '../escalation/ladder';
import { daysOverdue, deadlineDate, showInstant } from '../time/deadline-display';
import { addIsoDuration, parseIsoDuration, type IsoDuration } from '../time/iso-duration';
import {
  closedOnTime,
  effectiveDeadline,
  isOverdue,
  ITEM_STATUS_LABELS,
  type ItemState,
  type ItemStatus,
} from './item-process';

/**
 * The weekly bulletin of a rectification ledger (一周一通报, DOMAIN.md §3): a frozen snapshot of
 * where every item stands as of one instant, with a ranking of the responsible units, the overdue
 * items and the items publicly criticised (通报批评). Pure and workflow-safe.
 */
export const BULLETIN_TRIGGERS = ['schedule', 'on-demand'] as const;
export type BulletinTrigger = (typeof BULLETIN_TRIGGERS)[number];

export const BULLETIN_TRIGGER_LABELS: Record<BulletinTrigger, string> = {
  schedule: '定期通报',
  'on-demand': '即时通报',
};

/** Version of the payload's shape, stored in every bulletin so readers can tell old shapes apart. */
export const BULLETIN_SCHEMA = 3;
// Schema 3: the overdue list names at most OVERDUE_LIST_CAP items (`overdueList` says how many there are).
// Schema 2: `byLevel` counts open items only (closed ones in `byLevelClosed`), units with equal
// results share a rank (并列), items past their basic deadline (黄牌) are counted and named.

/** The level of the ladder's public-criticism step when a ladder does not say otherwise. */
export const DEFAULT_CRITICISM_LEVEL = 4;

/** One row of the ledger's read model, as the bulletin needs it. */
export interface BulletinItemRow {
  id: string;
  number: number;
  problem: string;
  responsibleUnit: string;
  responsiblePersonId: string;
  escalationLevel: number;
  reopenCount: number;
  repeatOf: string | null;
  state: ItemState;
}

export interface BulletinInput {
  ledger: { id: string; name: string; source: string };
  /** The bulletin's number on this ledger (第 n 期). */
  number: number;
  items: readonly BulletinItemRow[];
  /** Unit code → unit name; a code without a name is shown as the code. */
  unitNames: Readonly<Record<string, string>>;
  /** Person id → display name. */
  personNames: Readonly<Record<string, string>>;
  asOf: Date;
  /** The ledger's ladder: names the levels and says which one is public criticism. */
  ladder?: readonly EscalationStep[];
}

export interface BulletinCounts {
  items: number;
  closed: number;
  /** Closed no later than the working full deadline (approved extensions and paused time count). */
  closedOnTime: number;
  /** Closed no later than the full deadline as registered. */
  closedOnTimeOriginal: number;
  overdue: number;
  /**
   * Open, basic rectification not reported, past the working basic deadline but not (yet) past the
   * full one: the yellow card (黄牌预警) stage, named in `pastBasicItems`.
   */
  pastBasic: number;
  paused: number;
  /** Items reopened at least once (回头看). */
  reopened: number;
  /** Items that repeat an earlier finding (屡查屡犯). */
  repeatFindings: number;
  /** Open items by the highest escalation level reached (0: none); closed ones are in `byLevelClosed`. */
  byLevel: Record<string, number>;
  /** Closed items by the highest escalation level they had reached before close-out. */
  byLevelClosed: Record<string, number>;
  /** closed / items, 0 … 1 (4 decimals); 0 for no items. */
  closeRate: number;
}

export interface BulletinUnitLine extends BulletinCounts {
  /**
   * 1 = best: higher close rate, then fewer overdue items. Units equal on both share a rank (并列:
   * 1, 1, 3) and are listed by unit code; `tied` says so.
   */
  rank: number;
  tied: boolean;
  code: string;
  name: string;
}

export interface BulletinPerson {
  id: string;
  name: string;
}

export interface BulletinOverdueItem {
  number: number;
  problem: string;
  unit: { code: string; name: string };
  responsiblePerson: BulletinPerson;
  /** Working full deadline (ISO instant). */
  fullDeadline: string;
  /** The full deadline's day as written when it was given as a date (`deadlineDate`), else null. */
  fullDeadlineDate: string | null;
  /** The working deadline pushed later by paused time: what the item is measured against. */
  effectiveFullDeadline: string;
  /** Whole CST calendar days overdue (`daysOverdue` of the time module), at least 1. */
  daysOverdue: number;
  escalationLevel: number;
  escalationLabel: string;
}

/** An item past its basic deadline without basic rectification reported (黄牌), not yet overdue. */
export interface BulletinPastBasicItem {
  number: number;
  problem: string;
  unit: { code: string; name: string };
  responsiblePerson: BulletinPerson;
  /** Working basic deadline (ISO instant) and its day as written, else null. */
  basicDeadline: string;
  basicDeadlineDate: string | null;
  fullDeadline: string;
  fullDeadlineDate: string | null;
  /** Whole CST days past the basic deadline (paused time excluded), at least 1. */
  daysPastBasic: number;
  escalationLevel: number;
  escalationLabel: string;
}

export interface BulletinCriticisedItem {
  number: number;
  problem: string;
  unit: { code: string; name: string };
  responsiblePerson: BulletinPerson;
  status: ItemStatus;
  statusLabel: string;
  fullDeadline: string;
  /** The full deadline's day as written when it was given as a date (`deadlineDate`), else null. */
  fullDeadlineDate: string | null;
  escalationLevel: number;
  escalationLabel: string;
}

export interface BulletinPayload {
  schema: number;
  title: string;
  number: number;
  asOf: string;
  /** `2026-11-23 19:05`, China Standard Time. */
  asOfCst: string;
  ledger: { id: string; name: string; source: string };
  /** One Chinese paragraph for the head of the bulletin. */
  summary: string;
  totals: BulletinCounts;
  units: BulletinUnitLine[];
  /** The overdue items with the earliest deadlines, at most OVERDUE_LIST_CAP (schema 3; all before). */
  overdueItems: BulletinOverdueItem[];
  /** Present when `overdueItems` names only some of the overdue items: how many, and where all are listed. */
  overdueList?: { listed: number; total: number; route?: string };
  /** Items past the basic deadline (黄牌); absent in bulletins of schema 1. */
  pastBasicItems?: BulletinPastBasicItem[];
  /** Present when `pastBasicItems` names only the LIST_CAP longest past the basic deadline (schema 3). */
  pastBasicList?: { listed: number; total: number };
  criticised: BulletinCriticisedItem[];
  criticismLevel: number;
  /** Level → its name (0: 未督办). */
  levelLabels: Record<string, string>;
  /** Its number (文号) and issuing office, given at publication; absent in older bulletins. */
  document?: DocumentStamp;
}

const MAX_DEFAULT_LEVEL = 6;

/** The plain counts of BulletinCounts (the level maps and the close rate aside). */
const COUNT_KEYS = [
  'items',
  'closed',
  'closedOnTime',
  'closedOnTimeOriginal',
  'overdue',
  'pastBasic',
  'paused',
  'reopened',
  'repeatFindings',
] as const;

function emptyCounts(levels: readonly number[]): BulletinCounts {
  return {
    items: 0,
    closed: 0,
    closedOnTime: 0,
    closedOnTimeOriginal: 0,
    overdue: 0,
    pastBasic: 0,
    paused: 0,
    reopened: 0,
    repeatFindings: 0,
    byLevel: Object.fromEntries(levels.map((level) => [String(level), 0])),
    byLevelClosed: Object.fromEntries(levels.map((level) => [String(level), 0])),
    closeRate: 0,
  };
}

function count(counts: BulletinCounts, row: BulletinItemRow, asOfIso: string): void {
  const state = row.state;
  counts.items += 1;
  if (state.status === 'closed') counts.closed += 1;
  const onTime = closedOnTime(state);
  if (onTime?.working) counts.closedOnTime += 1;
  if (onTime?.original) counts.closedOnTimeOriginal += 1;
  if (isOverdue(state, asOfIso)) counts.overdue += 1;
  if (isPastBasic(state, asOfIso)) counts.pastBasic += 1;
  if (state.status !== 'closed' && state.paused) counts.paused += 1;
  if (row.reopenCount > 0) counts.reopened += 1;
  if (row.repeatOf) counts.repeatFindings += 1;
  const level = String(row.escalationLevel);
  const byLevel = state.status === 'closed' ? counts.byLevelClosed : counts.byLevel;
  byLevel[level] = (byLevel[level] ?? 0) + 1;
}

/**
 * Past the basic deadline (黄牌): open, not paused, basic rectification not reported, past the
 * working basic deadline (paused time excluded), and not overdue on the full deadline.
 */
export function isPastBasic(state: ItemState, asOfIso: string): boolean {
  return (
    state.status !== 'closed' &&
    !state.paused &&
    state.basicDoneAt === null &&
    state.status === 'rectifying' &&
    Date.parse(asOfIso) > effectiveDeadline(state, 'basic') &&
    !isOverdue(state, asOfIso)
  );
}

export { sharedRanks } from '../ranking/shared-ranks';

function withCloseRate<T extends BulletinCounts>(counts: T): T {
  counts.closeRate = counts.items === 0 ? 0 : Math.round((counts.closed / counts.items) * 10_000) / 10_000;
  return counts;
}

/** The ladder's levels and their names, with 0 for "not escalated". */
function levelLabels(ladder: readonly EscalationStep[]): Record<string, string> {
  const labels: Record<string, string> = { '0': '未督办' };
  for (const step of ladder) labels[String(step.level)] = step.label;
  return labels;
}

/** The ladder a bulletin reads: the ledger's, or the default one. */
const ladderOf = (ladder: readonly EscalationStep[] | undefined) =>
  ladder && ladder.length > 0 ? ladder : DEFAULT_LADDER;

/** The level from which an open item is publicly criticised (通报批评) on this ladder. */
export function criticismLevelOf(ladder?: readonly EscalationStep[]): number {
  return ladderOf(ladder).find((step) => step.kind === 'public-criticism')?.level ?? DEFAULT_CRITICISM_LEVEL;
}

/**
 * The overdue list of a bulletin names at most this many items (the earliest deadlines first), and
 * the list of items past the basic deadline as many (the longest past it first).
 */
export const OVERDUE_LIST_CAP = 100;

/** One item as a bulletin's lists name it: no state, only what the lists show. */
export interface BulletinListedItem {
  number: number;
  problem: string;
  responsibleUnit: string;
  responsiblePersonId: string;
  escalationLevel: number;
  status: ItemStatus;
  /** Working deadlines (ISO instants). */
  deadlines: { basic: string; full: string };
  /** The working deadlines pushed later by paused time (ISO instants): what the item is measured against. */
  effectiveBasic: string;
  effectiveFull: string;
}

/** One unit's counts (the close rate is worked out from them). */
export type BulletinUnitCounts = Omit<BulletinCounts, 'closeRate'> & { unit: string };

/**
 * What a bulletin is made of: counts per responsible unit and the items its lists name. Computed
 * from the rows here (`aggregateBulletinItems`), or by GROUP BY in the database
 * (libs/database publish-bulletin.ts; test/dashboard-counters.e2e-spec.ts keeps the two equal).
 */
export interface BulletinAggregates {
  units: BulletinUnitCounts[];
  /** Overdue items, earliest working full deadline first, then by number; at most OVERDUE_LIST_CAP. */
  overdue: BulletinListedItem[];
  /**
   * Items past the basic deadline (黄牌), in any order: all of them, or at least the
   * OVERDUE_LIST_CAP that the bulletin names (the most days past it, then by number).
   */
  pastBasic: BulletinListedItem[];
  /** Open items at or above the criticism level, in any order. */
  criticised: BulletinListedItem[];
}

function listed(row: BulletinItemRow): BulletinListedItem {
  return {
    number: row.number,
    problem: row.problem,
    responsibleUnit: row.responsibleUnit,
    responsiblePersonId: row.responsiblePersonId,
    escalationLevel: row.escalationLevel,
    status: row.state.status,
    deadlines: { ...row.state.deadlines },
    effectiveBasic: new Date(effectiveDeadline(row.state, 'basic')).toISOString(),
    effectiveFull: new Date(effectiveDeadline(row.state, 'full')).toISOString(),
  };
}

/** The counts and lists of a bulletin from the items' rows, by the item rules of item-process.ts. */
export function aggregateBulletinItems(
  items: readonly BulletinItemRow[],
  asOf: Date,
  criticismLevel: number,
): BulletinAggregates {
  const asOfIso = asOf.toISOString();
  const sorted = [...items].sort((a, b) => a.number - b.number);
  const byUnit = new Map<string, BulletinCounts>();
  for (const row of sorted) {
    let unit = byUnit.get(row.responsibleUnit);
    if (!unit) byUnit.set(row.responsibleUnit, (unit = emptyCounts([])));
    count(unit, row, asOfIso);
  }
  return {
    units: [...byUnit].map(([unit, { closeRate: _rate, ...counts }]) => ({ unit, ...counts })),
    overdue: sorted
      .filter((row) => isOverdue(row.state, asOfIso))
      .map(listed)
      .sort((a, b) => Date.parse(a.effectiveFull) - Date.parse(b.effectiveFull) || a.number - b.number)
      .slice(0, OVERDUE_LIST_CAP),
    pastBasic: sorted.filter((row) => isPastBasic(row.state, asOfIso)).map(listed),
    criticised: sorted
      .filter((row) => row.state.status !== 'closed' && row.escalationLevel >= criticismLevel)
      .map(listed),
  };
}

/** Builds the bulletin payload from the items' rows; the same input always gives the same payload. */
export function buildBulletin(input: BulletinInput): BulletinPayload {
  const { items, ...rest } = input;
  return assembleBulletin(rest, aggregateBulletinItems(items, input.asOf, criticismLevelOf(input.ladder)));
}

/** Builds the bulletin payload from its counts and lists (however they were computed). */
export function assembleBulletin(
  input: Omit<BulletinInput, 'items'> & {
    /** Where the full overdue list is read when the bulletin names only the first OVERDUE_LIST_CAP. */
    overdueListRoute?: string;
  },
  aggregates: BulletinAggregates,
): BulletinPayload {
  const ladder = ladderOf(input.ladder);
  const criticismLevel = criticismLevelOf(ladder);
  const labels = levelLabels(ladder);
  const levels = [
    ...new Set([
      ...Array.from({ length: MAX_DEFAULT_LEVEL + 1 }, (_, level) => level),
      ...ladder.map((step) => step.level),
    ]),
  ].sort((a, b) => a - b);
  const labelOf = (level: number) => labels[String(level)] ?? `第${level}级督办`;
  const asOfIso = input.asOf.toISOString();
  const unitOf = (code: string) => ({ code, name: input.unitNames[code] ?? code });
  const personOf = (id: string): BulletinPerson => ({ id, name: input.personNames[id] ?? id });

  const totals = emptyCounts(levels);
  const byUnit = new Map<string, BulletinCounts>();
  for (const { unit, ...counts } of aggregates.units) {
    const line = emptyCounts(levels);
    for (const target of [totals, line]) {
      for (const key of COUNT_KEYS) target[key] += counts[key];
      for (const which of ['byLevel', 'byLevelClosed'] as const)
        for (const [level, n] of Object.entries(counts[which]))
          target[which][level] = (target[which][level] ?? 0) + n;
    }
    byUnit.set(unit, line);
  }
  withCloseRate(totals);

  const ordered = [...byUnit.entries()]
    .map(([code, counts]) => ({ ...unitOf(code), ...withCloseRate(counts) }))
    .sort(
      (a, b) =>
        b.closeRate - a.closeRate ||
        a.overdue - b.overdue ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  const ranks = sharedRanks(ordered, (a, b) => a.closeRate === b.closeRate && a.overdue === b.overdue);
  const units: BulletinUnitLine[] = ordered.map((line, index) => ({ ...ranks[index], ...line }));

  const pastBasicItems: BulletinPastBasicItem[] = aggregates.pastBasic
    .map((row) => ({
      number: row.number,
      problem: row.problem,
      unit: unitOf(row.responsibleUnit),
      responsiblePerson: personOf(row.responsiblePersonId),
      basicDeadline: row.deadlines.basic,
      basicDeadlineDate: deadlineDate(row.deadlines.basic),
      fullDeadline: row.deadlines.full,
      fullDeadlineDate: deadlineDate(row.deadlines.full),
      daysPastBasic: daysOverdue(row.effectiveBasic, input.asOf),
      escalationLevel: row.escalationLevel,
      escalationLabel: labelOf(row.escalationLevel),
    }))
    .sort((a, b) => b.daysPastBasic - a.daysPastBasic || a.number - b.number)
    .slice(0, OVERDUE_LIST_CAP);

  const overdueItems: BulletinOverdueItem[] = aggregates.overdue.map((row) => ({
    number: row.number,
    problem: row.problem,
    unit: unitOf(row.responsibleUnit),
    responsiblePerson: personOf(row.responsiblePersonId),
    fullDeadline: row.deadlines.full,
    fullDeadlineDate: deadlineDate(row.deadlines.full),
    effectiveFullDeadline: row.effectiveFull,
    daysOverdue: daysOverdue(row.effectiveFull, input.asOf),
    escalationLevel: row.escalationLevel,
    escalationLabel: labelOf(row.escalationLevel),
  }));

  const criticised: BulletinCriticisedItem[] = aggregates.criticised
    .map((row) => ({
      number: row.number,
      problem: row.problem,
      unit: unitOf(row.responsibleUnit),
      responsiblePerson: personOf(row.responsiblePersonId),
      status: row.status,
      statusLabel: ITEM_STATUS_LABELS[row.status],
      fullDeadline: row.deadlines.full,
      fullDeadlineDate: deadlineDate(row.deadlines.full),
      escalationLevel: row.escalationLevel,
      escalationLabel: labelOf(row.escalationLevel),
    }))
    .sort((a, b) => b.escalationLevel - a.escalationLevel || a.number - b.number);

  const asOfCst = showInstant(input.asOf);
  const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
  const summary =
    `截至${asOfCst}，「${input.ledger.name}」共有整改问题${totals.items}个，` +
    `已销号${totals.closed}个（销号率${percent(totals.closeRate)}），` +
    `其中按期销号${totals.closedOnTime}个（按原定期限${totals.closedOnTimeOriginal}个）；` +
    `逾期未完成${totals.overdue}个，超过基本整改期限（黄牌）${totals.pastBasic}个，暂停计时${totals.paused}个，回头看重新整改${totals.reopened}个，` +
    `屡查屡犯${totals.repeatFindings}个；通报批评${criticised.length}个。`;

  return {
    schema: BULLETIN_SCHEMA,
    title: `${input.ledger.name}整改进展通报（第${input.number}期）`,
    number: input.number,
    asOf: asOfIso,
    asOfCst,
    ledger: { id: input.ledger.id, name: input.ledger.name, source: input.ledger.source },
    summary,
    totals,
    units,
    overdueItems,
    ...(totals.overdue > overdueItems.length
      ? {
          overdueList: {
            listed: overdueItems.length,
            total: totals.overdue,
            ...(input.overdueListRoute ? { route: input.overdueListRoute } : {}),
          },
        }
      : {}),
    pastBasicItems,
    ...(totals.pastBasic > pastBasicItems.length
      ? { pastBasicList: { listed: pastBasicItems.length, total: totals.pastBasic } }
      : {}),
    criticised,
    criticismLevel,
    levelLabels: Object.fromEntries(levels.map((level) => [String(level), labelOf(level)])),
  };
}

// ---- the schedule ------------------------------------------------------------------------------

function scaled(duration: IsoDuration, k: number): IsoDuration {
  return {
    sign: duration.sign,
    years: duration.years * k,
    months: duration.months * k,
    weeks: duration.weeks * k,
    days: duration.days * k,
    hours: duration.hours * k,
    minutes: duration.minutes * k,
    seconds: duration.seconds * k,
  };
}

/** Longest possible length of a duration in ms (months counted as 31 days, years as 366). */
function longestMs(d: IsoDuration): number {
  const days = d.years * 366 + d.months * 31 + d.weeks * 7 + d.days;
  return (((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

/**
 * The k-th due time of a schedule: `firstAt + k·every`, computed from `firstAt` each time, so a
 * monthly bulletin first due on 31 January falls on 28/29 February, then 31 March again.
 */
export function bulletinDueAt(firstAt: Date, every: string, k: number): Date {
  return addIsoDuration(firstAt, scaled(parseIsoDuration(every), k));
}

/** Why a cadence cannot drive a schedule (not a positive ISO 8601 duration), or null when it can. */
export function bulletinCadenceProblem(every: string): string | null {
  let duration: IsoDuration;
  try {
    duration = parseIsoDuration(every);
  } catch {
    return `${every} 不是有效的 ISO 8601 时长，应形如 P1W 或 PT10M`;
  }
  if (duration.sign < 0 || longestMs(duration) <= 0) return `${every} 须为大于零的时长`;
  return null;
}

/**
 * The next due time of a schedule: the first `firstAt + k·every` (k = 0, 1, …) later than `after`;
 * `firstAt` itself when nothing was published yet.
 */
export function nextBulletinDue(firstAt: Date, every: string, after?: Date): Date {
  const problem = bulletinCadenceProblem(every);
  if (problem) throw new RangeError(problem);
  if (!after || after.getTime() < firstAt.getTime()) return firstAt;
  // Start from an estimate that never overshoots, then step forward.
  const longest = longestMs(parseIsoDuration(every));
  let k = Math.max(0, Math.floor((after.getTime() - firstAt.getTime()) / longest));
  let due = bulletinDueAt(firstAt, every, k);
  while (due.getTime() <= after.getTime()) due = bulletinDueAt(firstAt, every, ++k);
  return due;
}
