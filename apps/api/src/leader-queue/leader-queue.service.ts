import { Injectable } from '@nestjs/common';
import { LeaderQueueQueries } from '../../../../libs/database/src/organisation/leader-queue.queries';
import { LeaderQueueEntryView } from './leader-queue.dto';

/**
 * Every rectification item and campaign task with a step awaiting a leader's decision, from the read
 * model (`awaiting_leader` on both rows, the step's latest notice for its label and time), oldest first.
 */
@Injectable()
export class LeaderQueueService {
  constructor(private readonly queries: LeaderQueueQueries) {}

  async list(): Promise<LeaderQueueEntryView[]> {
    const rows = await this.queries.awaitingDecision();
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
