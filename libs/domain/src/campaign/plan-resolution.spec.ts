import { DEFAULT_CAMPAIGN_LADDER } from './campaign-ladder';
import type { ResolvedTask } from './campaign-plan';
import { resolveDeadline, resolvePlan } from './plan-resolution';
import { planProblems } from './plan-validation';
import { PROGRAMME_ID, seed004Plan, seedCalendar, seedContext } from './seed-004-plan.fixture';

const calendar = seedCalendar();
// 2018-06-22 … 2018-09-30 in CST: from the start of the first day to the end of the last.
const window = { start: '2018-06-21T16:00:00.000Z', end: '2018-09-30T16:00:00.000Z' };
const at = (spec: Parameters<typeof resolveDeadline>[0], w = window) =>
  resolveDeadline(spec, w, calendar).toISOString();

describe('resolveDeadline', () => {
  it('reads a date as the end of that day in CST and keeps an instant', () => {
    expect(at('2018-06-30')).toBe('2018-06-30T16:00:00.000Z');
    expect(at('2018-06-30T18:00:00+08:00')).toBe('2018-06-30T10:00:00.000Z');
  });

  it('counts calendar time back from the campaign end (倒排工期)', () => {
    expect(at({ beforeEnd: 'P10D' })).toBe('2018-09-20T16:00:00.000Z');
    // The end of September less a month is the end of August.
    expect(at({ beforeEnd: 'P1M' })).toBe('2018-08-31T16:00:00.000Z');
    expect(at({ beforeEnd: 'PT12H' })).toBe('2018-09-30T04:00:00.000Z');
    expect(at({ beforeEnd: 'PT0S' })).toBe(window.end);
  });

  it('counts working days back from the last day of the window, to the end of that day', () => {
    // Last day 2018-09-30 (a make-up Sunday); 5 working days before: 29, 28, 27, 26, 25.
    expect(at({ workingDaysBeforeEnd: 5 })).toBe('2018-09-25T16:00:00.000Z');
    // One more skips the Mid-Autumn holiday and its weekend (09-22 … 09-24).
    expect(at({ workingDaysBeforeEnd: 6 })).toBe('2018-09-21T16:00:00.000Z');
    // A window ending at an instant still ends on 2018-09-30.
    expect(at({ workingDaysBeforeEnd: 5 }, { ...window, end: '2018-09-30T04:00:00.000Z' })).toBe(
      '2018-09-25T16:00:00.000Z',
    );
  });

  it('counts working days forward from the first day of the window', () => {
    // First day Friday 2018-06-22: ten working days later is Friday 2018-07-06.
    expect(at({ workingDaysAfterStart: 10 })).toBe('2018-07-06T16:00:00.000Z');
    expect(at({ workingDaysAfterStart: 1 })).toBe('2018-06-25T16:00:00.000Z');
  });

  it('refuses working days in a year the calendar does not know, naming it', () => {
    const winter = { start: '2018-11-30T16:00:00.000Z', end: '2019-01-31T16:00:00.000Z' };
    expect(() => resolveDeadline({ workingDaysBeforeEnd: 3 }, winter, calendar)).toThrow('2019 年');
    expect(resolveDeadline({ workingDaysAfterStart: 3 }, winter, calendar).toISOString()).toBe(
      '2018-12-05T16:00:00.000Z',
    );
  });
});

describe('resolvePlan', () => {
  const plan = resolvePlan(seed004Plan(), calendar);
  const task = (key: string): ResolvedTask => {
    const found = plan.tasks.find((t) => t.key === key);
    if (!found) throw new Error(`no task ${key}`);
    return found;
  };

  it('spans the window from the start of its first day to the end of its last (CST)', () => {
    expect(plan.window).toEqual(window);
    const instants = resolvePlan(
      { ...seed004Plan(), window: { start: '2018-06-22T09:00:00+08:00', end: '2018-09-30T18:00:00+08:00' } },
      calendar,
    );
    expect(instants.window).toEqual({ start: '2018-06-22T01:00:00.000Z', end: '2018-09-30T10:00:00.000Z' });
  });

  it('flattens tasks in plan order, each group before its sub-tasks', () => {
    expect(plan.tasks.map((t) => [t.order, t.key, t.parentKey, t.isGroup])).toEqual([
      [0, 'T1', null, true],
      [1, 'T1.1', 'T1', false],
      [2, 'T1.2', 'T1', false],
      [3, 'T1.3', 'T1', false],
      [4, 'T2', null, false],
      [5, 'T3', null, false],
      [6, 'T4', null, false],
      [7, 'T5', null, true],
      [8, 'T5.1', 'T5', false],
      [9, 'T5.2', 'T5', false],
      [10, 'T5.3', 'T5', false],
      [11, 'T6', null, true],
      [12, 'T6.1', 'T6', false],
      [13, 'T6.2', 'T6', false],
      [14, 'T7', null, false],
      [15, 'T8', null, false],
      [16, 'T9', null, true],
      [17, 'T9.1', 'T9', false],
      [18, 'T9.2', 'T9', false],
      [19, 'T9.3', 'T9', false],
      [20, 'T10', null, false],
    ]);
  });

  it('lets a sub-task inherit lead, cooperating units and deadline, or give its own', () => {
    expect(task('T5.2')).toMatchObject({
      lead: 'wjj',
      cooperating: ['mzj'],
      deadline: '2018-09-30T16:00:00.000Z',
    });
    expect(task('T5.1')).toMatchObject({
      lead: 'wjj',
      cooperating: ['mzj'],
      deadline: '2018-06-30T16:00:00.000Z',
    });
    expect(task('T6.2')).toMatchObject({ lead: 'jyj', cooperating: ['rsj'] });
    expect(task('T6.1')).toMatchObject({
      lead: 'jyj',
      cooperating: [],
      deadline: '2018-07-06T16:00:00.000Z',
    });
    expect(task('T9.1')).toMatchObject({ lead: 'swj', cooperating: ['fpb'] });
    expect(task('T9.3')).toMatchObject({ lead: 'fpb', cooperating: [] });
    expect(task('T1.2').deadline).toBe('2018-09-25T16:00:00.000Z');
    expect(task('T1.3').deadline).toBe('2018-08-31T16:00:00.000Z');
  });

  it('keeps targets, measures, pace and dependencies, with reported progress by default', () => {
    expect(task('T4')).toMatchObject({
      target: { quantity: 747, unit: '户' },
      measure: { programme: PROGRAMME_ID },
    });
    expect(task('T2')).toMatchObject({ target: null, measure: 'reported', pace: null, dependsOn: [] });
    expect(task('T7').pace).toEqual([
      { time: 0.5, share: 0.3 },
      { time: 1, share: 1 },
    ]);
    expect(task('T10').dependsOn).toEqual(['T1.1']);
    // A sub-task does not inherit its task's target or measure.
    expect(task('T9.2')).toMatchObject({ target: null, measure: 'reported' });
  });

  it('fills in the defaults: campaign ladder, Monday 09:00 bulletin, pledges within P3D, a margin of 10', () => {
    const bare = resolvePlan({ ...seed004Plan(), goals: undefined, cadence: undefined }, calendar);
    expect(bare.ladder).toEqual(DEFAULT_CAMPAIGN_LADDER);
    expect(bare.cadence).toEqual({
      bulletin: { weekday: 1, time: '09:00' },
      dispatchMeeting: null,
      monthlyReportDay: null,
    });
    expect(bare.pledgeWithin).toBe('P3D');
    expect(bare.paceMargin).toBe(10);
    expect(bare.goals).toEqual([]);
    expect(plan.name).toBe('全市精准脱贫“百日攻坚行动”');
  });

  it('keeps what the plan gives instead of the defaults', () => {
    const custom = resolvePlan(
      {
        ...seed004Plan(),
        cadence: { bulletin: { weekday: 5, time: '17:30' }, monthlyReportDay: 25 },
        ladder: DEFAULT_CAMPAIGN_LADDER.slice(0, 2),
        pledgeWithin: 'P5D',
        paceMargin: 0,
      },
      calendar,
    );
    expect(custom.cadence).toEqual({
      bulletin: { weekday: 5, time: '17:30' },
      dispatchMeeting: null,
      monthlyReportDay: 25,
    });
    expect(custom.ladder.map((step) => step.kind)).toEqual(['reminder', 'yellow-warning']);
    expect(custom.pledgeWithin).toBe('P5D');
    expect(custom.paceMargin).toBe(0);
    expect(plan.cadence).toEqual({
      bulletin: { weekday: 1, time: '09:00' },
      dispatchMeeting: { weekday: 5, time: '16:00' },
      monthlyReportDay: 25,
    });
  });

  it('reads goals, averaging percentages unless told to add quantities', () => {
    expect(plan.goals.map((g) => [g.key, g.target, g.unit, g.tasks, g.aggregate])).toEqual([
      ['G1', 100, '%', ['T1.1'], 'mean-percent'],
      ['G2', 100, '%', ['T2'], 'mean-percent'],
      ['G3', 747, '户', ['T4'], 'sum'],
    ]);
  });

  it('shares nothing with the document or the default ladder', () => {
    const document = seed004Plan();
    const resolved = resolvePlan(document, calendar);
    document.tasks[1].cooperating?.push('zjj');
    document.goals?.[0].tasks.push('T2');
    resolved.ladder[0].audience.push('leadership');
    expect(resolved.tasks[4].cooperating).toEqual(['jrb']);
    expect(resolved.goals[0].tasks).toEqual(['T1.1']);
    expect(DEFAULT_CAMPAIGN_LADDER[0].audience).toEqual(['responsible-unit']);
  });

  it('takes the seed-004 example from JSON text to a plan whose every deadline lies in the window', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(seed004Plan()));
    expect(planProblems(parsed, seedContext(calendar))).toEqual([]);
    const resolved = resolvePlan(seed004Plan(), calendar);
    expect(resolved.tasks).toHaveLength(21);
    expect(resolved.tasks.filter((t) => !t.isGroup)).toHaveLength(17);
    for (const t of resolved.tasks) {
      expect(Date.parse(t.deadline)).toBeGreaterThan(Date.parse(resolved.window.start));
      expect(Date.parse(t.deadline)).toBeLessThanOrEqual(Date.parse(resolved.window.end));
      expect(t.lead).not.toBe('');
      expect(t.cooperating).not.toContain(t.lead);
    }
  });
});
