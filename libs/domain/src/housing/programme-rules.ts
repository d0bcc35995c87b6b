import { DEFAULT_LADDER, ladderProblems, type EscalationStep } from '../escalation/ladder';
import type { SigningParty } from '../sign-off/sign-off';
import { isIsoDuration, parseIsoDuration } from '../time/iso-duration';
import type { HouseholdParties } from './household-process';
import {
  ACTIVE_STAGES,
  APPROVAL_LEVELS,
  STAGE_LABELS,
  type ActiveStage,
  type ApprovalLevel,
} from './household-stages';

/**
 * What a programme (one year's batch of a county's housing repairs) decides as data: the date each
 * stage must be done by, the public-notice periods of approval, when a household counts as stalled,
 * how long a subsidy may stay unpaid after acceptance, and the escalation ladder.
 */
export interface ProgrammeRules {
  /** Stage → instant by which a household must have left that stage (ISO). */
  stageDeadlines: Partial<Record<ActiveStage, string>>;
  /** Public notice (公示) after approval at a level, as an ISO duration; null: no notice. */
  noticePeriods: Record<ApprovalLevel, string | null>;
  /** No progress for this long (ISO duration) escalates the household as stalled. */
  stallAfter: string;
  /** A subsidy still unpaid this long after acceptance is escalated (ISO duration). */
  paymentDueAfter: string;
  /** Wake-ups for a deadline many households share are spread over this window (ISO duration). */
  timerJitter: string;
  ladder: EscalationStep[];
  /** The county housing bureau (住建局): approves at county level and signs acceptance. */
  housingBureau: string;
}

export const DEFAULT_NOTICE_PERIODS: Record<ApprovalLevel, string | null> = {
  village: 'P7D',
  township: null,
  county: 'P5D',
};
export const DEFAULT_STALL_AFTER = 'P30D';
export const DEFAULT_PAYMENT_DUE_AFTER = 'P1M';
export const DEFAULT_TIMER_JITTER = 'PT1H';

/** The ladder for households: reminder before a stage deadline, warnings after, summons a month late. */
export const DEFAULT_HOUSEHOLD_LADDER: EscalationStep[] = DEFAULT_LADDER.filter(
  (step) => step.kind !== 'accountability' && step.kind !== 'public-criticism',
).map((step) => ({ ...step, anchor: 'full', leaderMustAct: false }));

/** The unit that decides at an approval level for a household of this village and township. */
export function approvingUnit(
  level: ApprovalLevel,
  household: { village: string; township: string },
  rules: Pick<ProgrammeRules, 'housingBureau'>,
): string {
  if (level === 'village') return household.village;
  if (level === 'township') return household.township;
  return rules.housingBureau;
}

/** Two-party acceptance (竣工验收): the housing bureau and the household's township both sign. */
export function acceptanceParties(
  household: { township: string },
  rules: Pick<ProgrammeRules, 'housingBureau'>,
): SigningParty[] {
  return [
    { label: '县住建局', unit: rules.housingBureau },
    { label: '乡镇人民政府', unit: household.township },
  ];
}

/** Problems of a programme's rules, each with its path; empty when valid. */
export function programmeRuleProblems(rules: ProgrammeRules): Array<{ path: string; problem: string }> {
  const problems: Array<{ path: string; problem: string }> = [];
  let previous: { stage: ActiveStage; at: number } | undefined;
  for (const stage of Object.keys(rules.stageDeadlines)) {
    if (!(ACTIVE_STAGES as readonly string[]).includes(stage))
      problems.push({
        path: `stageDeadlines.${stage}`,
        problem: `不是有效阶段（可选：${ACTIVE_STAGES.map((s) => `${s} ${STAGE_LABELS[s]}`).join('、')}）`,
      });
  }
  for (const stage of ACTIVE_STAGES) {
    const at = rules.stageDeadlines[stage];
    if (at === undefined) continue;
    const ms = new Date(at).getTime();
    if (Number.isNaN(ms)) {
      problems.push({
        path: `stageDeadlines.${stage}`,
        problem: '须为具体时刻，例如 2024-06-30T16:00:00Z',
      });
      continue;
    }
    if (previous && ms < previous.at)
      problems.push({
        path: `stageDeadlines.${stage}`,
        problem: `不得早于“${STAGE_LABELS[previous.stage]}”阶段的截止时间`,
      });
    previous = { stage, at: ms };
  }
  for (const level of APPROVAL_LEVELS) {
    const period = rules.noticePeriods[level];
    if (period !== null && (!isIsoDuration(period) || period.startsWith('-')))
      problems.push({
        path: `noticePeriods.${level}`,
        problem: '须为 ISO 8601 时长，例如 P7D；不设公示期时为 null',
      });
  }
  for (const field of ['stallAfter', 'paymentDueAfter', 'timerJitter'] as const) {
    if (!isIsoDuration(rules[field]) || rules[field].startsWith('-'))
      problems.push({ path: field, problem: '须为 ISO 8601 时长，例如 P30D' });
    else if (
      field === 'timerJitter' &&
      (parseIsoDuration(rules[field]).years || parseIsoDuration(rules[field]).months)
    )
      problems.push({ path: field, problem: '须为固定长度的时长（不含年、月），例如 PT1H' });
  }
  problems.push(
    ...ladderProblems(rules.ladder).map((p) => ({ path: `ladder${p.path}`, problem: p.problem })),
  );
  return problems;
}

/** Who approves at each level and who signs acceptance for one household, under these rules. */
export function householdParties(
  rules: Pick<ProgrammeRules, 'housingBureau' | 'noticePeriods'>,
  household: { village: string; township: string },
): HouseholdParties {
  return {
    approvers: {
      village: approvingUnit('village', household, rules),
      township: approvingUnit('township', household, rules),
      county: approvingUnit('county', household, rules),
    },
    acceptance: acceptanceParties(household, rules),
    noticePeriods: { ...rules.noticePeriods },
  };
}

/** The rule for repaired households: at least 80% must be registered poor households (建档立卡贫困户). */
export const REGISTERED_POOR_MINIMUM = 0.8;

export function registeredPoorShare(registeredPoor: number, households: number): number {
  return households === 0 ? 0 : registeredPoor / households;
}

export function belowRegisteredPoorRule(registeredPoor: number, households: number): boolean {
  return households > 0 && registeredPoorShare(registeredPoor, households) < REGISTERED_POOR_MINIMUM;
}
