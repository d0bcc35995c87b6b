import ExcelJS from 'exceljs';
import {
  BULLETIN_TRIGGER_LABELS,
  type BulletinCounts,
  type BulletinPayload,
  type BulletinTrigger,
} from '../../../../libs/domain/src/rectification/bulletin';
import { showDeadline, showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { deadlineCell, printSetup, writeTable } from '../common/workbook-table';

/** The sheets of a bulletin workbook, in order. */
export const BULLETIN_SHEETS = ['汇总', '各单位排名', '逾期问题', '通报批评', '超基本整改期限'] as const;

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/**
 * The working deadline as written (`2026-12-15` for a date deadline), and where paused time pushed
 * it when it did (an instant, with its CST time).
 */
export function deadlineText(item: { fullDeadline: string; effectiveFullDeadline: string }): string {
  return item.effectiveFullDeadline === item.fullDeadline
    ? showDeadline(item.fullDeadline)
    : `${showDeadline(item.fullDeadline)}（扣除暂停计时顺延至 ${showDeadline(item.effectiveFullDeadline)}）`;
}

/** The counts every summary line shows, as [header, value] pairs. */
function countColumns(counts: BulletinCounts): Array<[string, string | number]> {
  return [
    ['问题总数', counts.items],
    ['已销号', counts.closed],
    ['销号率', percent(counts.closeRate)],
    ['按期销号', counts.closedOnTime],
    ['按原定期限销号', counts.closedOnTimeOriginal],
    ['逾期未完成', counts.overdue],
    // schema 1 bulletins did not count it
    ['超过基本整改期限（黄牌）', counts.pastBasic ?? ''],
    ['暂停计时', counts.paused],
    ['回头看重新整改', counts.reopened],
    ['屡查屡犯', counts.repeatFindings],
  ];
}

/** The bulletin as an XLSX workbook: 汇总 / 各单位排名 / 逾期问题 / 通报批评. */
export async function renderBulletinXlsx(
  payload: BulletinPayload,
  meta: { trigger: BulletinTrigger; publishedAt: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '攻坚行动与整改台账工作流引擎';
  workbook.created = meta.publishedAt;
  const levels = Object.keys(payload.totals.byLevel).sort((a, b) => Number(a) - Number(b));
  const levelName = (level: string) => payload.levelLabels[level] ?? `第${level}级`;

  const summary = workbook.addWorksheet(BULLETIN_SHEETS[0]);
  summary.columns = [{ width: 22 }, { width: 80 }];
  const pairs: Array<[string, string | number]> = [
    ['标题', payload.title],
    ...(payload.document
      ? ([
          ['发文机关', payload.document.issuingOffice],
          ['文号', `${payload.document.kind}${payload.document.number}`],
        ] as Array<[string, string]>)
      : []),
    ['台账', payload.ledger.name],
    ['问题来源', payload.ledger.source],
    ['期数', `第${payload.number}期`],
    ['统计截至', payload.asOfCst],
    ['通报方式', BULLETIN_TRIGGER_LABELS[meta.trigger]],
    ['发布时间', showInstant(meta.publishedAt)],
    ['概况', payload.summary],
    ...countColumns(payload.totals),
    // schema 2 counts open items by level and closed ones apart; schema 1 counted every item
    ...levels.map((level): [string, number] => [
      payload.totals.byLevelClosed
        ? `督办等级 ${level}（${levelName(level)}）未销号`
        : `督办等级 ${level}（${levelName(level)}）`,
      payload.totals.byLevel[level],
    ]),
    ...(payload.totals.byLevelClosed
      ? levels.map((level): [string, number] => [
          `督办等级 ${level}（${levelName(level)}）已销号`,
          payload.totals.byLevelClosed[level] ?? 0,
        ])
      : []),
  ];
  for (const pair of pairs) summary.addRow(pair);
  summary.getColumn(1).font = { bold: true };
  summary.getColumn(2).alignment = { vertical: 'top', wrapText: true };
  printSetup(summary);

  const title = (sheet: string) => `${payload.title}——${sheet}`;
  writeTable(
    workbook.addWorksheet(BULLETIN_SHEETS[1]),
    [
      { header: '排名', width: 8 },
      { header: '单位编码', width: 14 },
      { header: '责任单位', width: 20 },
      ...countColumns(payload.totals).map(([header]) => ({ header, width: 12 })),
    ],
    payload.units.map((unit) => [
      unit.tied ? `${unit.rank}（并列）` : unit.rank,
      unit.code,
      unit.name,
      ...countColumns(unit).map(([, value]) => value),
    ]),
    { title: title(BULLETIN_SHEETS[1]) },
  );

  writeTable(
    workbook.addWorksheet(BULLETIN_SHEETS[2]),
    [
      { header: '编号', width: 8 },
      { header: '问题', width: 50 },
      { header: '单位编码', width: 14 },
      { header: '责任单位', width: 20 },
      { header: '责任人', width: 14 },
      { header: '全面整改期限', width: 18 },
      { header: '扣除暂停顺延至', width: 18 },
      { header: '逾期天数', width: 10 },
      { header: '督办级别', width: 14 },
    ],
    payload.overdueItems.map((item) => [
      item.number,
      item.problem,
      item.unit.code,
      item.unit.name,
      item.responsiblePerson.name,
      deadlineCell(item.fullDeadline),
      item.effectiveFullDeadline === item.fullDeadline ? '' : deadlineCell(item.effectiveFullDeadline),
      item.daysOverdue,
      item.escalationLabel,
    ]),
    {
      title: payload.overdueList
        ? `${title(BULLETIN_SHEETS[2])}（共 ${payload.overdueList.total} 个，列出期限最早的 ${payload.overdueList.listed} 个）`
        : title(BULLETIN_SHEETS[2]),
    },
  );

  writeTable(
    workbook.addWorksheet(BULLETIN_SHEETS[3]),
    [
      { header: '编号', width: 8 },
      { header: '问题', width: 50 },
      { header: '单位编码', width: 14 },
      { header: '责任单位', width: 20 },
      { header: '责任人', width: 14 },
      { header: '状态', width: 14 },
      { header: '全面整改期限', width: 18 },
      { header: '督办级别', width: 14 },
    ],
    payload.criticised.map((item) => [
      item.number,
      item.problem,
      item.unit.code,
      item.unit.name,
      item.responsiblePerson.name,
      item.statusLabel,
      deadlineCell(item.fullDeadline),
      item.escalationLabel,
    ]),
    { title: title(BULLETIN_SHEETS[3]) },
  );

  writeTable(
    workbook.addWorksheet(BULLETIN_SHEETS[4]),
    [
      { header: '编号', width: 8 },
      { header: '问题', width: 50 },
      { header: '单位编码', width: 14 },
      { header: '责任单位', width: 20 },
      { header: '责任人', width: 14 },
      { header: '基本整改期限', width: 18 },
      { header: '超期天数', width: 10 },
      { header: '全面整改期限', width: 18 },
      { header: '督办级别', width: 14 },
    ],
    (payload.pastBasicItems ?? []).map((item) => [
      item.number,
      item.problem,
      item.unit.code,
      item.unit.name,
      item.responsiblePerson.name,
      deadlineCell(item.basicDeadline),
      item.daysPastBasic,
      deadlineCell(item.fullDeadline),
      item.escalationLabel,
    ]),
    {
      title: payload.pastBasicList
        ? `${title(BULLETIN_SHEETS[4])}（共 ${payload.pastBasicList.total} 个，列出超期最久的 ${payload.pastBasicList.listed} 个）`
        : title(BULLETIN_SHEETS[4]),
    },
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
