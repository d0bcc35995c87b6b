import { Steps } from 'antd';
import {
  APPROVAL_LEVEL_LABELS,
  STAGE_LABELS,
  type HouseholdStage,
} from '../../../../../../libs/domain/src/housing/household-stages';
import { showTime } from '../../../shared/deadline';
import type { HouseholdDetail } from './household-types';

/** The pipeline as people name it: each step, and the stage that waits for it. */
const PIPELINE: Array<{ title: string; stage: HouseholdStage }> = [
  { title: '危房鉴定', stage: 'appraisal' },
  { title: '审核审批', stage: 'approval' },
  { title: '开工', stage: 'construction-start' },
  { title: '竣工', stage: 'construction' },
  { title: '竣工验收', stage: 'acceptance' },
  { title: '补助兑付', stage: 'payment' },
  { title: '入住', stage: 'move-in' },
];

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  paying: '兑付中',
  paid: '已兑付',
  refused: '被支付渠道拒绝',
};

/** Where the household stands: done steps, the one it waits for, and why it stopped if withdrawn. */
export function PipelineSteps({ household }: { household: HouseholdDetail }) {
  const stage = household.withdrawn?.fromStage ?? household.stage;
  const index = stage === 'moved-in' ? PIPELINE.length : PIPELINE.findIndex((step) => step.stage === stage);
  const current = Math.min(index, PIPELINE.length - 1);
  const detail = (step: HouseholdStage): string | undefined => {
    if (step === 'approval' && household.stage === 'approval' && household.approvalLevel)
      return `当前：${APPROVAL_LEVEL_LABELS[household.approvalLevel]}`;
    if (step === 'acceptance' && household.stage === 'acceptance')
      return household.missingSignatures.length > 0
        ? `待${household.missingSignatures.join('、')}签字`
        : undefined;
    if (step === 'payment' && household.payment) return PAYMENT_STATUS_LABELS[household.payment.status];
    return undefined;
  };
  return (
    <Steps
      aria-label="改造流程"
      responsive
      size="small"
      current={current}
      status={
        household.withdrawn
          ? 'error'
          : household.stage === 'moved-in'
            ? 'finish'
            : household.overdue || household.payment?.status === 'refused'
              ? 'error'
              : 'process'
      }
      items={PIPELINE.map((step, i) => ({
        title: step.title,
        content:
          household.withdrawn && i === current
            ? `${STAGE_LABELS.withdrawn}（${showTime(household.withdrawn.at)}）`
            : detail(step.stage),
      }))}
    />
  );
}
