import type { EntityManager } from 'typeorm';
import type { TaskProgressInput } from '../../../domain/src/campaign/campaign-progress';
import type { TaskStatus } from '../../../domain/src/campaign/campaign-task';
import { deadlineInForce } from '../../../domain/src/campaign/pace';
import { pauseOf } from '../pause-columns';
import { preparedQuery } from '../queries';

/**
 * A campaign's tasks as the rollups need them (libs/domain/src/campaign/campaign-progress.ts), read
 * from the campaign_task projection with linked progress counted from the other read models: items
 * closed on a rectification ledger, households moved in on a housing programme (withdrawn ones
 * left out). One statement whatever the number of tasks. Shared by the progress API, the weekly
 * bulletin and the final report, so they always agree.
 */
export async function campaignProgressRows(
  manager: EntityManager,
  campaignId: string,
  now: Date = new Date(),
): Promise<TaskProgressInput[]> {
  // One statement (each round trip costs the API a socket write and a wake-up of the backend):
  // the tasks, and the counts of the ledgers and programmes they link to, each counted once.
  const tasks = await preparedQuery<TaskRow>(
    manager,
    `WITH t AS (
       SELECT key, parent_key, ord, name, lead_unit, cooperating_units, is_group, status, deadline,
              original_deadline, target_quantity, target_unit, quantity_done, percent_done,
              linked_ledger_id, linked_programme_id, escalation_level, behind_pace, submitted_at,
              accepted_at, closed_at, paused_ms, paused_since
         FROM campaign_task WHERE campaign_id = $1),
     l AS (
       SELECT ledger_id, count(*) FILTER (WHERE status = 'closed')::int AS done, count(*)::int AS total
         FROM rectification_item WHERE ledger_id IN (SELECT linked_ledger_id FROM t) GROUP BY ledger_id),
     p AS (
       SELECT programme_id, coalesce(sum(households) FILTER (WHERE stage = 'moved-in'), 0)::int AS done,
              coalesce(sum(households) FILTER (WHERE stage <> 'withdrawn'), 0)::int AS total
         FROM household_stage_count WHERE programme_id IN (SELECT linked_programme_id FROM t)
        GROUP BY programme_id)
     SELECT t.*, coalesce(l.done, p.done, 0) AS linked_done, coalesce(l.total, p.total, 0) AS linked_total
       FROM t LEFT JOIN l ON l.ledger_id = t.linked_ledger_id LEFT JOIN p ON p.programme_id = t.linked_programme_id
      ORDER BY t.ord`,
    [campaignId],
  );

  // The deadline in force (pauses moved it), by the one rule the ladder and every reader share,
  // and how far the pauses moved it (the original deadline is compared after the same shift).
  const inForce = (t: (typeof tasks)[number], at: Date) => {
    const deadline = deadlineInForce(
      { deadline: t.deadline.toISOString(), pausedMs: Number(t.paused_ms), paused: pauseOf(t.paused_since) },
      at,
    );
    return { deadline, pausedMs: Date.parse(deadline) - t.deadline.getTime() };
  };
  return tasks.map((t) => ({
    key: t.key,
    parentKey: t.parent_key,
    order: t.ord,
    name: t.name,
    lead: t.lead_unit,
    cooperating: t.cooperating_units,
    isGroup: t.is_group,
    status: t.status,
    ...inForce(t, now),
    originalDeadline: t.original_deadline.toISOString(),
    targetQuantity: numberOrNull(t.target_quantity),
    targetUnit: t.target_unit,
    quantityDone: numberOrNull(t.quantity_done),
    percentDone: numberOrNull(t.percent_done),
    linked: t.linked_ledger_id
      ? { kind: 'ledger', done: t.linked_done, total: t.linked_total }
      : t.linked_programme_id
        ? { kind: 'programme', done: t.linked_done, total: t.linked_total }
        : null,
    escalationLevel: t.escalation_level,
    behindPace: t.behind_pace,
    submittedAt: t.submitted_at?.toISOString() ?? null,
    acceptedAt: t.accepted_at?.toISOString() ?? null,
    closedAt: t.closed_at?.toISOString() ?? null,
  }));
}

/** Done and total of one linked measure (what a task workflow checks its pace against). */
export async function linkedProgress(
  manager: EntityManager,
  measure: { ledger: string } | { programme: string },
): Promise<{ done: number; total: number }> {
  const [row] =
    'ledger' in measure
      ? await manager.query<CountRow[]>(
          `SELECT $1::uuid AS id, count(*) FILTER (WHERE status = 'closed')::int AS done, count(*)::int AS total
             FROM rectification_item WHERE ledger_id = $1`,
          [measure.ledger],
        )
      : await manager.query<CountRow[]>(
          `SELECT $1::uuid AS id,
                  coalesce(sum(households) FILTER (WHERE stage = 'moved-in'), 0)::int AS done,
                  coalesce(sum(households) FILTER (WHERE stage <> 'withdrawn'), 0)::int AS total
             FROM household_stage_count WHERE programme_id = $1`,
          [measure.programme],
        );
  return pick(row ?? { done: 0, total: 0 });
}

interface TaskRow {
  key: string;
  parent_key: string | null;
  ord: number;
  name: string;
  lead_unit: string;
  cooperating_units: string[];
  is_group: boolean;
  status: TaskStatus;
  deadline: Date;
  original_deadline: Date;
  target_quantity: string | null;
  target_unit: string | null;
  quantity_done: string | null;
  percent_done: string | null;
  linked_ledger_id: string | null;
  linked_programme_id: string | null;
  escalation_level: number;
  behind_pace: boolean;
  submitted_at: Date | null;
  accepted_at: Date | null;
  closed_at: Date | null;
  paused_ms: string | number;
  paused_since: Date | null;
  linked_done: number;
  linked_total: number;
}

interface CountRow {
  id: string;
  done: number;
  total: number;
}

const pick = ({ done, total }: { done: number; total: number }) => ({ done, total });
const numberOrNull = (value: string | null) => (value === null ? null : Number(value));
