import {
  addresseeLine,
  chineseDate,
  type DocumentFrame,
  mainlandQuotes,
} from '../../../../libs/domain/src/documents/official-document';

/**
 * The one printable frame of every document people read on paper — bulletins (ledger and
 * campaign), notices (催办单 / 督办单 …), the campaign's final report, the housing monthly report:
 * the issuing office (发文机关) and the document number (文号) above a red rule, the title, the
 * addressees (主送), the body, and the signing office with the date in Chinese (落款). A4, SimSun.
 */

/** Every piece of text goes through here: documents hold what people typed (problems, names). */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text as printed: mainland quotation marks, then escaped. */
export const text = (value: string | number): string =>
  escapeHtml(typeof value === 'string' ? mainlandQuotes(value) : value);

/** The page allows no script, no external resource, only its own inline styles. */
export const DOCUMENT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A table whose header repeats on every printed page; `empty` is said instead when there are no rows. */
export function tableHtml(headers: string[], rows: Array<Array<string | number>>, empty: string): string {
  if (rows.length === 0) return `<p class="empty">${text(empty)}</p>`;
  const head = headers.map((h) => `<th>${text(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${text(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A paragraph of running text (first line indented two characters). */
export const paragraph = (value: string): string => `<p class="body-text">${text(value)}</p>`;

/** A numbered section: `一、总体情况` and its content. */
export function section(heading: string, content: string, className?: string): string {
  return `<section${className ? ` class="${className}"` : ''}>\n<h2>${text(heading)}</h2>\n${content}\n</section>`;
}

/** Label–value lines (a notice's 责任单位, 事项, 期限 …) as a two-column table. */
export function fieldsHtml(fields: Array<[string, string]>): string {
  const rows = fields.map(
    ([label, value]) => `<tr><th scope="row">${text(label)}</th><td>${text(value)}</td></tr>`,
  );
  return `<table class="fields">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

const STYLE = `
  @page { size: A4; margin: 25mm 20mm 20mm 25mm; }
  body { font-family: "FangSong", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 170mm; line-height: 1.7; font-size: 12pt; }
  .issuer { color: #c00; text-align: center; font-size: 24pt; font-weight: bold; letter-spacing: 0.1em; margin: 0; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; }
  .doc-number { text-align: center; margin: 0.6em 0 0; font-size: 12pt; }
  .rule { border: 0; border-top: 2px solid #c00; margin: 0.4em 0 1.2em; }
  h1 { font-size: 18pt; text-align: center; margin: 0.4em 0 0.8em; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; }
  h2 { font-size: 13pt; margin: 1.2em 0 0.4em; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
  .addressees { margin: 0 0 0.6em; }
  .body-text { text-indent: 2em; margin: 0.3em 0; }
  .meta { text-align: center; font-size: 10.5pt; margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 10.5pt; page-break-inside: auto; margin: 0.3em 0; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  table.fields th { width: 28%; white-space: nowrap; }
  .empty { font-size: 11pt; text-indent: 2em; }
  .criticised h2, .warning h2 { color: #b00; }
  .signature { margin-top: 2.5em; text-align: right; padding-right: 2em; }
  .signature p { margin: 0; }
  footer { margin-top: 2em; font-size: 9pt; color: #444; border-top: 1px solid #000; padding-top: 0.3em; }
  @media print { footer { position: static; } }
`;

/**
 * A whole printable page: the frame around `body` (HTML built with the helpers above).
 * `meta` lines (统计截至 …) go under the title; `footnote` (发布时间 …) at the foot.
 */
export function renderDocumentHtml(
  frame: DocumentFrame,
  body: string,
  options: { meta?: string[]; footnote?: string } = {},
): string {
  const number = frame.number ? `${frame.kind}${frame.number}` : '';
  const addressees = addresseeLine(frame.addressees);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${text(frame.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="issuer">${text(frame.issuingOffice)}</p>
${number ? `<p class="doc-number">${text(number)}</p>` : ''}
<hr class="rule">
<h1>${text(frame.title)}</h1>
${(options.meta ?? []).map((line) => `<p class="meta">${text(line)}</p>`).join('\n')}
</header>
${addressees ? `<p class="addressees">${text(addressees)}</p>` : ''}
${body}
<div class="signature">
<p>${text(frame.signingOffice)}</p>
<p>${text(chineseDate(frame.signedAt))}</p>
</div>
${options.footnote ? `<footer>${text(options.footnote)}</footer>` : ''}
</body>
</html>
`;
}

/** Content-Disposition for a download with a Chinese file name (and an ASCII fallback). */
export function attachment(asciiName: string, fileName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
