import type { PlanContext, PlanProblem, TaskSpec } from '../campaign-plan';
import { planProblems } from '../plan-validation';
import {
  daysInMonth,
  deadlineFormLabel,
  findDeadlines,
  findWindows,
  isoDate,
  phraseDate,
  type DeadlinePhrase,
} from './dates';
import { readOutline, paragraphsUnder, type OutlineNode } from './outline';
import { findTargets } from './quantities';
import { readParagraphs, sentenceAround, span, type Paragraph, type SourceSpan } from './text';
import { findUnitMentions, matchUnit, splitUnitList, type UnitRef } from './units';

/** How sure the rules are of a field: written as such, read from context, or not found. */
export type Confidence = 'exact' | 'inferred' | 'missing';
export const CONFIDENCES: readonly Confidence[] = ['exact', 'inferred', 'missing'];

/** One field of the draft with where it came from. */
export interface DraftField {
  /** Path in the plan document, as validation names it (`tasks[3].deadline`). */
  path: string;
  confidence: Confidence;
  /** The value put in the draft (absent from the draft when missing). */
  value: unknown;
  /** The sentence it came from; null when nothing in the document says it. */
  source: SourceSpan | null;
  /** Why it is inferred or missing, in Chinese; null for an exact field. */
  note: string | null;
}

/** A unit name the unit tree does not know, for a person to map. */
export interface UnknownUnit {
  name: string;
  /** `tasks[2].lead` or `tasks[2].cooperating`: where the mapped code goes. */
  path: string;
  source: SourceSpan;
}

/** The plan document being drafted: the shape of CampaignPlanDocument with missing fields left out. */
export interface DraftPlanDocument {
  name?: string;
  window: { start?: string; end?: string };
  goals: Array<{ key: string; name: string; target: number; unit: string; tasks: string[] }>;
  tasks: TaskSpec[];
}

export interface PlanDraft {
  document: DraftPlanDocument;
  /** The document's text as read, one entry per paragraph: what sources point into. */
  paragraphs: string[];
  fields: DraftField[];
  unknownUnits: UnknownUnit[];
  /** What validation says of the draft as it stands (only when a context is given). */
  problems: PlanProblem[];
  counts: Record<Confidence, number>;
  /** The year dates without one were read in; null when neither the document nor the caller gave one. */
  year: number | null;
}

export interface ExtractionInput {
  /** The document's text (from .docx or .txt). */
  text: string;
  /** The unit tree (GET /api/units). */
  units: readonly UnitRef[];
  /** The year of dates written without one, when the document does not say. */
  year?: number;
  /** The uploaded file's name: the campaign's name when the document has no title. */
  fileName?: string;
  /** Validation context: when given, the draft carries validation's problems. */
  context?: PlanContext;
}

const TASK_SECTION = /任务|重点|行动内容|工作内容|主要内容/;
const NOT_TASK_SECTION = /目标|时间|期限|要求|保障|措施|原则|思想|组织|步骤|意义|要义|精神/;
const TITLE_WORDS = /方案|行动|攻势|攻坚/;
const LEAD_SLOT = /(?:牵头单位|责任单位|主责单位|牵头部门|责任部门)：([^；）。]+)/g;
const COOPERATING_SLOT = /(?:配合单位|协办单位|配合部门|参与单位)：([^；）。]+)/g;
const LED_BY = /由([^，。；、：（）]{2,15}?)(?:牵头|负责)/g;
const UNIT_LIKE = /(?:局|办|委|部|公司|中心|站|社|队|所|院|政府|镇|乡|街道)$/;
const AFTER_LEAD = /^(?:要|牵头|负责|会同)/;
const AFTER_COOPERATING = /^(?:也要|配合|协助|参与|积极配合)/;

type Candidate = {
  written: string;
  code: string | null;
  townships: string[] | null;
  source: SourceSpan;
  how: 'slot' | 'led-by' | 'mention';
};

/**
 * A draft plan from the text of a written 实施方案: name, window, goals with targets, tasks and
 * sub-tasks by the document's own numbering, lead and cooperating units matched against the unit
 * tree, deadlines and quantity targets, each field with the sentence it came from and how sure it
 * is. Nothing is guessed in silence: an inferred field says why, a missing one is left out of the
 * document and listed, and unknown unit names are listed for a person to map.
 */
export function extractPlanDraft(input: ExtractionInput): PlanDraft {
  const paragraphs = readParagraphs(input.text);
  const outline = readOutline(paragraphs);
  const fields: DraftField[] = [];
  const unknownUnits: UnknownUnit[] = [];
  const field = (
    path: string,
    confidence: Confidence,
    value: unknown,
    source: SourceSpan | null,
    note: string | null = null,
  ) => {
    fields.push({ path, confidence, value: confidence === 'missing' ? null : value, source, note });
  };
  const inPlan = paragraphs.slice(outline.from, outline.to);

  // The task section: a chapter titled 重点任务 / 攻势重点 …, else the top-level headings themselves.
  const section = outline.roots.find(
    (node) => TASK_SECTION.test(node.title) && !NOT_TASK_SECTION.test(node.title),
  );
  const taskNodes = section
    ? section.children
    : outline.roots.filter((node) => !NOT_TASK_SECTION.test(node.title) && !TASK_SECTION.test(node.title));
  const taskParagraphs = new Set(section ? paragraphsUnder(section) : taskNodes.flatMap(paragraphsUnder));

  // Window and year.
  const windows = inPlan.flatMap((p) => findWindows(p.match).map((w) => ({ w, p })));
  const chosen = windows.find(({ w }) => w.to.year !== null) ?? windows[0];
  const yearInText = inPlan.map((p) => /(20\d\d)年/.exec(p.match)).find((m) => m !== null);
  // The year the window is written in wins; then the year given with the upload; then the first year written.
  const writtenYear = chosen?.w.to.year ?? chosen?.w.from?.year ?? null;
  const year = writtenYear ?? input.year ?? (yearInText ? Number(yearInText[1]) : null);
  const yearNote =
    writtenYear !== null
      ? `年份取自行动期限“${writtenYear}年”`
      : input.year !== undefined
        ? '年份为上传时给出的年份'
        : yearInText
          ? `年份取自文中首次出现的“${yearInText[1]}年”`
          : null;
  const document: DraftPlanDocument = { window: {}, goals: [], tasks: [] };

  // Name.
  const title = findTitle(paragraphs, outline.from, outline.to);
  if (title) {
    document.name = title.name;
    field(
      'name',
      title.cleaned ? 'inferred' : 'exact',
      title.name,
      title.source,
      title.cleaned ? `由标题“${title.source.text}”去掉“${title.cleaned}”` : null,
    );
  } else if (input.fileName && nameFromFile(input.fileName)) {
    document.name = nameFromFile(input.fileName);
    field('name', 'inferred', document.name, null, `文件中没有标题，取文件名“${input.fileName}”`);
  } else field('name', 'missing', null, null, '文件中没有标题，请填写行动名称');

  if (chosen) {
    const source = sentenceAround(chosen.p, chosen.w.start, chosen.w.end);
    const { from, to } = chosen.w;
    if (from === null) field('window.start', 'missing', null, source, '文件写“从现在开始”，请填写开始日期');
    else if (year === null && from.year === null)
      field('window.start', 'missing', null, source, '文件未写年份，请在上传时给出年份');
    else {
      document.window.start = isoDate(from.year ?? year ?? 0, from.month, from.day);
      field(
        'window.start',
        from.year !== null ? 'exact' : 'inferred',
        document.window.start,
        source,
        from.year !== null ? null : yearNote,
      );
    }
    const toYear = to.year ?? year;
    if (toYear === null) field('window.end', 'missing', null, source, '文件未写年份，请在上传时给出年份');
    else {
      document.window.end = isoDate(toYear, to.month, to.day ?? daysInMonth(toYear, to.month));
      const exactYear = to.year !== null;
      field(
        'window.end',
        exactYear ? 'exact' : 'inferred',
        document.window.end,
        source,
        exactYear ? null : yearNote,
      );
    }
  } else {
    field('window.start', 'missing', null, null, '文件中没有找到行动期限，请填写开始日期');
    field('window.end', 'missing', null, null, '文件中没有找到行动期限，请填写结束日期');
  }

  // Tasks.
  const read = (node: OutlineNode, path: string, key: string, parent: TaskSpec | null): TaskSpec => {
    const own = node.children.length > 0 || parent ? node.own : paragraphsUnder(node);
    const texts = (parent ? paragraphsUnder(node) : own).map((i) => paragraphs[i]);
    const heading = paragraphs[node.paragraph];
    const task: TaskSpec = { key, name: taskName(node.title) };
    field(`${path}.name`, 'exact', task.name, span(heading, node.titleStart, node.titleEnd));

    // Units.
    const leads: Candidate[] = [];
    const cooperating: Candidate[] = [];
    for (const p of texts) scanUnits(p, input.units, leads, cooperating);
    const leadAt = leads.findIndex((c) => c.code !== null || c.townships === null);
    const lead = leads.find((c) => c.code !== null && c.townships === null);
    const firstLead = leadAt >= 0 ? leads[leadAt] : undefined;
    for (const c of leads) if (c !== firstLead) cooperating.push(c);
    if (firstLead && firstLead.code) {
      task.lead = firstLead.code;
      const several = leads.filter((c) => c.how === firstLead.how && c.townships === null).length > 1;
      const exact = firstLead.how !== 'mention' && !several;
      field(
        `${path}.lead`,
        exact ? 'exact' : 'inferred',
        task.lead,
        firstLead.source,
        exact
          ? null
          : several
            ? `文件写了多个牵头单位，取第一个“${firstLead.written}”，其余列为配合单位`
            : `文中写“${firstLead.written}要（负责）…”，取为牵头单位`,
      );
    } else if (firstLead) {
      unknownUnits.push({ name: firstLead.written, path: `${path}.lead`, source: firstLead.source });
      field(
        `${path}.lead`,
        'missing',
        null,
        firstLead.source,
        `“${firstLead.written}”不在单位树中，请对应到单位`,
      );
    } else if (!lead && parent) {
      field(`${path}.lead`, 'inferred', parent.lead ?? null, null, '文件未写，沿用所属任务的牵头单位');
    }
    const codes: string[] = [];
    let coopSource: SourceSpan | null = null;
    let coopExact = true;
    for (const c of cooperating) {
      if (c.townships) {
        for (const code of c.townships) if (!codes.includes(code) && code !== task.lead) codes.push(code);
      } else if (c.code) {
        if (!codes.includes(c.code) && c.code !== task.lead) codes.push(c.code);
      } else {
        unknownUnits.push({ name: c.written, path: `${path}.cooperating`, source: c.source });
        continue;
      }
      coopSource ??= c.source;
      if (c.how === 'mention') coopExact = false;
    }
    if (codes.length > 0) {
      task.cooperating = codes;
      field(
        `${path}.cooperating`,
        coopExact ? 'exact' : 'inferred',
        codes,
        coopSource,
        coopExact ? null : '由“…也要/配合…”读出的配合单位',
      );
    } else if (parent?.cooperating && parent.cooperating.length > 0 && !task.lead) {
      field(`${path}.cooperating`, 'inferred', parent.cooperating, null, '文件未写，沿用所属任务的配合单位');
    }

    // Deadline.
    const phrases = texts.flatMap((p) => findDeadlines(p.match).map((phrase) => ({ phrase, p })));
    const dated = phrases
      .map(({ phrase, p }) => ({
        phrase,
        p,
        date: year === null && phrase.year === null ? null : phraseDate(phrase, phrase.year ?? year ?? 0),
      }))
      .filter((d): d is { phrase: DeadlinePhrase; p: Paragraph; date: string } => d.date !== null);
    if (dated.length > 0) {
      const latest = dated.reduce((a, b) => (b.date > a.date ? b : a));
      task.deadline = latest.date;
      const others = dated
        .filter((d) => d.date !== latest.date)
        .map((d) => d.p.match.slice(d.phrase.start, d.phrase.end));
      const note = [
        latest.phrase.form !== 'day' ? deadlineFormLabel(latest.phrase.form) : null,
        latest.phrase.year === null && writtenYear === null ? yearNote : null,
        others.length > 0 ? `文中还写有${others.map((o) => `“${o}”`).join('、')}，取最晚的为截止时间` : null,
      ].filter((n): n is string => n !== null);
      field(
        `${path}.deadline`,
        others.length > 0 || (latest.phrase.year === null && writtenYear === null) ? 'inferred' : 'exact',
        task.deadline,
        sentenceAround(latest.p, latest.phrase.start, latest.phrase.end),
        note.length > 0 ? note.join('；') : null,
      );
    } else if (phrases.length > 0) {
      field(
        `${path}.deadline`,
        'missing',
        null,
        sentenceAround(phrases[0].p, phrases[0].phrase.start),
        '文件未写年份，请在上传时给出年份',
      );
    } else if (parent) {
      field(
        `${path}.deadline`,
        'inferred',
        parent.deadline ?? null,
        null,
        '文件未写，沿用所属任务的截止时间',
      );
    } else if (document.window.end) {
      task.deadline = document.window.end;
      field(`${path}.deadline`, 'inferred', task.deadline, null, '文件未写期限，取行动结束日');
    } else field(`${path}.deadline`, 'missing', null, null, '文件未写期限，请填写截止时间');

    // Target.
    const targets = texts.flatMap((p) => findTargets(p.match).map((t) => ({ t, p })));
    const counted = targets.find(({ t }) => t.unit !== '%') ?? targets[0];
    if (counted) {
      task.target = { quantity: counted.t.quantity, unit: counted.t.unit };
      const others = targets
        .filter((x) => x !== counted)
        .map(({ t, p }) => `“${p.match.slice(t.start, t.end)}”`);
      field(
        `${path}.target`,
        others.length > 0 ? 'inferred' : 'exact',
        task.target,
        sentenceAround(counted.p, counted.t.start, counted.t.end),
        others.length > 0
          ? `文中还有${others.join('、')}，取第一个${counted.t.unit === '%' ? '' : '计数的'}数量为目标`
          : null,
      );
    }

    // Sub-tasks.
    if (!parent && node.children.length > 0) {
      const subtasks = node.children.map((child, j) =>
        read(child, `${path}.subtasks[${j}]`, `${key}.${j + 1}`, task),
      );
      task.subtasks = subtasks;
      if (!task.lead) inferLeadFromSubtasks(task, subtasks, path, fields);
    }
    if (!parent && !task.lead && !fields.some((f) => f.path === `${path}.lead`)) {
      field(`${path}.lead`, 'missing', null, null, '文件未写牵头单位，请选择');
    }
    return task;
  };
  document.tasks = taskNodes.map((node, i) => read(node, `tasks[${i}]`, `T${i + 1}`, null));

  // Goals: "X达到100%" in sentences about 目标, else "43个贫困村摘帽" in a 目标 chapter.
  const goalChapter = outline.roots.find((node) => /目标/.test(node.title));
  const goalParagraphs = inPlan.filter(
    (p) =>
      !taskParagraphs.has(p.index) &&
      (/目标/.test(p.match) || (goalChapter ? paragraphsUnder(goalChapter).includes(p.index) : false)),
  );
  const topKeys = document.tasks.map((task) => task.key);
  for (const p of goalParagraphs) {
    const inChapter = goalChapter ? paragraphsUnder(goalChapter).includes(p.index) : false;
    for (const goal of findGoals(p.match, inChapter)) {
      const key = `G${document.goals.length + 1}`;
      const path = `goals[${document.goals.length}]`;
      const source = sentenceAround(p, goal.start, goal.end);
      document.goals.push({ key, name: goal.name, target: goal.target, unit: goal.unit, tasks: topKeys });
      field(`${path}.name`, 'exact', goal.name, source);
      field(`${path}.target`, 'exact', { target: goal.target, unit: goal.unit }, source);
      field(
        `${path}.tasks`,
        topKeys.length > 0 ? 'inferred' : 'missing',
        topKeys,
        source,
        '文件未写明目标由哪些任务构成，暂定为全部任务，请核对',
      );
    }
  }

  const counts: Record<Confidence, number> = { exact: 0, inferred: 0, missing: 0 };
  for (const f of fields) counts[f.confidence] += 1;
  return {
    document,
    paragraphs: paragraphs.map((p) => p.text),
    fields,
    unknownUnits,
    problems: input.context ? draftProblems(document, input.context) : [],
    counts,
    year,
  };
}

/**
 * Validation's problems with the draft. Without a start ("从现在开始") validation checks no
 * deadline against the window; a probe with the earliest possible start adds what it says of
 * deadlines after the window's end, as validation will once the start is filled in.
 */
function draftProblems(document: DraftPlanDocument, context: PlanContext): PlanProblem[] {
  const problems = planProblems(document, context);
  if (document.window.start !== undefined || document.window.end === undefined) return problems;
  const probe = { ...document, window: { start: '1970-01-01', end: document.window.end } };
  const seen = new Set(problems.map((p) => `${p.path}\u0000${p.problem}`));
  const late = planProblems(probe, context).filter(
    (p) => p.path.endsWith('.deadline') && !seen.has(`${p.path}\u0000${p.problem}`),
  );
  return [...problems, ...late];
}

/** A task's name from its heading: without "关于" and trailing punctuation. */
function taskName(title: string): string {
  return title
    .replace(/^关于/, '')
    .replace(/[，。；：、\s]+$/, '')
    .trim();
}

/** A task with no lead of its own takes its sub-tasks' lead when they all name the same one. */
function inferLeadFromSubtasks(
  task: TaskSpec,
  subtasks: TaskSpec[],
  path: string,
  fields: DraftField[],
): void {
  const named = subtasks
    .map((sub, j) => ({
      sub,
      field: fields.find(
        (f) => f.path === `${path}.subtasks[${j}].lead` && f.confidence !== 'missing' && f.source !== null,
      ),
    }))
    .filter((x) => x.field !== undefined && x.sub.lead !== undefined);
  const leads = [...new Set(named.map((x) => x.sub.lead))];
  if (leads.length !== 1 || !leads[0]) {
    if (leads.length > 1) {
      fields.push({
        path: `${path}.lead`,
        confidence: 'missing',
        value: null,
        source: null,
        note: '各子任务的牵头单位不同，请指定本任务的牵头单位',
      });
    }
    return;
  }
  const first = named[0];
  task.lead = leads[0];
  fields.push({
    path: `${path}.lead`,
    confidence: 'inferred',
    value: task.lead,
    source: first.field?.source ?? null,
    note: '本任务未写牵头单位，取子任务写明的牵头单位',
  });
  if (first.sub.cooperating && !task.cooperating) {
    task.cooperating = first.sub.cooperating.filter((code) => code !== task.lead);
    fields.push({
      path: `${path}.cooperating`,
      confidence: 'inferred',
      value: task.cooperating,
      source: first.field?.source ?? null,
      note: '本任务未写配合单位，取子任务写明的配合单位',
    });
  }
  // Sub-tasks that inherited nothing now inherit this lead: their fields say so.
  for (const [j, sub] of subtasks.entries()) {
    if (sub.lead) continue;
    const inherited = fields.find((f) => f.path === `${path}.subtasks[${j}].lead`);
    if (inherited && inherited.source === null) inherited.value = task.lead;
  }
}

/** Units a paragraph names: in slots (牵头单位：…), as 由X牵头, or in running text (住建局要…). */
function scanUnits(
  p: Paragraph,
  units: readonly UnitRef[],
  leads: Candidate[],
  cooperating: Candidate[],
): void {
  const text = p.match;
  const candidate = (written: string, start: number, end: number, how: Candidate['how']): Candidate => {
    const match = matchUnit(written, units);
    return {
      written: p.text.slice(start, end),
      code: match.kind === 'unit' ? match.code : null,
      townships: match.kind === 'all-townships' ? match.codes : null,
      source: sentenceAround(p, start, end),
      how,
    };
  };
  const covered: Array<[number, number]> = [];
  for (const m of text.matchAll(LEAD_SLOT)) {
    const at = m.index + m[0].length - m[1].length;
    covered.push([m.index, m.index + m[0].length]);
    for (const item of splitUnitList(m[1], at))
      leads.push(candidate(item.name, item.start, item.end, 'slot'));
  }
  for (const m of text.matchAll(COOPERATING_SLOT)) {
    const at = m.index + m[0].length - m[1].length;
    covered.push([m.index, m.index + m[0].length]);
    for (const item of splitUnitList(m[1], at))
      cooperating.push(candidate(item.name, item.start, item.end, 'slot'));
  }
  const inSlot = (at: number) => covered.some(([a, b]) => at >= a && at < b);
  for (const m of text.matchAll(LED_BY)) {
    const name = m[1];
    const at = m.index + 1;
    if (inSlot(at)) continue;
    const c = candidate(name, at, at + name.length, 'led-by');
    if (c.code === null && c.townships === null && !UNIT_LIKE.test(name)) continue;
    covered.push([at, at + name.length]);
    // Every township leading is no single lead: they cooperate.
    (c.townships ? cooperating : leads).push(c);
  }
  for (const mention of findUnitMentions(text, units)) {
    if (inSlot(mention.start)) continue;
    const after = text.slice(mention.end);
    if (AFTER_COOPERATING.test(after) || /(?:会同|协同|联合)$/.test(text.slice(0, mention.start)))
      cooperating.push(candidate(mention.written, mention.start, mention.end, 'mention'));
    else if (AFTER_LEAD.test(after))
      leads.push(candidate(mention.written, mention.start, mention.end, 'mention'));
  }
  // "各乡镇配合", "各乡镇场街一定要…": every township cooperates.
  for (const m of text.matchAll(
    /各(?:乡镇场街|乡镇街道|乡镇|镇办|镇街)(?:党委政府)?(?=配合|要|一定要|负责|协助)/g,
  )) {
    if (inSlot(m.index)) continue;
    cooperating.push(candidate(m[0], m.index, m.index + m[0].length, 'mention'));
  }
  leads.sort((a, b) => rank(a.how) - rank(b.how));
}

const rank = (how: Candidate['how']) => (how === 'slot' ? 0 : how === 'led-by' ? 1 : 2);

/** Goals written as "贫困人口精准识别率达到100%", or, in a 目标 chapter, "43个贫困村摘帽". */
function findGoals(
  text: string,
  inChapter: boolean,
): Array<{ name: string; target: number; unit: string; start: number; end: number }> {
  const reached = [
    ...text.matchAll(
      /(?:^|[：；，。、])([^：；，。、“”]{2,24}?)(?:达到|达)(\d+(?:\.\d+)?)(%|户|人|个|名|村)/g,
    ),
  ].map((m) => ({
    name: m[1].replace(/^(?:努力|确保|实现)/, ''),
    target: Number(m[2]),
    unit: m[3],
    start: m.index + m[0].length - m[1].length - m[2].length - m[3].length - 2,
    end: m.index + m[0].length,
  }));
  if (reached.length > 0 || !inChapter) return reached;
  return [...text.matchAll(/(\d+)(个|名|户|人)([^，。；、\d]{2,16})/g)].map((m) => ({
    name: m[3].replace(/(?:奠定|打下|的目标|目标).*$/, ''),
    target: Number(m[1]),
    unit: m[2],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The document's title: a short line naming a 方案/行动 before or at the plan's start. */
function findTitle(
  paragraphs: readonly Paragraph[],
  from: number,
  to: number,
): { name: string; source: SourceSpan; cleaned: string | null } | null {
  const order = [
    ...[from - 1, from - 2, from - 3].filter((i) => i >= 0),
    ...Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k),
  ];
  for (const i of order) {
    const p = paragraphs[i];
    if (!p || p.match.length > 40 || /[，。；：！？]/.test(p.match) || !TITLE_WORDS.test(p.match)) continue;
    if (/^[一二三四五六七八九十（\d]/.test(p.match)) continue;
    const simplified = p.match.trim();
    const name = simplified
      .replace(/^(?:对|关于)/, '')
      .replace(/(?:的解读|的通知|的说明)$/, '')
      .replace(/\s*实施方案$/, '')
      .replace(/的$/, '')
      .replace(/^(?:全市|全县|全区|全镇)/, '')
      .replace(/\s+/g, '');
    return {
      name,
      source: span(p, 0, p.text.length),
      cleaned: name !== simplified ? removed(simplified, name) : null,
    };
  }
  return null;
}

/** What was taken off a title, for the note ("对、全市、实施方案的解读"). */
function removed(full: string, kept: string): string {
  const at = full.replace(/\s+/g, '').indexOf(kept);
  const compact = full.replace(/\s+/g, '');
  return [compact.slice(0, at), compact.slice(at + kept.length)].filter(Boolean).join('”“');
}

/** A campaign name from a file name: without extension and "实施方案". */
function nameFromFile(fileName: string): string {
  return fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]+$/, '')
    .replace(/实施方案$/, '')
    .trim();
}
