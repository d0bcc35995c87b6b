import { Injectable, StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { CAMPAIGN_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-process';
import { TASK_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-task';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { maySeeTask } from './campaign-access';
import {
  PLEDGE_STATUS_LABELS,
  type PledgeStatus,
  type ResponsibilitiesView,
  type ResponsibilityRowView,
  type UnitResponsibilityView,
} from './dto/responsibilities-view.dto';
import { escalationLabel, type PledgeRow, ProgressService, type VisibleCampaign } from './progress.service';
import { deadlineDateOf } from '../common/deadline-date';
import { deadlineCell, writeTable } from '../common/workbook-table';

/** The sheets of the responsibility workbook, in order. */
export const RESPONSIBILITY_SHEETS = ['责任清单', '责任状签订情况'] as const;

export const RESPONSIBILITY_HEADERS = [
  '任务编号',
  '任务名称',
  '所属任务',
  '牵头单位',
  '牵头单位责任状',
  '配合单位及责任状',
  '任务状态',
  '完成进度',
  '完成期限',
  '逾期情况',
  '督办级别',
] as const;

/** Whether a list route should answer a workbook: `?format=xlsx`, or an Accept header naming XLSX (and not JSON first). */
export function wantsWorkbook(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'xlsx';
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const xlsx = types.indexOf(XLSX_MEDIA_TYPE);
  const json = types.indexOf('application/json');
  return xlsx >= 0 && (json < 0 || xlsx < json);
}

/** A workbook download; the Chinese file name is kept (RFC 5987), with an ASCII fallback. */
export function workbookFile(fileName: string, asciiName: string, content: Buffer): StreamableFile {
  return new StreamableFile(content, {
    type: XLSX_MEDIA_TYPE,
    length: content.length,
    disposition: `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}

function pledgeStatus(campaign: VisibleCampaign, pledge: PledgeRow | undefined, now: Date): PledgeStatus {
  if (campaign.status === 'draft' || !pledge) return 'not-launched';
  if (pledge.signedAt !== null) return 'signed';
  return campaign.pledgeDeadline && now.getTime() > campaign.pledgeDeadline.getTime() ? 'overdue' : 'pending';
}

/**
 * 责任清单: each task with its lead and cooperating units, each unit's pledge (责任状), the task's
 * status, deadline and escalation — as JSON or as a workbook. A department gets the rows its unit
 * (or a unit below it) leads or cooperates on.
 */
@Injectable()
export class ResponsibilitiesService {
  constructor(private readonly progress: ProgressService) {}

  async list(caller: CurrentUser, campaignId: string): Promise<ResponsibilitiesView> {
    const campaign = await this.progress.visibleCampaign(caller, campaignId);
    const now = new Date();
    const { views, pledges } = await this.progress.standing(campaign, now);
    const pledgeOf = new Map(pledges.map((p) => [p.unit, p]));
    const unit = (code: string): UnitResponsibilityView => {
      const pledge = pledgeOf.get(code);
      const status = pledgeStatus(campaign, pledge, now);
      return {
        code,
        name: campaign.units.get(code)?.name ?? code,
        pledge: status,
        pledgeLabel: PLEDGE_STATUS_LABELS[status],
        pledgeSignedAt: pledge?.signedAt?.toISOString() ?? null,
      };
    };
    const path = (code: string) => campaign.units.get(code)?.path ?? `/${code}/`;
    const rows: ResponsibilityRowView[] = views
      .filter((v) =>
        maySeeTask(caller, { leadPath: path(v.lead), cooperatingPaths: v.cooperating.map(path) }),
      )
      .map((v) => ({
        key: v.key,
        parentKey: v.parentKey,
        name: v.name,
        isGroup: v.isGroup,
        lead: unit(v.lead),
        cooperating: v.cooperating.map(unit),
        status: v.status,
        statusLabel: TASK_STATUS_LABELS[v.status],
        percentage: v.percentage,
        deadline: v.deadline,
        deadlineDate: deadlineDateOf(v.deadline),
        daysLeft: v.daysLeft,
        daysOverdue: v.daysOverdue,
        overdue: v.overdue,
        escalationLevel: v.escalationLevel,
        escalationLabel: escalationLabel(campaign.plan.ladder, v.escalationLevel),
      }));
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
        pledgeDeadline: campaign.pledgeDeadline?.toISOString() ?? null,
        pledgeDeadlineDate: deadlineDateOf(campaign.pledgeDeadline),
      },
      asOf: now.toISOString(),
      rows,
    };
  }

  /** The list as an XLSX workbook: 责任清单 (one row per task) and 责任状签订情况 (one row per unit). */
  async workbook(caller: CurrentUser, campaignId: string): Promise<{ fileName: string; content: Buffer }> {
    const list = await this.list(caller, campaignId);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '攻坚行动与整改台账工作流引擎';
    workbook.created = new Date(list.asOf);

    const tasks = workbook.addWorksheet(RESPONSIBILITY_SHEETS[0]);
    writeTable(
      tasks,
      RESPONSIBILITY_HEADERS.map((header, i) => ({ header, width: [10, 36, 10, 14, 14, 36][i] ?? 14 })),
      list.rows.map((row) => [
        row.key,
        row.name,
        row.parentKey ?? '',
        row.lead.name,
        row.lead.pledgeLabel,
        row.cooperating.map((c) => `${c.name}（${c.pledgeLabel}）`).join('、'),
        row.statusLabel,
        `${row.percentage}%`,
        deadlineCell(row.deadline),
        row.overdue ? `逾期 ${row.daysOverdue} 天` : row.daysLeft !== null ? `剩余 ${row.daysLeft} 天` : '',
        row.escalationLabel ?? '',
      ]),
      { title: `${list.campaign.name}责任清单` },
    );

    const units = new Map<string, { unit: UnitResponsibilityView; lead: string[]; cooperating: string[] }>();
    for (const row of list.rows) {
      const entry = (u: UnitResponsibilityView) =>
        units.get(u.code) ?? units.set(u.code, { unit: u, lead: [], cooperating: [] }).get(u.code)!;
      entry(row.lead).lead.push(row.key);
      for (const c of row.cooperating) entry(c).cooperating.push(row.key);
    }
    writeTable(
      workbook.addWorksheet(RESPONSIBILITY_SHEETS[1]),
      [
        { header: '单位编码', width: 12 },
        { header: '单位名称', width: 18 },
        { header: '责任状', width: 14 },
        { header: '签订时间', width: 18 },
        { header: '牵头任务', width: 30 },
        { header: '配合任务', width: 30 },
      ],
      [...units.values()].map(({ unit, lead, cooperating }) => [
        unit.code,
        unit.name,
        unit.pledgeLabel,
        unit.pledgeSignedAt ? showInstant(unit.pledgeSignedAt) : '',
        lead.join('、'),
        cooperating.join('、'),
      ]),
      { title: `${list.campaign.name}责任状签订情况` },
    );
    return {
      fileName: `${list.campaign.name}-责任清单.xlsx`,
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
