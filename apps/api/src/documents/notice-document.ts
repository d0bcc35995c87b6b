import ExcelJS from 'exceljs';
import { noticeReplyBy } from '../../../../libs/domain/src/documents/official-document';
import { showDeadlineProse, showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { deadlineCell, instantCell, type TableCell, writeTable } from '../common/workbook-table';
import { fieldsHtml, paragraph, renderDocumentHtml, section } from './document-html';

/** A 催办单 / 督办单 / 通报批评 … as printed: everything a responsible unit needs to act on it. */
export interface NoticeDocument {
  /** 督办单, 催办单 … */
  kind: string;
  /** `〔2026〕第3号`, or null for a notice issued before notices were numbered. */
  number: string | null;
  /** The ladder step: 黄牌预警, 约谈 … */
  label: string;
  issuingOffice: string;
  /** The responsible unit(s) it is addressed to (主送). */
  unitNames: string[];
  /** 责任人, where the matter has one. */
  responsiblePerson: string | null;
  /** What it is about: `问题 3：易地搬迁后续扶持措施未落实` or `任务 T4：危房改造安居行动`. */
  matter: string;
  /** Where the matter comes from: `台账：省审计反馈问题整改台账`, `攻坚行动：精准脱贫百日攻坚行动`. */
  source: string;
  /** The deadlines of the matter, as instants (shown as written). */
  deadlines: Array<{ label: string; at: Date | string }>;
  /** The deadline a reminder (催办单) reminds of; the reply is due by it when it comes sooner. */
  remindsOf: Date | string | null;
  issuedAt: Date;
  leaderMustAct: boolean;
  leaderDecision: string | null;
}

/** The notice's full number: `督办单〔2026〕第3号`. */
export const noticeHeading = (notice: NoticeDocument): string => `${notice.kind}${notice.number ?? ''}`;

/** By when the unit replies (反馈), by the one rule of `noticeReplyBy`. */
export const replyByOf = (notice: NoticeDocument): Date =>
  noticeReplyBy(notice.kind, notice.issuedAt, notice.remindsOf);

/** The printable notice (A4) in the office's document frame. */
export function renderNoticeHtml(notice: NoticeDocument): string {
  const replyBy = showDeadlineProse(replyByOf(notice));
  const deadlineText = notice.deadlines.map((d) => `${d.label}${showDeadlineProse(d.at)}`).join('，');
  const units = notice.unitNames.join('、');
  const fields: Array<[string, string]> = [
    ['文号', noticeHeading(notice)],
    ['督办措施', notice.label],
    ['责任单位', units],
    ...(notice.responsiblePerson ? ([['责任人', notice.responsiblePerson]] as Array<[string, string]>) : []),
    ['督办事项', notice.matter],
    ['事项来源', notice.source],
    ...notice.deadlines.map((d): [string, string] => [d.label, showDeadlineProse(d.at)]),
    ['反馈要求', `请于${replyBy}前书面反馈整改进展及佐证材料`],
    ['反馈期限', replyBy],
    ['签发时间', showInstant(notice.issuedAt)],
    ...(notice.leaderMustAct
      ? ([['领导决定', notice.leaderDecision ?? '待领导作出决定']] as Array<[string, string]>)
      : []),
  ];
  const body = [
    paragraph(
      `你单位负责的${notice.matter}（${notice.source}），${deadlineText}。` +
        `现予${notice.label}，请高度重视，压实责任，抓紧整改到位，` +
        `并于${replyBy}前将整改进展和佐证材料书面反馈至${notice.issuingOffice}。`,
    ),
    section('督办事项', fieldsHtml(fields)),
  ].join('\n');
  return renderDocumentHtml(
    {
      issuingOffice: notice.issuingOffice,
      kind: notice.kind,
      number: notice.number,
      title: `${notice.kind}（${notice.label}）`,
      addressees: notice.unitNames,
      signingOffice: notice.issuingOffice,
      signedAt: notice.issuedAt,
    },
    body,
  );
}

/** Notices as a table sheet (one row each), with the deadlines and the reply as written. */
export async function renderNoticesXlsx(title: string, notices: NoticeDocument[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '攻坚行动与整改台账工作流引擎';
  const deadlineLabels = [...new Set(notices.flatMap((n) => n.deadlines.map((d) => d.label)))];
  const rows: TableCell[][] = notices.map((notice) => [
    noticeHeading(notice),
    notice.label,
    notice.unitNames.join('、'),
    notice.responsiblePerson ?? '',
    notice.matter,
    ...deadlineLabels.map((label) => {
      const deadline = notice.deadlines.find((d) => d.label === label);
      return deadline ? deadlineCell(deadline.at) : '';
    }),
    deadlineCell(replyByOf(notice)),
    instantCell(notice.issuedAt),
    notice.issuingOffice,
    notice.leaderMustAct ? (notice.leaderDecision ?? '待领导决定') : '',
  ]);
  writeTable(
    workbook.addWorksheet('督办通知'),
    [
      { header: '文号', width: 24 },
      { header: '督办措施', width: 12 },
      { header: '责任单位', width: 20 },
      { header: '责任人', width: 10 },
      { header: '督办事项', width: 40 },
      ...deadlineLabels.map((label) => ({ header: label, width: 14 })),
      { header: '反馈期限', width: 14 },
      { header: '签发时间', width: 18 },
      { header: '发文机关', width: 20 },
      { header: '领导决定', width: 24 },
    ],
    rows,
    { title },
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
