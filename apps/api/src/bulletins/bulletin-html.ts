import { addresseesOf } from '../../../../libs/domain/src/documents/official-document';
import {
  BULLETIN_TRIGGER_LABELS,
  type BulletinCounts,
  type BulletinPayload,
  type BulletinTrigger,
} from '../../../../libs/domain/src/rectification/bulletin';
import { showDeadline, showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { paragraph, renderDocumentHtml, section, tableHtml } from '../documents/document-html';
import { deadlineText } from './bulletin-xlsx';

/** Under a capped overdue list: how many there are, and where the full list is. */
export function overdueListNote(payload: BulletinPayload): string {
  const list = payload.overdueList;
  if (!list) return '';
  return paragraph(
    `逾期未完成问题共 ${list.total} 个，本通报列出期限最早的 ${list.listed} 个${list.route ? `；完整清单见 ${list.route}` : ''}。`,
  );
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

const COUNT_HEADERS = [
  '问题总数',
  '已销号',
  '销号率',
  '按期销号',
  '逾期',
  '超基本整改期限',
  '暂停',
  '回头看',
  '屡查屡犯',
];
const countCells = (c: BulletinCounts) => [
  c.items,
  c.closed,
  percent(c.closeRate),
  c.closedOnTime,
  c.overdue,
  c.pastBasic ?? '—',
  c.paused,
  c.reopened,
  c.repeatFindings,
];

/**
 * A printable Chinese page of the ledger bulletin in the office's document frame (发文机关, 文号,
 * 主送, 落款). Items past their basic deadline (黄牌) are named; "本期无逾期问题" is said only when
 * there is neither an overdue item nor one past its basic deadline.
 */
export function renderBulletinHtml(
  payload: BulletinPayload,
  meta: { trigger: BulletinTrigger; publishedAt: Date; issuingOffice: string },
): string {
  const levels = Object.keys(payload.totals.byLevel).sort((a, b) => Number(a) - Number(b));
  const levelHeader = (level: string) => `${level}级 ${payload.levelLabels[level] ?? ''}`.trim();
  // schema 1 counted every item by level; schema 2 counts open items, closed ones apart
  const closedApart = payload.totals.byLevelClosed !== undefined;
  const levelTable = tableHtml(
    ['', ...levels.map(levelHeader)],
    closedApart
      ? [
          ['未销号', ...levels.map((level) => payload.totals.byLevel[level])],
          ['已销号', ...levels.map((level) => payload.totals.byLevelClosed[level] ?? 0)],
        ]
      : [['全部（含已销号）', ...levels.map((level) => payload.totals.byLevel[level])]],
    '',
  );
  const units = tableHtml(
    ['排名', '责任单位', ...COUNT_HEADERS],
    payload.units.map((u) => [u.tied ? `${u.rank}（并列）` : u.rank, u.name, ...countCells(u)]),
    '本期无整改问题。',
  );
  const pastBasic = payload.pastBasicItems ?? [];
  const overdueEmpty =
    pastBasic.length > 0
      ? '本期无超过全面整改期限的问题（超过基本整改期限的问题见下）。'
      : '本期无逾期问题。';
  const overdue = tableHtml(
    ['编号', '问题', '责任单位', '责任人', '全面整改期限', '逾期天数', '督办措施'],
    payload.overdueItems.map((i) => [
      i.number,
      i.problem,
      i.unit.name,
      i.responsiblePerson.name,
      deadlineText(i),
      i.daysOverdue,
      i.escalationLabel,
    ]),
    overdueEmpty,
  );
  const yellow = tableHtml(
    ['编号', '问题', '责任单位', '责任人', '基本整改期限', '超期天数', '全面整改期限', '督办措施'],
    pastBasic.map((i) => [
      i.number,
      i.problem,
      i.unit.name,
      i.responsiblePerson.name,
      showDeadline(i.basicDeadline),
      i.daysPastBasic,
      showDeadline(i.fullDeadline),
      i.escalationLabel,
    ]),
    '本期无超过基本整改期限的问题。',
  );
  const criticised = tableHtml(
    ['编号', '问题', '责任单位', '责任人', '状态', '督办措施'],
    payload.criticised.map((i) => [
      i.number,
      i.problem,
      i.unit.name,
      i.responsiblePerson.name,
      i.statusLabel,
      i.escalationLabel,
    ]),
    '本期无通报批评事项。',
  );
  const totalsTable = tableHtml(
    [...COUNT_HEADERS, '按原定期限销号'],
    [[...countCells(payload.totals), payload.totals.closedOnTimeOriginal]],
    '',
  );
  const office = payload.document?.issuingOffice ?? meta.issuingOffice;
  const body = [
    section('一、总体情况', `${paragraph(payload.summary)}\n${totalsTable}`),
    section('二、督办等级分布', levelTable),
    section('三、各单位整改排名', units),
    section('四、逾期未完成问题', `${overdue}${overdueListNote(payload)}`, 'warning'),
    section(
      '五、超过基本整改期限问题（黄牌预警）',
      payload.pastBasicList
        ? `${yellow}${paragraph(`超过基本整改期限的问题共 ${payload.pastBasicList.total} 个，本通报列出超期最久的 ${payload.pastBasicList.listed} 个。`)}`
        : yellow,
      'warning',
    ),
    section('六、通报批评', criticised, 'criticised'),
  ].join('\n');
  return renderDocumentHtml(
    {
      issuingOffice: office,
      kind: '',
      number: payload.document ? `${payload.document.kind}${payload.document.number}` : null,
      title: payload.title,
      addressees: addresseesOf(payload.units.map((u) => u.name)),
      signingOffice: office,
      signedAt: meta.publishedAt,
    },
    body,
    {
      meta: [
        `第${payload.number}期\u3000统计截至 ${payload.asOfCst}\u3000${BULLETIN_TRIGGER_LABELS[meta.trigger]}`,
        `台账：${payload.ledger.name}\u3000问题来源：${payload.ledger.source}`,
      ],
      footnote: `发布时间：${showInstant(meta.publishedAt)}`,
    },
  );
}
