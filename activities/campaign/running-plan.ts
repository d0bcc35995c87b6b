import type { EntityManager } from 'typeorm';
import type { ResolvedGoal, ResolvedPlan } from '../../libs/domain/src/campaign/campaign-plan';

/** The name and the goals of the plan version a campaign runs. */
export async function runningPlan(
  manager: EntityManager,
  campaignId: string,
): Promise<{ name: string; goals: ResolvedGoal[] }> {
  const rows = await manager.query<Array<{ name: string; resolved: ResolvedPlan }>>(
    `SELECT c.name, v.resolved FROM campaign c
       JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
      WHERE c.id = $1`,
    [campaignId],
  );
  if (rows.length === 0) throw new Error(`campaign ${campaignId} has no plan in the read model`);
  return { name: rows[0].name, goals: rows[0].resolved.goals ?? [] };
}
