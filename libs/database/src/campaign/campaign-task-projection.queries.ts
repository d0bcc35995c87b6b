import type { MeasureSpec } from '../../../domain/src/campaign/campaign-plan';
import type { TaskEvent, TaskState } from '../../../domain/src/campaign/campaign-task';
import { Queries } from '../queries';

const linkedIds = (measure: MeasureSpec) => ({
  ledger: typeof measure === 'object' && 'ledger' in measure ? measure.ledger : null,
  programme: typeof measure === 'object' && 'programme' in measure ? measure.programme : null,
});

/** The task workflow's writes into the read model: the task row, its timeline and leader decisions. */
export class CampaignTaskProjectionQueries extends Queries {
  /**
   * The stored version and state of the task's row, locked until the transaction ends; undefined
   * when there is no row yet (the state is null before the task's launch is projected).
   */
  async lockTaskState(
    campaignId: string,
    key: string,
  ): Promise<{ version: number; state: TaskState | null } | undefined> {
    const [current] = await this.db.query<Array<{ version: number; state: TaskState | null }>>(
      `SELECT version, state FROM campaign_task WHERE campaign_id = $1 AND key = $2 FOR NO KEY UPDATE`,
      [campaignId, key],
    );
    return current;
  }

  /** The task row with this state, only if its version is newer than the stored one. */
  async updateTask(
    campaignId: string,
    state: TaskState,
    derived: { escalationLevel: number; awaitingLeader: number[] },
  ): Promise<void> {
    const { task } = state;
    const linked = linkedIds(task.measure);
    await this.db.query(
      `UPDATE campaign_task SET name = $3, lead_unit = $4, cooperating_units = $5, depends_on = $6, measure = $7,
         linked_ledger_id = $8, linked_programme_id = $9, target_quantity = $10, target_unit = $11, pace = $12,
         status = $13, deadline = $14, original_deadline = $15, quantity_done = $16, percent_done = $17,
         escalation_level = $18, behind_pace = $19, submitted_at = $20, accepted_at = $21, closed_at = $22,
         return_count = $23, paused_ms = $24, workflow_id = $25, state = $26, version = $27,
         awaiting_leader = $28, paused_since = $29, updated_at = now()
       WHERE campaign_id = $1 AND key = $2 AND version < $27`,
      [
        campaignId,
        task.key,
        task.name,
        task.lead,
        task.cooperating,
        task.dependsOn,
        JSON.stringify(task.measure),
        linked.ledger,
        linked.programme,
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        state.status,
        state.deadline,
        state.originalDeadline,
        state.quantityDone,
        state.percentDone,
        derived.escalationLevel,
        state.behindPace,
        state.submittedAt,
        state.acceptedAt,
        state.closedAt,
        state.returnCount,
        state.pausedMs,
        `campaign-task:${campaignId}:${task.key}`,
        JSON.stringify(state),
        state.version,
        derived.awaitingLeader,
        state.paused?.since ?? null,
      ],
    );
  }

  /** The timeline entry of a task version; false when it was already there. */
  async insertEvent(
    campaignId: string,
    taskKey: string,
    version: number,
    event: TaskEvent,
  ): Promise<boolean> {
    const inserted = await this.db.query<Array<{ version: number }>>(
      `INSERT INTO campaign_task_event (campaign_id, task_key, version, at, type, actor_id, actor_name, summary, reason, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING version`,
      [
        campaignId,
        taskKey,
        version,
        event.at,
        event.type,
        event.actor.id,
        event.actor.name,
        event.summary,
        event.reason,
        JSON.stringify(event.data),
      ],
    );
    return inserted.length > 0;
  }

  /** A leader's decision, on the step's latest notice (a re-armed ladder issues new ones). */
  async recordLeaderDecision(
    campaignId: string,
    taskKey: string,
    decision: { level: unknown; decision: unknown; decidedBy: string; at: string },
  ): Promise<void> {
    await this.db.query(
      `UPDATE campaign_escalation SET leader_decision = $4, decided_by = $5, decided_at = $6
        WHERE campaign_id = $1 AND subject = $2 AND level = $3
          AND arming = (SELECT max(arming) FROM campaign_escalation WHERE campaign_id = $1 AND subject = $2 AND level = $3)`,
      [campaignId, `task:${taskKey}`, decision.level, decision.decision, decision.decidedBy, decision.at],
    );
  }
}
