import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EscalationStep } from '../../../domain/src/escalation/ladder';
import type { ItemCommand, ItemState } from '../../../domain/src/rectification/item-process';
import type { Actor } from '../../../domain/src/process/actor';

/** What an item is about: fixed at registration, carried by its workflow. */
export interface RectificationItemFacts {
  itemId: string;
  ledgerId: string;
  number: number;
  problem: string;
  source: string;
  category: string;
  analysis: string;
  measures: string[];
  responsibleUnit: string;
  responsibleUnitPath: string;
  verifierId: string;
  repeatOf: string | null;
  workflowId: string;
}

export interface RectificationItemInput {
  facts: RectificationItemFacts;
  ladder: EscalationStep[];
  registeredBy: Actor;
  /** The state to carry on from (continue-as-new); absent for a new item. */
  state?: ItemState;
  /** Notifications the previous run had not delivered (continue-as-new): this run delivers them. */
  undelivered?: string[];
  deadlines: { basic: string; full: string };
  responsiblePersonId: string;
  /**
   * Brought in from an existing ledger as it stands: ladder steps whose time had passed at
   * registration are caught up once (the highest fires, the ones below it are passed over).
   */
  existing?: boolean;
}

export interface CommandResult {
  version: number;
  status: ItemState['status'];
}

/** Every step a person takes on an item is this one update; its validator refuses illegal steps. */
export const itemCommandUpdate = defineUpdate<CommandResult, [{ command: ItemCommand; actor: Actor }]>(
  'command',
);

/** Resolves once the item is in the read model (the API awaits it after starting the workflow). */
export const itemRegisteredUpdate = defineUpdate<CommandResult>('registered');

export const itemStateQuery = defineQuery<ItemState>('state');

export const rectificationWorkflowId = (ledgerId: string, itemId: string) =>
  `rectification:${ledgerId}:${itemId}`;

/** How long a closed item stays open to re-check (回头看) before its workflow completes. */
export const RECHECK_WINDOW = '365 days';
