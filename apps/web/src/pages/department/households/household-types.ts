import type { components } from '../../../api/schema';
import type { SignOff } from '../../../../../../libs/domain/src/sign-off/sign-off';
import type { HouseholdStage } from '../../../../../../libs/domain/src/housing/household-stages';

type Schemas = components['schemas'];

/** The list row as the API sends it (the generated schema loses nullable fields to `Record`). */
export type HouseholdRow = Omit<
  Schemas['HouseholdSummaryView'],
  'stageDeadline' | 'approvalLevel' | 'noticeEndsAt' | 'paymentStatus'
> & {
  stage: HouseholdStage;
  stageDeadline: string | null;
  approvalLevel: 'village' | 'township' | 'county' | null;
  noticeEndsAt: string | null;
  paymentStatus: 'paying' | 'paid' | 'refused' | null;
};

export interface HouseholdPageBody {
  total: number;
  page: number;
  pageSize: number;
  items: HouseholdRow[];
}

/** An acceptance signature (libs/domain sign-off). */
export type Signature = Pick<SignOff, 'signerName' | 'unit' | 'at' | 'note'>;

export interface Objection {
  id: string;
  text: string;
  level: 'village' | 'township' | 'county';
  filedAt: string;
  filedBy: string;
  status: 'open' | 'dismissed' | 'upheld';
  resolution: string | null;
}

export type HouseholdEvent = Omit<Schemas['HouseholdEventView'], 'reason'> & { reason: string | null };

export type HouseholdEvidence = Schemas['EvidenceView'];

export type HouseholdDetail = HouseholdRow & {
  approval: {
    level: 'village' | 'township' | 'county';
    notice: { startedAt: string; endsAt: string } | null;
    objections: Objection[];
  } | null;
  acceptanceSignatures: Signature[];
  missingSignatures: string[];
  payment: {
    attempt: number;
    status: 'paying' | 'paid' | 'refused';
    transactionId: string | null;
    refusedReason: string | null;
  } | null;
  withdrawn: { at: string; reason: string; fromStage: HouseholdStage } | null;
  timeline: HouseholdEvent[];
  evidence: HouseholdEvidence[];
};

export type StepBody = Schemas['HouseholdStepBody'];
export type StepType = StepBody['type'];
export type BulkResult = Schemas['BulkStepResult'];

export const householdsKey = (query: object) => ['housing', 'households', query] as const;
export const householdKey = (id: string) => ['housing', 'household', id] as const;
export const HOUSEHOLDS_ROOT_KEY = ['housing', 'households'] as const;
