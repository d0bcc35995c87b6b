import { SIMPLIFIED, TRADITIONAL } from './trad-simp-table';

/** Where a field came from: a paragraph of the document as read and a character range in it. */
export interface SourceSpan {
  /** Index into the draft's `paragraphs`. */
  paragraph: number;
  /** Character offsets, end exclusive. */
  start: number;
  end: number;
  /** The text of that range (a sentence, or the heading it came from). */
  text: string;
}

/** One paragraph of the document: as shown (`text`) and as matched (`match`, same length). */
export interface Paragraph {
  index: number;
  text: string;
  match: string;
}

const SIMPLIFY = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i += 1) SIMPLIFY.set(TRADITIONAL[i], SIMPLIFIED[i]);

/** Full-width and half-width punctuation the rules treat alike, mapped one to one. */
const PUNCTUATION: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ';': '；',
  ',': '，',
  '．': '.',
  '０': '0',
  '１': '1',
  '２': '2',
  '３': '3',
  '４': '4',
  '５': '5',
  '６': '6',
  '７': '7',
  '８': '8',
  '９': '9',
  '％': '%',
};

/**
 * A paragraph in simplified characters with punctuation unified, character for character: every
 * offset in the result is the same offset in the input.
 */
export function matchForm(text: string): string {
  let out = '';
  for (const char of text) {
    // Astral characters (surrogate pairs) pass through unchanged, keeping their two code units.
    out += char.length === 1 ? (PUNCTUATION[char] ?? SIMPLIFY.get(char) ?? char) : char;
  }
  return out;
}

/**
 * Conversion debris some copies of these documents carry: the reading of a character in brackets
 * after it ("節(jié)" for 节). Removed before anything else, so offsets refer to the cleaned text.
 */
const READING_AFTER_HAN = /([\u3400-\u9fff])\((?:[a-zA-Z\u00c0-\u024f]{1,8})\)/g;

/** The text of a document as the rules read it: readings removed, split into non-empty paragraphs. */
export function readParagraphs(text: string): Paragraph[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(READING_AFTER_HAN, '$1')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u3000]+$/u, '').replace(/^[\s\u3000]+/u, ''))
    .filter((line) => line !== '');
  return lines.map((line, index) => ({ index, text: line, match: matchForm(line) }));
}

const SENTENCE_END = /[。！？!?；]/;

/** The sentence of `paragraph` around `[start, end)`: from after the previous 。；！？ to the next one, included. */
export function sentenceAround(paragraph: Paragraph, start: number, end = start): SourceSpan {
  const text = paragraph.match;
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from -= 1;
  let to = Math.max(end, start);
  while (to < text.length && !SENTENCE_END.test(text[to])) to += 1;
  if (to < text.length) to += 1;
  return span(paragraph, from, to);
}

/** A source span of a paragraph's range, trimmed of spaces. */
export function span(paragraph: Paragraph, start: number, end: number): SourceSpan {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(paragraph.text[from])) from += 1;
  while (to > from && /\s/.test(paragraph.text[to - 1])) to -= 1;
  return { paragraph: paragraph.index, start: from, end: to, text: paragraph.text.slice(from, to) };
}
