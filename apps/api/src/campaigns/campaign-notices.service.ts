import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CampaignEscalation } from '../../../../libs/database/src/campaign/campaign-escalation.entity';
import type { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import { officeName } from '../../../../libs/database/src/documents/document-numbers';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { documentNumber } from '../../../../libs/domain/src/documents/official-document';
import type { CurrentUser } from '../access/current-user';
import type { NoticeDocument } from '../documents/notice-document';
import { CampaignTasksService } from './campaign-tasks.service';

/**
 * The escalation notices of a campaign task as printable documents, readable by whoever may see
 * the task (the task's per-object check: 404 for a campaign not theirs, 403 for another unit's task).
 */
@Injectable()
export class CampaignNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: CampaignTasksService,
  ) {}

  async all(
    caller: CurrentUser,
    id: string,
    key: string,
  ): Promise<{ task: CampaignTask; notices: Array<{ id: string; document: NoticeDocument }> }> {
    const { campaign, task } = await this.tasks.visibleTask(caller, id, key);
    const rows = await this.dataSource.getRepository(CampaignEscalation).find({
      where: { campaignId: id, subject: `task:${key}` },
      order: { issuedAt: 'ASC', level: 'ASC' },
    });
    return { task, notices: await this.documents(campaign.name, task, rows) };
  }

  async one(caller: CurrentUser, id: string, key: string, noticeId: string): Promise<NoticeDocument> {
    const { campaign, task } = await this.tasks.visibleTask(caller, id, key);
    const row = await this.dataSource
      .getRepository(CampaignEscalation)
      .findOneBy({ id: noticeId, campaignId: id, subject: `task:${key}` });
    if (!row)
      throw new NotFoundException({
        code: 'NOTICE_NOT_FOUND',
        message: `任务 ${key} 没有编号为 ${noticeId} 的督办通知`,
      });
    const [notice] = await this.documents(campaign.name, task, [row]);
    return notice.document;
  }

  private async documents(
    campaignName: string,
    task: CampaignTask,
    rows: CampaignEscalation[],
  ): Promise<Array<{ id: string; document: NoticeDocument }>> {
    const codes = [...new Set(rows.flatMap((r) => r.unit.split(',')).filter((c) => c !== ''))];
    const units = new Map(
      (await this.dataSource.getRepository(Unit).findBy({ code: In(codes) })).map((u) => [u.code, u.name]),
    );
    const offices = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.issuingUnit ?? '')))
      offices.set(code, await officeName(this.dataSource.manager, code));
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
