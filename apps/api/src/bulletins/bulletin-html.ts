import {
  BULLETIN_TRIGGER_LABELS,
  type BulletinCounts,
  type BulletinPayload,
  type BulletinTrigger,
} from '../../../../libs/domain/src/rectification/bulletin';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { deadlineText } from './bulletin-xlsx';

/** Every piece of text goes through here: the payload holds what people typed (problem texts, names). */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The page allows no script, no external resource, only its own inline styles. */
export const BULLETIN_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

function tableHtml(headers: string[], rows: Array<Array<string | number>>, empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const COUNT_HEADERS = ['问题总数', '已销号', '销号率', '按期销号', '逾期', '暂停', '回头看', '屡查屡犯'];
const countCells = (c: BulletinCounts) => [
  c.items,
  c.closed,
  percent(c.closeRate),
  c.closedOnTime,
  c.overdue,
  c.paused,
  c.reopened,
  c.repeatFindings,
];

/** A printable Chinese page of the bulletin (A4, tables repeat their headers across pages). */
export function renderBulletinHtml(
  payload: BulletinPayload,
  meta: { trigger: BulletinTrigger; publishedAt: Date },
): string {
  const levels = Object.keys(payload.totals.byLevel).sort((a, b) => Number(a) - Number(b));
  const totalsTable = tableHtml(
    [...COUNT_HEADERS, '按原定期限销号'],
    [[...countCells(payload.totals), payload.totals.closedOnTimeOriginal]],
    '',
  );
  const levelTable = tableHtml(
    levels.map((level) => `${level}级 ${payload.levelLabels[level] ?? ''}`.trim()),
    [levels.map((level) => payload.totals.byLevel[level])],
    '',
  );
  const units = tableHtml(
    ['排名', '责任单位', ...COUNT_HEADERS],
    payload.units.map((u) => [u.rank, u.name, ...countCells(u)]),
    '本期无整改问题。',
  );
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
    '本期无逾期问题。',
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

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(payload.title)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 190mm; line-height: 1.6; }
  h1 { font-size: 20pt; text-align: center; margin: 0.4em 0; }
  h2 { font-size: 14pt; margin: 1.2em 0 0.4em; }
  .meta { text-align: center; font-size: 11pt; }
  .summary { text-indent: 2em; font-size: 12pt; }
  table { border-collapse: collapse; width: 100%; font-size: 10.5pt; page-break-inside: auto; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  .empty { font-size: 11pt; }
  .criticised h2 { color: #b00; }
  footer { margin-top: 2em; font-size: 10pt; text-align: right; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(payload.title)}</h1>
<p class="meta">${escapeHtml(`第${payload.number}期\u3000统计截至 ${payload.asOfCst}\u3000${BULLETIN_TRIGGER_LABELS[meta.trigger]}`)}</p>
<p class="meta">${escapeHtml(`台账：${payload.ledger.name}\u3000问题来源：${payload.ledger.source}`)}</p>
</header>
<section>
<h2>一、总体情况</h2>
<p class="summary">${escapeHtml(payload.summary)}</p>
${totalsTable}
<h2>二、督办等级分布</h2>
${levelTable}
</section>
<section>
<h2>三、各单位整改排名</h2>
${units}
</section>
<section>
<h2>四、逾期未完成问题</h2>
${overdue}
</section>
<section class="criticised">
<h2>五、通报批评</h2>
${criticised}
</section>
<footer>${escapeHtml(`发布时间：${showInstant(meta.publishedAt)}`)}</footer>
</body>
</html>
`;
}
