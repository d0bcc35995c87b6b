import type { SignOff } from '../sign-off/sign-off';
import type { ResolvedPlan } from './campaign-plan';

/**
 * The campaign as a whole (implemented in campaign-rules.ts): launched → running ⇄ paused → closed.
 * Responsibility pledges (签订责任状) are sign-offs by each unit named in the plan, due within
 * `pledgeWithin` of launch and escalated on the plan's ladder like any late task.
 */
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: '未启动',
  running: '推进中',
  paused: '已暂停',
  closed: '已结束',
};

export interface Pledge {
  unit: string;
  signOff: SignOff | null;
}

export interface CampaignState {
  status: Exclude<CampaignStatus, 'draft'>;
  planVersion: number;
  plan: ResolvedPlan;
  launchedAt: string;
  pledges: Pledge[];
  /** ISO instant: launch + pledgeWithin. */
  pledgeDeadline: string;
  /** Ladder levels fired on the pledge deadline. */
  pledgeFiredLevels: number[];
  /** Number of the last weekly bulletin published (0: none yet). */
  bulletinsPublished: number;
  /** Due time (ISO) of the last bulletin, dispatch reminder and monthly reminder handled. */
  lastBulletinDueAt: string | null;
  lastDispatchDueAt: string | null;
  lastMonthlyDueAt: string | null;
  paused: { since: string; reason: string } | null;
  pausedMs: number;
  closedAt: string | null;
  closeNote: string | null;
  version: number;
}
