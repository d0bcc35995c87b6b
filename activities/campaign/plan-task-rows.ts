import type { EntityManager } from 'typeorm';
import { campaignTaskWorkflowId } from '../../libs/contracts/src/campaign/campaign';
import type { ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';

/** Inserts the read-model rows of tasks as the plan gives them; rows already there are left alone. */
export async function insertTasks(
  manager: EntityManager,
  campaignId: string,
  tasks: ResolvedTask[],
): Promise<void> {
  for (const task of tasks) {
    await manager.query(
      `INSERT INTO campaign_task (campaign_id, key, parent_key, ord, name, lead_unit, cooperating_units, is_group,
         depends_on, measure, linked_ledger_id, linked_programme_id, target_quantity, target_unit, pace,
         deadline, original_deadline, status, workflow_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 'in-progress', $17, 0)
       ON CONFLICT (campaign_id, key) DO NOTHING`,
      [
        campaignId,
        task.key,
        task.parentKey,
        task.order,
        task.name,
        task.lead,
        task.cooperating,
        task.isGroup,
        task.dependsOn,
        JSON.stringify(task.measure),
        linkedLedger(task),
        linkedProgramme(task),
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        task.deadline,
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
export async function reviseTasks(
  manager: EntityManager,
  campaignId: string,
  tasks: ResolvedTask[],
): Promise<void> {
  for (const task of tasks) {
    await manager.query(
      `UPDATE campaign_task SET name = $3, parent_key = $4, ord = $5, lead_unit = $6, cooperating_units = $7,
         is_group = $8, depends_on = $9, measure = $10, linked_ledger_id = $11, linked_programme_id = $12,
         target_quantity = $13, target_unit = $14, pace = $15,
         deadline = CASE WHEN $8 THEN $16::timestamptz ELSE deadline END, updated_at = now()
       WHERE campaign_id = $1 AND key = $2`,
      [
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
        linkedLedger(task),
        linkedProgramme(task),
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        task.deadline,
      ],
    );
  }
}

const linkedLedger = (task: ResolvedTask) =>
  typeof task.measure === 'object' && 'ledger' in task.measure ? task.measure.ledger : null;
const linkedProgramme = (task: ResolvedTask) =>
  typeof task.measure === 'object' && 'programme' in task.measure ? task.measure.programme : null;
