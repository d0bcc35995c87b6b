import ExcelJS from 'exceljs';
import type {
  CampaignBulletinPayload,
  FinalReport,
  GoalProgress,
} from '../../../../libs/domain/src/campaign/campaign-progress';
import { addresseesOf, type DocumentStamp } from '../../../../libs/domain/src/documents/official-document';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { deadlineCell, instantCell, type TableCell, writeTable } from '../common/workbook-table';
import { paragraph, renderDocumentHtml, section, tableHtml } from './document-html';

/**
 * The campaign's weekly bulletins, its final report and the housing monthly report as printable
 * documents (the shared frame of document-html.ts) and as workbooks (the one table writer).
 */

const WORKBOOK_CREATOR = '攻坚行动与整改台账工作流引擎';
const rankText = (standing: { rank: number; tied?: boolean }) =>
  standing.tied ? `${standing.rank}（并列）` : String(standing.rank);
const percentText = (value: number) => `${value}%`;

async function workbookOf(
  sheets: Array<{ name: string; title: string; columns: string[]; rows: TableCell[][] }>,
) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  for (const sheet of sheets)
    writeTable(
      workbook.addWorksheet(sheet.name),
      sheet.columns.map((header) => ({ header })),
      sheet.rows,
      { title: sheet.title },
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Goals against their targets, as the bulletin and the final report both show them. */
function goalsTable(
  goals: ReadonlyArray<Pick<GoalProgress, 'key' | 'name' | 'target' | 'unit' | 'actual' | 'percentage'>>,
): { columns: string[]; rows: TableCell[][] } {
  return {
    columns: ['目标', '目标名称', '目标值', '完成值', '完成率'],
    rows: goals.map((g): TableCell[] => [
      g.key,
      g.name,
      `${g.target}${g.unit}`,
      `${g.actual}${g.unit}`,
      percentText(g.percentage),
    ]),
  };
}

// ---- campaign bulletin -----------------------------------------------------------------------

export interface CampaignBulletinMeta {
  campaignName: string;
  unitNames: Readonly<Record<string, string>>;
  publishedAt: Date;
  /** The office printed when the bulletin has no stamp of its own (published before numbering). */
  issuingOffice: string;
}

const unitName = (meta: { unitNames: Readonly<Record<string, string>> }, code: string) =>
  meta.unitNames[code] ?? code;

export const campaignBulletinTitle = (payload: CampaignBulletinPayload, meta: CampaignBulletinMeta) =>
  `${meta.campaignName}工作通报（第${payload.number}期）`;

function campaignBulletinTables(payload: CampaignBulletinPayload, meta: CampaignBulletinMeta) {
  return {
    ranking: {
      columns: ['排名', '牵头单位', '牵头任务', '已完成', '逾期', '平均进度', '最高督办等级'],
      rows: payload.ranking.map((s): TableCell[] => [
        rankText(s),
        unitName(meta, s.unit),
        s.tasks,
        s.accepted,
        s.overdue,
        percentText(s.meanPercentage),
        s.highestEscalation,
      ]),
    },
    overdue: {
      columns: ['任务', '任务名称', '牵头单位', '完成期限', '逾期天数', '督办等级'],
      rows: payload.overdue.map((t): TableCell[] => [
        t.key,
        t.name,
        unitName(meta, t.lead),
        deadlineCell(t.deadline),
        t.daysOverdue,
        t.escalationLevel,
      ]),
    },
    escalated: {
      columns: ['任务', '任务名称', '牵头单位', '督办等级'],
      rows: payload.escalated.map((t): TableCell[] => [
        t.key,
        t.name,
        unitName(meta, t.lead),
        t.escalationLevel,
      ]),
    },
    behindPace: {
      columns: ['任务', '任务名称', '牵头单位', '进度'],
      rows: payload.behindPace.map((t): TableCell[] => [
        t.key,
        t.name,
        unitName(meta, t.lead),
        percentText(t.percentage),
      ]),
    },
    goals: goalsTable(payload.goals),
  };
}

/**
 * Cells of a table sheet as printable text: a date cell holds the CST wall clock the display rule
 * chose (`deadlineCell`: the day as written), printed as it would show in Excel.
 */
const cellText = (cell: TableCell): string | number =>
  typeof cell === 'object'
    ? cell.numFmt === 'yyyy-mm-dd'
      ? cell.date.toISOString().slice(0, 10)
      : cell.date.toISOString().slice(0, 16).replace('T', ' ')
    : cell;
const htmlRows = (rows: TableCell[][]) => rows.map((row) => row.map(cellText));

const stampNumber = (stamp: DocumentStamp | undefined) => (stamp ? `${stamp.kind}${stamp.number}` : null);

export function renderCampaignBulletinHtml(
  payload: CampaignBulletinPayload,
  meta: CampaignBulletinMeta,
): string {
  const tables = campaignBulletinTables(payload, meta);
  const overdueCount = payload.overdue.length;
  const summary =
    `截至${showInstant(payload.asOf)}，${meta.campaignName}各牵头单位共${payload.ranking.length}个；` +
    `逾期未完成任务${overdueCount}项，已启动督办${payload.escalated.length}项，进度滞后${payload.behindPace.length}项。`;
  const body = [
    section('一、总体情况', paragraph(summary)),
    section(
      '二、各单位排名',
      tableHtml(tables.ranking.columns, htmlRows(tables.ranking.rows), '本期无排名。'),
    ),
    section(
      '三、逾期未完成任务',
      tableHtml(tables.overdue.columns, htmlRows(tables.overdue.rows), '本期无逾期任务。'),
      'warning',
    ),
    section(
      '四、督办情况',
      tableHtml(tables.escalated.columns, htmlRows(tables.escalated.rows), '本期无督办事项。'),
      'criticised',
    ),
    section(
      '五、进度滞后任务',
      tableHtml(tables.behindPace.columns, htmlRows(tables.behindPace.rows), '本期无进度滞后任务。'),
    ),
    section(
      '六、目标完成情况',
      tableHtml(tables.goals.columns, htmlRows(tables.goals.rows), '本行动未设数量目标。'),
    ),
  ].join('\n');
  const office = payload.document?.issuingOffice ?? meta.issuingOffice;
  return renderDocumentHtml(
    {
      issuingOffice: office,
      kind: '',
      number: stampNumber(payload.document),
      title: campaignBulletinTitle(payload, meta),
      addressees: addresseesOf(payload.ranking.map((s) => unitName(meta, s.unit))),
      signingOffice: office,
      signedAt: meta.publishedAt,
    },
    body,
    {
      meta: [`第${payload.number}期\u3000统计截至 ${showInstant(payload.asOf)}`],
      footnote: `发布时间：${showInstant(meta.publishedAt)}`,
    },
  );
}

export function renderCampaignBulletinXlsx(
  payload: CampaignBulletinPayload,
  meta: CampaignBulletinMeta,
): Promise<Buffer> {
  const tables = campaignBulletinTables(payload, meta);
  const title = campaignBulletinTitle(payload, meta);
  const number = stampNumber(payload.document);
  const heading = (sheet: string) => `${title}${number ? ` ${number}` : ''}——${sheet}`;
  return workbookOf([
    { name: '各单位排名', title: heading('各单位排名'), ...tables.ranking },
    { name: '逾期任务', title: heading('逾期任务'), ...tables.overdue },
    { name: '督办情况', title: heading('督办情况'), ...tables.escalated },
    { name: '进度滞后', title: heading('进度滞后'), ...tables.behindPace },
    { name: '目标完成', title: heading('目标完成'), ...tables.goals },
  ]);
}

// ---- campaign final report -------------------------------------------------------------------

export interface FinalReportMeta {
  campaignName: string;
  unitNames: Readonly<Record<string, string>>;
  issuingOffice: string;
}

const OUTCOME_LABELS = { 'on-time': '按期完成', late: '逾期完成', unfinished: '未完成' } as const;

function finalReportTables(report: FinalReport, meta: FinalReportMeta) {
  return {
    tasks: {
      columns: [
        '任务',
        '任务名称',
        '牵头单位',
        '完成期限',
        '原定期限',
        '验收时间',
        '按现期限',
        '按原定期限',
        '进度',
      ],
      rows: report.tasks.map((t): TableCell[] => [
        t.key,
        t.name,
        unitName(meta, t.lead),
        deadlineCell(t.deadline),
        t.originalDeadline ? deadlineCell(t.originalDeadline) : '',
        t.acceptedAt ? instantCell(t.acceptedAt) : '',
        OUTCOME_LABELS[t.outcome],
        t.onTimeOriginal === undefined || t.onTimeOriginal === null
          ? '—'
          : t.onTimeOriginal
            ? '按期'
            : '超期',
        percentText(t.percentage),
      ]),
    },
    byUnit: {
      columns: ['牵头单位', '按期完成', '其中按原定期限', '逾期完成', '未完成'],
      rows: report.byUnit.map((u): TableCell[] => [
        unitName(meta, u.unit),
        u.onTime,
        u.onTimeOriginal ?? '—',
        u.late,
        u.unfinished,
      ]),
    },
    goals: goalsTable(report.goals),
  };
}

export const finalReportTitle = (meta: FinalReportMeta) => `${meta.campaignName}总结报告`;

export function renderFinalReportHtml(report: FinalReport, meta: FinalReportMeta): string {
  const tables = finalReportTables(report, meta);
  const t = report.totals;
  const summary =
    `${meta.campaignName}共安排任务${t.tasks}项：按期完成${t.onTime}项` +
    (t.onTimeOriginal !== undefined
      ? `（其中按原定期限完成${t.onTimeOriginal}项，经延期或调整期限后按期完成${t.onTime - t.onTimeOriginal}项）`
      : '') +
    `，逾期完成${t.late}项，未完成${t.unfinished}项。`;
  const body = [
    section('一、总体情况', paragraph(summary)),
    section(
      '二、目标完成情况',
      tableHtml(tables.goals.columns, htmlRows(tables.goals.rows), '本行动未设数量目标。'),
    ),
    section('三、各单位完成情况', tableHtml(tables.byUnit.columns, htmlRows(tables.byUnit.rows), '无。')),
    section('四、任务完成明细', tableHtml(tables.tasks.columns, htmlRows(tables.tasks.rows), '无。')),
  ].join('\n');
  return renderDocumentHtml(
    {
      issuingOffice: meta.issuingOffice,
      kind: '',
      number: null,
      title: finalReportTitle(meta),
      addressees: [],
      signingOffice: meta.issuingOffice,
      signedAt: report.closedAt,
    },
    body,
    { meta: [`行动结束于 ${showInstant(report.closedAt)}`] },
  );
}

export function renderFinalReportXlsx(report: FinalReport, meta: FinalReportMeta): Promise<Buffer> {
  const tables = finalReportTables(report, meta);
  const title = finalReportTitle(meta);
  return workbookOf([
    { name: '任务完成明细', title: `${title}——任务完成明细`, ...tables.tasks },
    { name: '各单位', title: `${title}——各单位完成情况`, ...tables.byUnit },
    { name: '目标完成', title: `${title}——目标完成情况`, ...tables.goals },
  ]);
}

// ---- housing monthly report ------------------------------------------------------------------

export interface MonthlyReportDocument {
  programmeName: string;
  month: string;
  townships: Array<{
    name: string;
    households: number;
    startedInMonth: number;
    startedCumulative: number;
    completedInMonth: number;
    completedCumulative: number;
    registeredPoor: number;
  }>;
  total: {
    households: number;
    startedInMonth: number;
    startedCumulative: number;
    completedInMonth: number;
    completedCumulative: number;
    registeredPoor: number;
  };
  registeredPoorShare: number;
  registeredPoorMinimum: number;
  belowRegisteredPoorRule: boolean;
}

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
export const monthlyReportTitle = (report: MonthlyReportDocument) =>
  `${report.programmeName}${monthText(report.month)}进度月报`;

function monthlyRows(report: MonthlyReportDocument): { columns: string[]; rows: TableCell[][] } {
  const line = (name: string, r: MonthlyReportDocument['total']): TableCell[] => [
    name,
    r.households,
    r.startedInMonth,
    r.startedCumulative,
    r.completedInMonth,
    r.completedCumulative,
    r.registeredPoor,
  ];
  return {
    columns: ['乡镇', '改造户数', '本月开工', '累计开工', '本月竣工', '累计竣工', '建档立卡贫困户'],
    rows: [...report.townships.map((t) => line(t.name, t)), line('合计', report.total)],
  };
}

export function renderMonthlyReportHtml(
  report: MonthlyReportDocument,
  meta: { issuingOffice: string; drawnAt: Date },
): string {
  const table = monthlyRows(report);
  const share = `${Math.round(report.registeredPoorShare * 1000) / 10}%`;
  const summary =
    `${monthText(report.month)}，${report.programmeName}共${report.total.households}户：本月开工${report.total.startedInMonth}户、` +
    `累计开工${report.total.startedCumulative}户，本月竣工${report.total.completedInMonth}户、累计竣工${report.total.completedCumulative}户；` +
    `建档立卡贫困户占${share}` +
    (report.belowRegisteredPoorRule
      ? `，低于不少于${Math.round(report.registeredPoorMinimum * 100)}%的要求。`
      : '。');
  return renderDocumentHtml(
    {
      issuingOffice: meta.issuingOffice,
      kind: '',
      number: null,
      title: monthlyReportTitle(report),
      addressees: [],
      signingOffice: meta.issuingOffice,
      signedAt: meta.drawnAt,
    },
    [
      section('一、总体情况', paragraph(summary)),
      section('二、分乡镇情况', tableHtml(table.columns, htmlRows(table.rows), '无。')),
    ].join('\n'),
    { footnote: `统计时间：${showInstant(meta.drawnAt)}` },
  );
}

export function renderMonthlyReportXlsx(report: MonthlyReportDocument): Promise<Buffer> {
  const title = monthlyReportTitle(report);
  return workbookOf([{ name: '进度月报', title, ...monthlyRows(report) }]);
}

// ---- campaign battle map (挂图作战) -----------------------------------------------------------

/** What the battle map document needs of GET /api/campaigns/:id/progress (CampaignProgressView). */
export interface BattleMapDocument {
  campaign: { name: string; statusLabel: string; asOf: string; percentage: number };
  goals: Array<Pick<GoalProgress, 'key' | 'name' | 'target' | 'unit' | 'actual' | 'percentage'>>;
  tasks: Array<{
    key: string;
    name: string;
    statusLabel: string;
    percentage: number;
    deadline: string;
    daysLeft: number | null;
    daysOverdue: number | null;
    escalationLabel: string | null;
    lead: { name: string };
    cooperating: Array<{ name: string }>;
  }>;
  pledges: Array<{
    unit: { name: string };
    signed: boolean;
    signedAt: string | null;
    signedBy: string | null;
  }>;
  counts: { tasks: number; accepted: number; overdue: number; escalated: number; behindPace: number };
  ranking: Array<{
    rank: number;
    tied: boolean;
    unit: { name: string };
    tasks: number;
    accepted: number;
    overdue: number;
    meanPercentage: number;
    highestEscalation: number;
  }>;
}

export const battleMapTitle = (map: BattleMapDocument) => `${map.campaign.name}挂图作战表`;

function battleMapTables(map: BattleMapDocument) {
  return {
    tasks: {
      columns: ['任务', '任务名称', '牵头单位', '配合单位', '状态', '进度', '完成期限', '剩余/逾期', '督办'],
      rows: map.tasks.map((t): TableCell[] => [
        t.key,
        t.name,
        t.lead.name,
        t.cooperating.map((u) => u.name).join('、'),
        t.statusLabel,
        percentText(t.percentage),
        deadlineCell(t.deadline),
        t.daysOverdue !== null && t.daysOverdue > 0
          ? `逾期${t.daysOverdue}天`
          : t.daysLeft !== null
            ? `剩余${t.daysLeft}天`
            : '—',
        t.escalationLabel ?? '',
      ]),
    },
    ranking: {
      columns: ['排名', '牵头单位', '牵头任务', '已完成', '逾期', '平均进度', '最高督办等级'],
      rows: map.ranking.map((s): TableCell[] => [
        rankText(s),
        s.unit.name,
        s.tasks,
        s.accepted,
        s.overdue,
        percentText(s.meanPercentage),
        s.highestEscalation,
      ]),
    },
    pledges: {
      columns: ['单位', '责任状', '签订时间', '签订人'],
      rows: map.pledges.map((p): TableCell[] => [
        p.unit.name,
        p.signed ? '已签订' : '未签订',
        p.signedAt ? instantCell(p.signedAt) : '',
        p.signedBy ?? '',
      ]),
    },
    goals: goalsTable(map.goals),
  };
}

export function renderBattleMapHtml(map: BattleMapDocument, meta: { issuingOffice: string }): string {
  const tables = battleMapTables(map);
  const c = map.counts;
  const summary =
    `截至${showInstant(map.campaign.asOf)}，${map.campaign.name}${map.campaign.statusLabel}，总体进度${percentText(map.campaign.percentage)}：` +
    `共有任务${c.tasks}项，已验收${c.accepted}项，逾期${c.overdue}项，已启动督办${c.escalated}项，进度滞后${c.behindPace}项。`;
  const body = [
    section('一、总体情况', paragraph(summary)),
    section('二、任务推进情况', tableHtml(tables.tasks.columns, htmlRows(tables.tasks.rows), '无。')),
    section(
      '三、目标完成情况',
      tableHtml(tables.goals.columns, htmlRows(tables.goals.rows), '本行动未设数量目标。'),
    ),
    section('四、各单位排名', tableHtml(tables.ranking.columns, htmlRows(tables.ranking.rows), '无。')),
    section('五、责任状签订情况', tableHtml(tables.pledges.columns, htmlRows(tables.pledges.rows), '无。')),
  ].join('\n');
  const asOf = new Date(map.campaign.asOf);
  return renderDocumentHtml(
    {
      issuingOffice: meta.issuingOffice,
      kind: '',
      number: null,
      title: battleMapTitle(map),
      addressees: [],
      signingOffice: meta.issuingOffice,
      signedAt: asOf,
    },
    body,
    { meta: [`统计截至 ${showInstant(asOf)}`] },
  );
}

export function renderBattleMapXlsx(map: BattleMapDocument): Promise<Buffer> {
  const tables = battleMapTables(map);
  const title = battleMapTitle(map);
  return workbookOf([
    { name: '任务推进', title: `${title}——任务推进情况`, ...tables.tasks },
    { name: '目标完成', title: `${title}——目标完成情况`, ...tables.goals },
    { name: '各单位排名', title: `${title}——各单位排名`, ...tables.ranking },
    { name: '责任状', title: `${title}——责任状签订情况`, ...tables.pledges },
  ]);
}
