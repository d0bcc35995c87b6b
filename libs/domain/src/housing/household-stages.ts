/**
 * The stages of a housing-repair pipeline (危房改造, DOMAIN.md §2), in order. A household is always
 * in exactly one: the step it is waiting for. `moved-in` and `withdrawn` are final.
 */
export const HOUSEHOLD_STAGES = [
  'appraisal',
  'approval',
  'construction-start',
  'construction',
  'acceptance',
  'payment',
  'move-in',
  'moved-in',
  'withdrawn',
] as const;
export type HouseholdStage = (typeof HOUSEHOLD_STAGES)[number];

/** The stages a household works through; a programme may give each a deadline. */
export const ACTIVE_STAGES = [
  'appraisal',
  'approval',
  'construction-start',
  'construction',
  'acceptance',
  'payment',
  'move-in',
] as const satisfies readonly HouseholdStage[];
export type ActiveStage = (typeof ACTIVE_STAGES)[number];

export const STAGE_LABELS: Record<HouseholdStage, string> = {
  appraisal: '危房鉴定',
  approval: '审核审批',
  'construction-start': '待开工',
  construction: '施工中',
  acceptance: '竣工验收',
  payment: '资金兑付',
  'move-in': '待入住',
  'moved-in': '已入住',
  withdrawn: '已退出',
};

export function isActiveStage(stage: string): stage is ActiveStage {
  return (ACTIVE_STAGES as readonly string[]).includes(stage);
}

/** Approval passes three levels in turn (审核审批: 村评议 → 乡镇审核 → 县审批). */
export const APPROVAL_LEVELS = ['village', 'township', 'county'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

export const APPROVAL_LEVEL_LABELS: Record<ApprovalLevel, string> = {
  village: '村级评议',
  township: '乡镇审核',
  county: '县级审批',
};

/** House safety ratings (房屋安全鉴定): only C and D houses are dangerous and in scope. */
export const HOUSE_RATINGS = ['C', 'D'] as const;
export type HouseRating = (typeof HOUSE_RATINGS)[number];
