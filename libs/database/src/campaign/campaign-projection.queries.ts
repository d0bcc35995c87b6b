import { campaignTaskWorkflowId } from '../../../contracts/src/campaign/campaign';
import type { ResolvedGoal, ResolvedPlan, ResolvedTask } from '../../../domain/src/campaign/campaign-plan';
import type { CampaignState } from '../../../domain/src/campaign/campaign-process';
import type { FinalReport } from '../../../domain/src/campaign/campaign-progress';
import { Queries } from '../queries';

/**
 * What the plan says of a task, as $1 … $16 of the task row's statements: campaign, key, name,
 * parent, order, lead, cooperating, group, dependencies, measure, linked ledger and programme,
 * target quantity and unit, pace, deadline.
 */
const planColumns = (campaignId: string, task: ResolvedTask): unknown[] => [
  campaignId,
  task.key,
  task.name,
  task.parentKey,
  task.order,
  task.lead,
  task.cooperating,
  task.isGroup,
  task.dependsOn,
  JSON.stringify(task.measure),
  typeof task.measure === 'object' && 'ledger' in task.measure ? task.measure.ledger : null,
  typeof task.measure === 'object' && 'programme' in task.measure ? task.measure.programme : null,
  task.target?.quantity ?? null,
  task.target?.unit ?? null,
  task.pace ? JSON.stringify(task.pace) : null,
  task.deadline,
];

/**
 * The campaign workflow's writes into the read model: the campaign row (launch, every later change,
 * the close with its final report), plan versions applied, pledge rows and the rows of the plan's
 * tasks; and what its activities read back (the plan it runs, the open tasks per lead unit).
 */
export class CampaignProjectionQueries extends Queries {
  /** Throws when the campaign is not in the read model. */
  async assertCampaignExists(campaignId: string): Promise<void> {
    const rows = await this.db.query<Array<{ id: string }>>(`SELECT id FROM campaign WHERE id = $1`, [
      campaignId,
    ]);
    if (rows.length === 0) throw new Error(`campaign ${campaignId} is not in the read model`);
  }

  /** The launch on the campaign row (once: a launched row is left alone). */
  async recordLaunch(
    campaignId: string,
    launch: { planVersion: number; plan: ResolvedPlan; state: CampaignState; launchedBy: string },
  ): Promise<void> {
    const { state } = launch;
    await this.db.query(
      `UPDATE campaign SET name = $2, status = $3, plan_version = $4, window_start = $5, window_end = $6,
         launched_at = $7, launched_by = $8, pledge_deadline = $9, state = $10, version = $11, updated_at = now()
       WHERE id = $1 AND launched_at IS NULL`,
      [
        campaignId,
        launch.plan.name,
        state.status,
        launch.planVersion,
        launch.plan.window.start,
        launch.plan.window.end,
        state.launchedAt,
        launch.launchedBy,
        state.pledgeDeadline,
        JSON.stringify(state),
        state.version,
      ],
    );
  }

  /** The campaign row with this state, only if its version is newer than the stored one. */
  async updateCampaign(campaignId: string, state: CampaignState): Promise<boolean> {
    // An UPDATE answers [rows, affected row count] through TypeORM, not the rows alone.
    const [, updated] = await this.db.query<[unknown[], number]>(
      `UPDATE campaign SET name = $2, status = $3, plan_version = $4, window_start = $5, window_end = $6,
         pledge_deadline = $7, paused_since = $8, closed_at = coalesce(closed_at, $9), state = $10, version = $11,
         updated_at = now()
       WHERE id = $1 AND version < $11`,
      [
        campaignId,
        state.plan.name,
        state.status,
        state.planVersion,
        state.plan.window.start,
        state.plan.window.end,
        state.pledgeDeadline,
        state.paused?.since ?? null,
        state.closedAt,
        JSON.stringify(state),
        state.version,
      ],
    );
    return updated > 0;
  }

  /** Marks a plan version applied by the running campaign (once). */
  async markPlanApplied(campaignId: string, version: number, at: string | Date): Promise<void> {
    await this.db.query(
      `UPDATE campaign_plan_version SET applied_at = $3
        WHERE campaign_id = $1 AND version = $2 AND applied_at IS NULL`,
      [campaignId, version, at],
    );
  }

  /**
   * One pledge row, merged monotonically (a signature once recorded stays, an escalation level
   * only rises), so a late or repeated projection never undoes a newer one.
   */
  async mergePledge(
    campaignId: string,
    pledge: { unit: string; signedAt: string | null; signOff: unknown; escalationLevel: number },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO campaign_pledge (campaign_id, unit, signed_at, sign_off, escalation_level)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id, unit) DO UPDATE SET
         signed_at = coalesce(campaign_pledge.signed_at, EXCLUDED.signed_at),
         sign_off = coalesce(campaign_pledge.sign_off, EXCLUDED.sign_off),
         escalation_level = greatest(campaign_pledge.escalation_level, EXCLUDED.escalation_level)`,
      [
        campaignId,
        pledge.unit,
        pledge.signedAt,
        pledge.signOff ? JSON.stringify(pledge.signOff) : null,
        pledge.escalationLevel,
      ],
    );
  }

  /** Inserts the read-model rows of tasks as the plan gives them; rows already there are left alone. */
  async insertTasks(campaignId: string, tasks: ResolvedTask[]): Promise<void> {
    for (const task of tasks) {
      await this.db.query(
        `INSERT INTO campaign_task (campaign_id, key, name, parent_key, ord, lead_unit, cooperating_units, is_group,
           depends_on, measure, linked_ledger_id, linked_programme_id, target_quantity, target_unit, pace,
           deadline, original_deadline, status, workflow_id, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 'in-progress', $17, 0)
         ON CONFLICT (campaign_id, key) DO NOTHING`,
        [
          ...planColumns(campaignId, task),
          task.isGroup ? null : campaignTaskWorkflowId(campaignId, task.key),
        ],
      );
    }
  }

  /**
   * Updates what the plan says of tasks (name, units, target, measure, pace, grouping, order): the
   * deadline, status and progress columns belong to the task workflow's projection. A group runs no
   * workflow, so its deadline follows the plan here.
   */
  async reviseTasks(campaignId: string, tasks: ResolvedTask[]): Promise<void> {
    for (const task of tasks) {
      await this.db.query(
        `UPDATE campaign_task SET name = $3, parent_key = $4, ord = $5, lead_unit = $6, cooperating_units = $7,
           is_group = $8, depends_on = $9, measure = $10, linked_ledger_id = $11, linked_programme_id = $12,
           target_quantity = $13, target_unit = $14, pace = $15,
           deadline = CASE WHEN $8 THEN $16::timestamptz ELSE deadline END, updated_at = now()
         WHERE campaign_id = $1 AND key = $2`,
        planColumns(campaignId, task),
      );
    }
  }

  /** The name and the goals of the plan version a campaign runs. */
  async runningPlan(campaignId: string): Promise<{ name: string; goals: ResolvedGoal[] }> {
    const rows = await this.db.query<Array<{ name: string; resolved: ResolvedPlan }>>(
      `SELECT c.name, v.resolved FROM campaign c
         JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
        WHERE c.id = $1`,
      [campaignId],
    );
    if (rows.length === 0) throw new Error(`campaign ${campaignId} has no plan in the read model`);
    return { name: rows[0].name, goals: rows[0].resolved.goals ?? [] };
  }

  /** The stored final report (null before the close), the campaign row locked; undefined when there is no row. */
  async lockFinalReport(campaignId: string): Promise<FinalReport | null | undefined> {
    const [stored] = await this.db.query<Array<{ final_report: FinalReport | null }>>(
      `SELECT final_report FROM campaign WHERE id = $1 FOR NO KEY UPDATE`,
      [campaignId],
    );
    return stored?.final_report;
  }

  /** The campaign closed with its final report. */
  async close(campaignId: string, report: FinalReport, closedAt: string): Promise<void> {
    await this.db.query(
      `UPDATE campaign SET final_report = $2, status = 'closed', closed_at = $3, paused_since = NULL,
         updated_at = now() WHERE id = $1`,
      [campaignId, JSON.stringify(report), closedAt],
    );
  }

  /** The names of each lead unit's unfinished tasks (not groups), in plan order, by lead unit. */
  async openTasksByLeadUnit(campaignId: string): Promise<Array<{ unit: string; names: string[] }>> {
    const rows = await this.db.query<Array<{ lead_unit: string; names: string[] }>>(
      `SELECT lead_unit, array_agg(name ORDER BY ord) AS names FROM campaign_task
        WHERE campaign_id = $1 AND NOT is_group AND status <> 'accepted' AND closed_at IS NULL
        GROUP BY lead_unit ORDER BY lead_unit`,
      [campaignId],
    );
    return rows.map((r) => ({ unit: r.lead_unit, names: r.names }));
  }
}
