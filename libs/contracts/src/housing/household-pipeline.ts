import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../../domain/src/process/actor';
import type {
  HouseholdCommand,
  HouseholdParties,
  HouseholdState,
} from '../../../domain/src/housing/household-process';
import type { HouseRating } from '../../../domain/src/housing/household-stages';
import type { EscalationRules } from '../../../domain/src/housing/household-escalation';

/** What a household is: fixed at import, carried by its workflow. */
export interface HouseholdFacts {
  householdId: string;
  programmeId: string;
  /** The household's number in the county's records (户编号), unique in a programme. */
  householdNo: string;
  headName: string;
  village: string;
  township: string;
  villagePath: string;
  registeredPoor: boolean;
  houseRating: HouseRating;
  plannedSubsidyFen: number;
  workflowId: string;
}

export interface HouseholdPipelineInput {
  facts: HouseholdFacts;
  rules: EscalationRules & { parties: HouseholdParties };
  /** The state the import wrote to the read model, or the one carried over by continue-as-new. */
  state: HouseholdState;
  /** Notifications the previous run had not delivered (continue-as-new): this run delivers them. */
  undelivered?: string[];
}

export interface HouseholdCommandResult {
  version: number;
  stage: HouseholdState['stage'];
}

/** Every step a person takes on a household is this one update; its validator refuses illegal steps. */
export const householdCommandUpdate = defineUpdate<
  HouseholdCommandResult,
  [{ command: HouseholdCommand; actor: Actor }]
>('command');

export const householdStateQuery = defineQuery<HouseholdState>('state');

export const householdWorkflowId = (programmeId: string, householdNo: string) =>
  `household:${programmeId}:${householdNo}`;

/** The gateway refused a transfer for good (not a transient failure): a person must look at it. */
export const PAYMENT_REFUSED = 'PaymentRefused';
