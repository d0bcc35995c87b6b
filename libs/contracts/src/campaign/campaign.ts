import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../../domain/src/process/actor';
import type { ResolvedPlan, ResolvedTask } from '../../../domain/src/campaign/campaign-plan';
import type { TaskCommand, TaskState } from '../../../domain/src/campaign/campaign-task';
import type { CampaignState } from '../../../domain/src/campaign/campaign-process';

/** One workflow per campaign; it starts one child per (non-group) task. */
export const campaignWorkflowId = (campaignId: string) => `campaign:${campaignId}`;
export const campaignTaskWorkflowId = (campaignId: string, taskKey: string) =>
  `campaign-task:${campaignId}:${taskKey}`;

export interface CampaignWorkflowInput {
  campaignId: string;
  planVersion: number;
  plan: ResolvedPlan;
  launchedBy: Actor;
  /** Carried over by continue-as-new. */
  state?: CampaignState;
  /** Times a plan change re-armed the pledge ladder (each re-arming issues new notices); carried over by continue-as-new. */
  pledgeRearmed?: number;
  /** Notifications the previous run had not delivered (continue-as-new): this run delivers them. */
  undelivered?: string[];
}

export interface CampaignTaskWorkflowInput {
  campaignId: string;
  task: ResolvedTask;
  /** The campaign window's start (ISO): pace is measured from it. */
  windowStart: string;
  ladder: ResolvedPlan['ladder'];
  paceMargin: number;
  launchedBy: Actor;
  /** Carried over by continue-as-new. */
  state?: TaskState;
  /** Times a moved deadline cleared fired ladder steps (each re-arming issues new notices); carried over by continue-as-new. */
  rearmed?: number;
  /** Notifications the previous run had not delivered (continue-as-new): this run delivers them. */
  undelivered?: string[];
}

export interface CampaignCommandResult {
  version: number;
  status: string;
}

/** Campaign-level steps of the command center; validators refuse illegal ones with a code. */
export type CampaignCommand =
  | { type: 'pledge'; unit: string; note: string; evidenceIds: string[] }
  | { type: 'apply-plan'; planVersion: number; plan: ResolvedPlan; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'close'; note: string };

export const campaignCommandUpdate = defineUpdate<
  CampaignCommandResult,
  [{ command: CampaignCommand; actor: Actor }]
>('command');
export const campaignStateQuery = defineQuery<CampaignState>('state');

/** A department's or the command center's step on one task. */
export const taskCommandUpdate = defineUpdate<
  CampaignCommandResult,
  [{ command: TaskCommand; actor: Actor }]
>('command');
export const taskStateQuery = defineQuery<TaskState>('state');

/** From the campaign workflow to its tasks. */
export const taskReviseSignal =
  defineSignal<[{ task: ResolvedTask; actor: Actor; reason: string }]>('revise');
export const taskPauseSignal = defineSignal<[{ actor: Actor; reason: string }]>('pause');
export const taskResumeSignal = defineSignal<[{ actor: Actor; reason: string }]>('resume');
export const taskCloseSignal = defineSignal<[{ actor: Actor }]>('close');

/** Answers once the launch is in the read model (the API waits on it before it replies). */
export const campaignLaunchedUpdate = defineUpdate<CampaignCommandResult, []>('launched');
