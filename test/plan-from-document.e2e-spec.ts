import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { parse } from 'yaml';
import type { CampaignPlanDocument, TaskSpec } from '../libs/domain/src/campaign/campaign-plan';
import { cstDaysFromNow } from './support/campaign-fixture';
import { importExampleUnits } from './support/example-units';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const EXAMPLES = join(__dirname, '../examples/campaigns');
const FIXTURES = join(__dirname, '../libs/domain/src/campaign/plan-extraction/fixtures');
const SEED_004 = readFileSync(join(FIXTURES, 'seed-004.txt'), 'utf8');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Draft {
  document: { name?: string; window: { start?: string; end?: string }; goals: unknown[]; tasks: TaskSpec[] };
  paragraphs: string[];
  fields: Array<{
    path: string;
    confidence: string;
    source: { paragraph: number; start: number; end: number; text: string } | null;
  }>;
  unknownUnits: Array<{ name: string; path: string }>;
  problems: Array<{ path: string; problem: string }>;
  counts: { exact: number; inferred: number; missing: number };
}

/** Reads a value of the draft document at a validation path (`tasks[3].subtasks[0].lead`). */
function at(document: unknown, path: string): { parent: Record<string, unknown>; field: string } {
  const steps = path.match(/[^.[\]]+/g) ?? [];
  let node = document as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  return { parent: node, field: steps[steps.length - 1] };
}

describe('a draft plan from a written 实施方案, over HTTP on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let example: CampaignPlanDocument;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    // The example's units (住建局 zjj is already in the fixture).
    await importExampleUnits(system, ['zjj']);
    example = parse(readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8')) as CampaignPlanDocument;
  });
  afterAll(async () => {
    await system?.close();
  });

  const upload = (content: Buffer, name: string, auth = f.auth.command, query = '') =>
    system
      .http()
      .post(`/api/campaigns/drafts/from-document${query}`)
      .set('Authorization', auth)
      .attach('file', content, name);

  let utf8: Draft;

  it('drafts seed 004 uploaded as UTF-8 text: ten tasks, their sources, and what validation says', async () => {
    const response = await upload(Buffer.from(SEED_004, 'utf8'), '百日攻坚行动实施方案.txt').expect(200);
    utf8 = response.body as Draft;
    expect(utf8.document.name).toBe('精准脱贫“百日攻坚行动”');
    expect(utf8.document.tasks.map((t) => t.key)).toEqual(example.tasks.map((t) => t.key));
    expect(utf8.document.tasks[3]).toMatchObject({
      lead: 'zjj',
      cooperating: ['fpb'],
      target: { quantity: 747, unit: '户' },
    });
    const source = utf8.fields.find((field) => field.path === 'tasks[3].target')?.source;
    expect(source && utf8.paragraphs[source.paragraph].slice(source.start, source.end)).toBe(source?.text);
    expect(utf8.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['window.start', 'tasks[3].deadline']),
    );
    expect(utf8.counts.exact).toBeGreaterThan(0);
  });

  it('drafts the same plan from GB18030 text and from a .docx', async () => {
    const gb = (await upload(iconv.encode(SEED_004, 'gb18030'), '方案.txt').expect(200)).body as Draft;
    expect(gb.document).toEqual(utf8.document);
    const docx = (
      await upload(readFileSync(join(__dirname, 'fixtures/seed-004.docx')), '方案.docx').expect(200)
    ).body as Draft;
    expect(docx.document).toEqual(utf8.document);
    expect(docx.counts).toEqual(utf8.counts);
  });

  it('saves the checked draft as a campaign and launches it, no task typed by hand', async () => {
    const document = structuredClone(utf8.document) as Draft['document'] & Record<string, unknown>;
    // The window moves to the test's clock: 6月底 a month from now, 9月底 (the end) in a hundred days.
    const moved: Record<string, string> = {
      '2018-06-30': cstDaysFromNow(30),
      '2018-09-30': cstDaysFromNow(100),
    };
    document.window = { start: cstDaysFromNow(0), end: moved['2018-09-30'] };
    const move = (task: TaskSpec) => {
      if (typeof task.deadline === 'string') task.deadline = moved[task.deadline] ?? task.deadline;
      task.subtasks?.forEach(move);
    };
    document.tasks.forEach(move);
    // What a person does with the review: a deadline flagged outside the window goes to its end …
    for (const problem of utf8.problems.filter((p) => p.path.endsWith('.deadline'))) {
      const { parent, field } = at(document, problem.path);
      parent[field] = document.window.end;
    }
    // … and a missing lead is chosen from the unit tree (here: the worked example's choice).
    for (const field of utf8.fields.filter(
      (x) => x.confidence === 'missing' && /^tasks\[\d+\]\.lead$/.test(x.path),
    )) {
      const { parent } = at(document, field.path);
      parent.lead = example.tasks.find((t) => t.key === parent.key)?.lead;
    }
    const created = await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', f.auth.command)
      .send(document)
      .expect(201);
    const id = (created.body as { id: string }).id;
    const launched = await system
      .http()
      .post(`/api/campaigns/${id}/launch`)
      .set('Authorization', f.auth.command)
      .expect(200);
    expect(launched.body).toMatchObject({ status: 'running' });
    expect((launched.body as { tasks: unknown[] }).tasks.length).toBe(
      utf8.document.tasks.reduce((n, t) => n + 1 + (t.subtasks?.length ?? 0), 0),
    );
  });

  it('lists an unknown unit, refuses the unmapped draft with its path, and saves it once mapped', async () => {
    const text = readFileSync(join(FIXTURES, 'style-numbered-items.txt'));
    const draft = (await upload(text, '人居环境整治实施方案.txt').expect(200)).body as Draft;
    expect(draft.unknownUnits).toEqual([
      expect.objectContaining({ name: '县环保局', path: 'tasks[3].lead' }),
    ]);
    const document = structuredClone<Draft['document']>(draft.document);
    const offset = (date: string) =>
      cstDaysFromNow(Math.round((Date.parse(date) - Date.parse('2020-03-01')) / 86_400_000));
    document.window = { start: offset(document.window.start!), end: offset(document.window.end!) };
    for (const task of document.tasks)
      if (typeof task.deadline === 'string') task.deadline = offset(task.deadline);
    const refused = await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', f.auth.command)
      .send(document)
      .expect(422);
    expect((refused.body as { details: Array<{ path: string }> }).details.map((d) => d.path)).toContain(
      'tasks[3].lead',
    );
    // 县环保局 is mapped to a unit of the tree.
    document.tasks[3].lead = 'zjj';
    await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', f.auth.command)
      .send(document)
      .expect(201);
  });

  it('refuses a department (403), a file that is not text (400) and a missing file (400)', async () => {
    await upload(Buffer.from(SEED_004), '方案.txt', f.auth.deptA).expect(403);
    const png = await upload(PNG, '方案.png').expect(400);
    expect(png.body).toMatchObject({ code: 'DOCUMENT_UNREADABLE' });
    const renamed = await upload(PNG, '方案.txt').expect(400);
    expect(renamed.body).toMatchObject({ code: 'DOCUMENT_UNREADABLE' });
    const fake = await upload(Buffer.from('不是 Word 文档'), '方案.docx').expect(400);
    expect(fake.body).toMatchObject({ code: 'DOCUMENT_UNREADABLE' });
    await system
      .http()
      .post('/api/campaigns/drafts/from-document')
      .set('Authorization', f.auth.command)
      .expect(400);
  });

  it('takes the year of the upload for a document that writes none, and refuses a bad year', async () => {
    const text = readFileSync(join(FIXTURES, 'style-sections-no-year.txt'));
    const draft = (await upload(text, '清零行动.txt', f.auth.command, '?year=2021').expect(200))
      .body as Draft;
    expect(draft.document.window).toEqual({ end: '2021-10-31' });
    await upload(text, '清零行动.txt', f.auth.command, '?year=abc').expect(400);
  });
});
