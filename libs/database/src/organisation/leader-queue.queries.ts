import { Queries } from '../queries';

/** One ladder step of an item or a task waiting for a leader's decision. */
export interface LeaderQueueRow {
  kind: 'rectification' | 'campaign-task';
  object_id: string;
  task_key: string;
  title: string;
  context: string;
  unit: string;
  unit_name: string | null;
  level: number;
  label: string | null;
  since: Date | null;
}

/** The leaders' queue (约谈, 问责) across rectification items and campaign tasks. */
export class LeaderQueueQueries extends Queries {
  /**
   * Every step awaiting a leader's decision (`awaiting_leader` on both read models), with the
   * step's latest notice for its label and time, oldest first.
   */
  awaitingDecision(): Promise<LeaderQueueRow[]> {
    return this.db.query<LeaderQueueRow[]>(`
      SELECT 'rectification' AS kind, i.id::text AS object_id, '' AS task_key,
             '第' || i.number || '号 ' || i.problem AS title, l.name AS context,
             i.responsible_unit AS unit, u.name AS unit_name, lvl AS level, n.label, n.issued_at AS since
        FROM rectification_item i
        CROSS JOIN LATERAL unnest(i.awaiting_leader) AS lvl
        JOIN ledger l ON l.id = i.ledger_id
        LEFT JOIN unit u ON u.code = i.responsible_unit
        LEFT JOIN LATERAL (
          SELECT label, issued_at FROM escalation_notice
           WHERE item_id = i.id AND level = lvl ORDER BY arming DESC LIMIT 1) n ON true
       WHERE i.awaiting_leader <> '{}' AND i.status <> 'closed'
      UNION ALL
      SELECT 'campaign-task', t.campaign_id::text, t.key, t.key || ' ' || t.name, c.name,
             t.lead_unit, u.name, lvl, e.label, e.issued_at
        FROM campaign_task t
        CROSS JOIN LATERAL unnest(t.awaiting_leader) AS lvl
        JOIN campaign c ON c.id = t.campaign_id
        LEFT JOIN unit u ON u.code = t.lead_unit
        LEFT JOIN LATERAL (
          SELECT label, issued_at FROM campaign_escalation
           WHERE campaign_id = t.campaign_id AND subject = 'task:' || t.key AND level = lvl
           ORDER BY arming DESC LIMIT 1) e ON true
       WHERE t.awaiting_leader <> '{}' AND t.closed_at IS NULL
       ORDER BY since ASC NULLS LAST, kind, object_id, task_key, level`);
  }
}
