import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LeaderQueueEntryView } from './leader-queue.dto';

interface QueueRow {
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

/**
 * Every rectification item and campaign task with a step awaiting a leader's decision, from the read
 * model (`awaiting_leader` on both rows, the step's latest notice for its label and time), oldest first.
 */
@Injectable()
export class LeaderQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<LeaderQueueEntryView[]> {
    const rows = await this.dataSource.query<QueueRow[]>(`
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
    return rows.map((row) => {
      const item = row.kind === 'rectification';
      const taskPath = `${row.object_id}/tasks/${encodeURIComponent(row.task_key)}`;
      return {
        kind: row.kind,
        kindLabel: item ? '整改问题' : '攻坚任务',
        subject: item ? `rectification:${row.object_id}` : `campaign-task:${row.object_id}:${row.task_key}`,
        objectId: row.object_id,
        taskKey: row.task_key,
        title: row.title,
        context: row.context,
        unit: row.unit,
        unitName: row.unit_name ?? row.unit,
        level: row.level,
        levelLabel: row.label ?? `第 ${row.level} 级督办`,
        since: (row.since ?? new Date(0)).toISOString(),
        decisionPath: item
          ? `/api/rectifications/${row.object_id}/leader-decision`
          : `/api/campaigns/${taskPath}/leader-decision`,
      };
    });
  }
}
