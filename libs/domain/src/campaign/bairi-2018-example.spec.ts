import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CampaignPlanDocument, PlanContext } from './campaign-plan';
import { seededCalendar } from './calendar-seed';
import { planProblems } from './plan-validation';
import { resolvePlan } from './plan-resolution';

/**
 * The worked example of seed 004 (examples/campaigns/bairi-2018.yaml) is a valid plan against the
 * units of examples/campaigns/units.csv and the working-day calendar the migration seeds, and it
 * resolves to the seed's deadlines.
 */
const EXAMPLES = join(__dirname, '../../../../examples/campaigns');

function exampleDocument(): CampaignPlanDocument {
  return parse(readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8')) as CampaignPlanDocument;
}

function exampleUnitCodes(): Set<string> {
  const [header, ...lines] = readFileSync(join(EXAMPLES, 'units.csv'), 'utf8').trim().split(/\r?\n/);
  expect(header.split(',')).toEqual(['编码', '名称', '类型', '上级编码']);
  return new Set(lines.map((line) => line.split(',')[0]));
}

/** "6月底前": the end of that day in China Standard Time, as the instant a task workflow waits for. */
const endOfCstDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

describe('the seed-004 example plan (百日攻坚行动, 2018)', () => {
  let context: PlanContext;

  beforeAll(() => {
    const calendar = seededCalendar();
    expect([...calendar.years]).toContain(2018);
    context = { unitCodes: exampleUnitCodes(), ledgerIds: new Set(), programmeIds: new Set(), calendar };
  });

  it('has no problems with the example units and the seeded calendar', () => {
    expect(planProblems(exampleDocument(), context)).toEqual([]);
  });

  it('is refused when a unit of the plan is not among the units', () => {
    const units = new Set(context.unitCodes);
    units.delete('wjj');
    const problems = planProblems(exampleDocument(), { ...context, unitCodes: units });
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('tasks[4].lead');
    expect(paths.every((path) => path.startsWith('tasks[4]'))).toBe(true);
  });

  it("is refused with the seed's literal 11月底 deadline for housing repair, outside the 100-day window", () => {
    const document = exampleDocument();
    document.tasks[3].deadline = '2018-11-30';
    expect(document.tasks[3].key).toBe('T4');
    expect(planProblems(document, context).map((p) => p.path)).toEqual(['tasks[3].deadline']);
  });

  it('resolves to the ten tasks and their sub-tasks, with the seed deadlines as instants', () => {
    const plan = resolvePlan(exampleDocument(), context.calendar);
    expect(plan.window).toEqual({ start: '2018-06-19T16:00:00.000Z', end: endOfCstDay('2018-09-30') });
    expect(plan.tasks.filter((t) => t.parentKey === null).map((t) => t.key)).toEqual([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
      'T6',
      'T7',
      'T8',
      'T9',
      'T10',
    ]);
    expect(plan.tasks).toHaveLength(21);
    expect(plan.tasks.filter((t) => !t.isGroup)).toHaveLength(17);
    expect(plan.goals.map((g) => [g.name, g.target])).toEqual([
      ['贫困人口精准识别率', 100],
      ['贫困户产业覆盖率', 100],
      ['贫困县摘帽合格率', 100],
      ['贫困村销号合格率', 100],
      ['贫困人口脱贫合格率', 100],
    ]);

    const task = (key: string) => plan.tasks.find((t) => t.key === key)!;
    // 6月底前
    expect(task('T3').deadline).toBe(endOfCstDay('2018-06-30'));
    expect(task('T5.1').deadline).toBe(endOfCstDay('2018-06-30'));
    // 9月底前, and what a sub-task inherits from its task
    expect(task('T6.2').deadline).toBe(endOfCstDay('2018-09-30'));
    expect(task('T1.1')).toMatchObject({ lead: 'fpb', cooperating: ['cgz', 'xhz'], parentKey: 'T1' });
    expect(task('T1.1').deadline).toBe(endOfCstDay('2018-09-30'));
    // 倒排工期: ten days before the end
    expect(task('T1.3').deadline).toBe(endOfCstDay('2018-09-20'));
    // five working days before the end: 9/29 (a Saturday worked, 调休) counts, 9/22–24 (中秋) do not
    expect(task('T1.2').deadline).toBe(endOfCstDay('2018-09-25'));
    // quantities
    expect(task('T4').target).toEqual({ quantity: 747, unit: '户' });
    expect(task('T5.1')).toMatchObject({ lead: 'wjj', target: { quantity: 1020, unit: '人' } });
    expect(task('T7').target).toEqual({ quantity: 200, unit: '人' });
    expect(task('T9.1')).toMatchObject({ lead: 'swj', target: { quantity: 98, unit: '%' } });
    expect(task('T4').measure).toBe('reported');
    expect(plan.cadence).toEqual({
      bulletin: { weekday: 1, time: '09:00' },
      dispatchMeeting: { weekday: 5, time: '15:00' },
      monthlyReportDay: 25,
    });
  });
});
