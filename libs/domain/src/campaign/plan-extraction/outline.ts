import { smallNumber } from './dates';
import type { Paragraph } from './text';

/** The numbering styles of 实施方案: 一、 （一） 1. （1） 一是. */
export type NumberingStyle = 'chapter' | 'section' | 'item' | 'paren-item' | 'ordinal';

/** A numbered heading at the start of a paragraph. */
export interface Heading {
  style: NumberingStyle;
  number: number;
  /** Offsets of the title (after the number, up to the first 。；： or the end) in the paragraph. */
  titleStart: number;
  titleEnd: number;
}

const HAN_NUMBER = '([一二三四五六七八九十]{1,3})';
const HEADINGS: Array<{ style: NumberingStyle; pattern: RegExp }> = [
  { style: 'chapter', pattern: new RegExp(`^${HAN_NUMBER}、`) },
  { style: 'section', pattern: new RegExp(`^（${HAN_NUMBER}）[、.]?`) },
  { style: 'paren-item', pattern: /^（(\d{1,2})）[、.]?/ },
  { style: 'item', pattern: /^(\d{1,2})(?:\.(?!\d)|、)/ },
  { style: 'ordinal', pattern: new RegExp(`^${HAN_NUMBER}是[，：]?`) },
];

/** The heading a paragraph (in match form) starts with, if any. */
export function headingOf(match: string): Heading | null {
  for (const { style, pattern } of HEADINGS) {
    const m = pattern.exec(match);
    if (!m) continue;
    const number = smallNumber(m[1]);
    if (!Number.isFinite(number) || number < 1) continue;
    const titleStart = m[0].length;
    const rest = match.slice(titleStart);
    const stop = rest.search(/[。；：！？]/);
    let titleEnd = stop < 0 ? match.length : titleStart + stop;
    // A heading run into its text without a full stop: the title ends at the first comma past 40 characters.
    if (titleEnd - titleStart > 40) {
      const comma = rest.indexOf('，');
      titleEnd = comma > 0 ? titleStart + comma : titleStart + 40;
    }
    return { style, number, titleStart, titleEnd };
  }
  return null;
}

/** A node of the document's outline: a numbered heading, its own paragraphs and its children. */
export interface OutlineNode {
  style: NumberingStyle;
  number: number;
  /** The title as matched (simplified), without its number. */
  title: string;
  /** The paragraph of the heading (its first occurrence). */
  paragraph: number;
  titleStart: number;
  titleEnd: number;
  /** Paragraphs of this node's own text: its heading and those after it before the next heading. */
  own: number[];
  children: OutlineNode[];
  parent: OutlineNode | null;
}

export interface Outline {
  /** Top-level nodes, in order. */
  roots: OutlineNode[];
  /** Paragraphs before the first heading. */
  lead: number[];
  /** Paragraphs read: from the plan's start (after a preamble ending "制定如下方案") to its end. */
  from: number;
  to: number;
}

/** A title reduced for comparing an outline (目录/提纲) entry with the same heading in the body. */
function titleKey(title: string): string {
  return title.replace(/^关于/, '').replace(/[“”"‘’《》、，。：；\s]/g, '');
}

const compatible = (a: string, b: string) => {
  const x = titleKey(a);
  const y = titleKey(b);
  return x.length >= 2 && y.length >= 2 && (x.startsWith(y) || y.startsWith(x));
};

/** "……", "（未完…", "省略689字": text left out; what follows belongs to no heading until the next one. */
const GAP = /^(?:…|\.{3}|（未完)|省略\d+字|未完，全文/;
/** The sentence that ends the preamble of a plan. */
const PREAMBLE_END = /(?:制定|制订)(?:如下|本)(?:实施)?方案|(?:实施)?方案如下/;

/**
 * The outline of a document: numbered headings nested by the order their styles first appear
 * (a style seen before closes the deeper ones), each with its own paragraphs. A heading repeating an
 * earlier one of the same style, number and title (a 目录/提纲 followed by the body) continues it.
 * A preamble ending "制定如下方案" is skipped; a chapter numbered back (二、 after 四、) under a new
 * title ends the plan (the next document of a compilation).
 */
export function readOutline(paragraphs: readonly Paragraph[]): Outline {
  const preamble = paragraphs.findIndex((p) => !headingOf(p.match) && PREAMBLE_END.test(p.match));
  const from = preamble >= 0 ? preamble + 1 : 0;
  const roots: OutlineNode[] = [];
  const lead: number[] = [];
  const all: OutlineNode[] = [];
  let stack: OutlineNode[] = [];
  let detached = false;
  let lastChapter = 0;
  let to = paragraphs.length;

  for (let i = from; i < paragraphs.length; i += 1) {
    const paragraph = paragraphs[i];
    const heading = headingOf(paragraph.match);
    if (!heading) {
      if (GAP.test(paragraph.match)) detached = true;
      else if (!detached) (stack.length > 0 ? stack[stack.length - 1].own : lead).push(i);
      continue;
    }
    const title = paragraph.match.slice(heading.titleStart, heading.titleEnd);
    const again = all.find(
      (node) =>
        node.style === heading.style && node.number === heading.number && compatible(node.title, title),
    );
    if (again) {
      stack = [];
      for (let node: OutlineNode | null = again; node; node = node.parent) stack.unshift(node);
      again.own.push(i);
      detached = false;
      continue;
    }
    if (heading.style === 'chapter') {
      if (heading.number <= lastChapter && roots.length > 0) {
        to = i;
        break;
      }
      lastChapter = heading.number;
    }
    const open = stack.findIndex((node) => node.style === heading.style);
    if (open >= 0) stack = stack.slice(0, open);
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    const node: OutlineNode = {
      style: heading.style,
      number: heading.number,
      title,
      paragraph: i,
      titleStart: heading.titleStart,
      titleEnd: heading.titleEnd,
      own: [i],
      children: [],
      parent,
    };
    (parent ? parent.children : roots).push(node);
    all.push(node);
    stack.push(node);
    detached = false;
  }
  return { roots, lead, from, to };
}

/** Every paragraph of a node and its descendants. */
export function paragraphsUnder(node: OutlineNode): number[] {
  return [...node.own, ...node.children.flatMap(paragraphsUnder)].sort((a, b) => a - b);
}
