import type { EntityManager } from 'typeorm';
import { CampaignPlanQueries } from '../../libs/database/src/campaign/campaign-plan.queries';
import type { ResolvedPlan } from '../../libs/domain/src/campaign/campaign-plan';

/** A draft campaign with its plan as version 1, as the plan editor writes them (no workflow yet). */
export async function insertDraftCampaign(
  manager: EntityManager,
  id: string,
  plan: ResolvedPlan,
): Promise<void> {
  const plans = new CampaignPlanQueries(manager);
  await plans.insertCampaign({
    id,
    name: plan.name,
    status: 'draft',
    planVersion: 1,
    windowStart: new Date(plan.window.start),
    windowEnd: new Date(plan.window.end),
    workflowId: `campaign:${id}`,
    version: 0,
    createdBy: '指挥部',
  });
  await plans.insertVersion({
    campaignId: id,
    version: 1,
    document: {} as never,
    resolved: plan,
    reason: null,
    createdBy: '指挥部',
  });
}
