/**
 * Prints what the plan extraction rules make of written 实施方案: per file, how many fields were
 * extracted exactly, inferred and missing, the tasks, unknown unit names and validation's problems.
 *   npm run plan:extract -- <file.docx|file.txt> … [--units examples/campaigns/units.csv|seed-001|style] [--year 2021] [--json]
 * Units default to examples/campaigns/units.csv; `seed-001` and `style` are the fixtures' unit trees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPlanDocument } from '../apps/api/src/campaigns/plan-document-file';
import { seededCalendar } from '../libs/domain/src/campaign/calendar-seed';
import { extractPlanDraft, type UnitRef } from '../libs/domain/src/campaign/plan-extraction';
import { SEED_001_UNITS, STYLE_UNITS } from '../libs/domain/src/campaign/plan-extraction/fixtures/units';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';

function unitsFrom(option: string): UnitRef[] {
  if (option === 'seed-001') return SEED_001_UNITS;
  if (option === 'style') return STYLE_UNITS;
  const [, ...lines] = fs.readFileSync(path.resolve(option), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [code, name, kind, parentCode] = line.split(',');
    return { code, name, kind, parentCode: parentCode || null };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const unitsOption = value('--units') ?? path.join(PROJECT_ROOT, 'examples/campaigns/units.csv');
  const year = value('--year');
  const json = args.includes('--json');
  const files = args.filter((arg) => arg !== '--json');
  if (files.length === 0)
    throw new Error('usage: npm run plan:extract -- <file.docx|file.txt> … [--units …] [--year N]');
  const units = unitsFrom(unitsOption);
  const context = {
    unitCodes: new Set(units.map((unit) => unit.code)),
    ledgerIds: new Set<string>(),
    programmeIds: new Set<string>(),
    calendar: seededCalendar(),
  };
  for (const file of files) {
    const text = await readPlanDocument({ originalname: file, buffer: fs.readFileSync(file) });
    const draft = extractPlanDraft({
      text,
      units,
      year: year ? Number(year) : undefined,
      fileName: path.basename(file),
      context,
    });
    if (json) {
      console.log(JSON.stringify(draft, null, 2));
      continue;
    }
    const tasks = draft.document.tasks.reduce((n, task) => n + 1 + (task.subtasks?.length ?? 0), 0);
    const { exact, inferred, missing } = draft.counts;
    console.log(
      `${path.basename(file)}: ${draft.fields.length} fields — exact ${exact}, inferred ${inferred}, missing ${missing}; ` +
        `${draft.document.tasks.length} tasks, ${tasks - draft.document.tasks.length} sub-tasks, ${draft.document.goals.length} goals, ` +
        `${draft.unknownUnits.length} unknown unit names, ${draft.problems.length} validation problems`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
