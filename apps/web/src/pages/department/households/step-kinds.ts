import type { HouseholdStage } from '../../../../../../libs/domain/src/housing/household-stages';
import type { StepType } from './household-types';

/** What a step's form asks for; the API (HouseholdStepBody) refuses anything else. */
export type StepField = 'occurredOn' | 'rating' | 'note' | 'reason' | 'objection' | 'objectionId' | 'upheld';

export interface StepKind {
  type: StepType;
  label: string;
  fields: StepField[];
  /** Offered for many households at once on the table page. */
  bulk: boolean;
  /** Needs a second thought before it is sent (cannot be undone). */
  danger?: boolean;
}

/** The steps of household-process.ts, in pipeline order, with the fields each one takes. */
export const STEP_KINDS: StepKind[] = [
  { type: 'record-appraisal', label: '登记危房鉴定', fields: ['rating', 'occurredOn', 'note'], bulk: true },
  { type: 'approve', label: '审批通过', fields: ['note'], bulk: true },
  { type: 'reject', label: '退回', fields: ['reason'], bulk: false, danger: true },
  { type: 'file-objection', label: '登记公示异议', fields: ['objection'], bulk: false },
  {
    type: 'resolve-objection',
    label: '处理公示异议',
    fields: ['objectionId', 'upheld', 'reason'],
    bulk: false,
  },
  { type: 'record-start', label: '登记开工', fields: ['occurredOn', 'note'], bulk: true },
  { type: 'record-completion', label: '登记竣工', fields: ['occurredOn', 'note'], bulk: true },
  { type: 'sign-acceptance', label: '验收签字', fields: ['note'], bulk: true },
  { type: 'record-move-in', label: '登记入住', fields: ['occurredOn', 'note'], bulk: true },
  { type: 'retry-payment', label: '重新发起兑付', fields: ['reason'], bulk: true },
  { type: 'withdraw', label: '退出改造', fields: ['reason'], bulk: true, danger: true },
];

export const stepKind = (type: StepType): StepKind => STEP_KINDS.find((kind) => kind.type === type)!;

export const BULK_STEP_KINDS = STEP_KINDS.filter((kind) => kind.bulk);

/**
 * Steps worth offering in a stage (a hint for the buttons; the pipeline decides and its refusal
 * is shown next to the action).
 */
export const STEPS_IN_STAGE: Partial<Record<HouseholdStage, StepType[]>> = {
  appraisal: ['record-appraisal', 'withdraw'],
  approval: ['approve', 'reject', 'file-objection', 'resolve-objection', 'withdraw'],
  'construction-start': ['record-start', 'withdraw'],
  construction: ['record-completion', 'withdraw'],
  acceptance: ['sign-acceptance', 'reject', 'withdraw'],
  payment: ['retry-payment'],
  'move-in': ['record-move-in'],
};

/** Which stage a bulk step is usually taken in: the step offered first for a selection. */
export function likelyStep(stages: HouseholdStage[]): StepType {
  const first = stages.find((stage) => STEPS_IN_STAGE[stage]?.[0]);
  const type = first ? STEPS_IN_STAGE[first]![0] : 'record-appraisal';
  return stepKind(type).bulk ? type : 'record-appraisal';
}
