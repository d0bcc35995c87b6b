import { Injectable } from '@nestjs/common';
import type { CampaignEscalation } from '../../../../libs/database/src/campaign/campaign-escalation.entity';
import { CampaignTaskQueries } from '../../../../libs/database/src/campaign/campaign-task.queries';
import type { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import { CampaignQueries } from '../../../../libs/database/src/campaign/campaign.queries';
import { documentNumber } from '../../../../libs/domain/src/documents/official-document';
import type { CurrentUser } from '../access/current-user';
import { DocumentsService } from '../documents/documents.service';
import type { NoticeDocument } from '../documents/notice-document';
import { CampaignErrors } from './campaign.errors';
import { CampaignTasksService } from './campaign-tasks.service';

/**
 * The escalation notices of a campaign task as printable documents, readable by whoever may see
 * the task (the task's per-object check: 404 for a campaign not theirs, 403 for another unit's task).
 */
@Injectable()
export class CampaignNoticesService {
  constructor(
    private readonly queries: CampaignTaskQueries,
    private readonly campaigns: CampaignQueries,
    private readonly documentSettings: DocumentsService,
    private readonly tasks: CampaignTasksService,
  ) {}

  async all(
    caller: CurrentUser,
    id: string,
    key: string,
  ): Promise<{ task: CampaignTask; notices: Array<{ id: string; document: NoticeDocument }> }> {
    const { campaign, task } = await this.tasks.visibleTask(caller, id, key);
    const rows = await this.queries.escalations(id, key);
    return { task, notices: await this.documents(campaign.name, task, rows) };
  }

  async one(caller: CurrentUser, id: string, key: string, noticeId: string): Promise<NoticeDocument> {
    const { campaign, task } = await this.tasks.visibleTask(caller, id, key);
    const row = await this.queries.escalation(id, key, noticeId);
    if (!row) throw CampaignErrors.error('NOTICE_NOT_FOUND', `任务 ${key} 没有编号为 ${noticeId} 的督办通知`);
    const [notice] = await this.documents(campaign.name, task, [row]);
    return notice.document;
  }

  private async documents(
    campaignName: string,
    task: CampaignTask,
    rows: CampaignEscalation[],
  ): Promise<Array<{ id: string; document: NoticeDocument }>> {
    const codes = [...new Set(rows.flatMap((r) => r.unit.split(',')).filter((c) => c !== ''))];
    const units = await this.campaigns.unitNames(codes);
    const offices = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.issuingUnit ?? '')))
      offices.set(code, await this.documentSettings.officeName(code));
    const deadlines = [
      ...(task.originalDeadline.getTime() !== task.deadline.getTime()
        ? [{ label: '原定完成期限', at: task.originalDeadline }]
        : []),
      { label: '完成期限', at: task.deadline },
    ];
    return rows.map((row) => ({
      id: row.id,
      document: {
        kind: row.noticeKind,
        number: row.year !== null && row.serial !== null ? documentNumber(row.year, row.serial) : null,
        label: row.label,
        issuingOffice: offices.get(row.issuingUnit ?? '') ?? '',
        unitNames: row.unit
          .split(',')
          .filter((c) => c !== '')
          .map((code) => units.get(code) ?? code),
        responsiblePerson: null,
        matter: `任务 ${task.key}：${task.name}`,
        source: `攻坚行动：${campaignName}`,
        deadlines,
        remindsOf: task.deadline,
        issuedAt: row.issuedAt,
        leaderMustAct: row.kind === 'summons' || row.kind === 'accountability',
        leaderDecision: row.leaderDecision,
      },
    }));
  }
}
