import type { ResolvedGoal } from './campaign-plan';
import {
  campaignBulletin,
  finalReport,
  goalProgress,
  taskPercentage,
  taskProgress,
  overallPercentage,
  unitRanking,
  type TaskProgressInput,
  type TaskProgressView,
} from './campaign-progress';

// Seed 004's deadlines: end of June, end of September, end of November 2018 (instants: the next day 00:00 CST).
const END_JUNE = '2018-06-30T16:00:00.000Z';
const END_SEPTEMBER = '2018-09-30T16:00:00.000Z';
const END_NOVEMBER = '2018-11-30T16:00:00.000Z';
const cst = (wall: string) => new Date(`${wall}+08:00`);

function row(key: string, fields: Partial<TaskProgressInput> = {}): TaskProgressInput {
  return {
    key,
    parentKey: null,
    order: 0,
    name: `任务 ${key}`,
    lead: 'fpb',
    cooperating: [],
    isGroup: false,
    status: 'in-progress',
    deadline: END_SEPTEMBER,
    originalDeadline: END_SEPTEMBER,
    targetQuantity: null,
    targetUnit: null,
    quantityDone: null,
    percentDone: null,
    linked: null,
    escalationLevel: 0,
    behindPace: false,
    submittedAt: null,
    acceptedAt: null,
    closedAt: null,
    ...fields,
  };
}
const byKey = (views: TaskProgressView[], key: string) => views.find((v) => v.key === key)!;
const one = (input: TaskProgressInput, now: Date) => taskProgress([input], now)[0];

describe('a task’s percentage and quantity', () => {
  const now = cst('2018-07-10T10:00:00');
  it('counts a quantity against its target, one decimal', () => {
    const view = one(row('T4', { targetQuantity: 747, targetUnit: '户', quantityDone: 300 }), now);
    expect(view).toMatchObject({ percentage: 40.2, quantity: 300 });
    expect(one(row('T4', { targetQuantity: 747 }), now)).toMatchObject({ percentage: 0, quantity: null });
  });

  it('counts linked progress against the target, or the linked total when there is no target', () => {
    const linked = { kind: 'programme', done: 200, total: 800 } as const;
    expect(one(row('T4.1', { targetQuantity: 747, linked }), now)).toMatchObject({
      percentage: 26.8,
      quantity: 200,
    });
    expect(one(row('T4.1', { linked }), now).percentage).toBe(25);
    expect(one(row('T4.1', { linked: { kind: 'ledger', done: 0, total: 0 } }), now).percentage).toBe(0);
  });

  it('takes the reported percentage of a task without a target', () => {
    expect(one(row('T1', { percentDone: 62.25 }), now)).toMatchObject({ percentage: 62.3, quantity: null });
    expect(one(row('T1'), now).percentage).toBe(0);
  });

  it('caps at 100 and shows an accepted task at 100', () => {
    expect(one(row('T7', { targetQuantity: 200, quantityDone: 260 }), now).percentage).toBe(100);
    expect(
      one(row('T7', { targetQuantity: 200, quantityDone: 10, status: 'accepted' }), now).percentage,
    ).toBe(100);
    expect(
      taskPercentage({
        status: 'accepted',
        targetQuantity: null,
        quantityDone: null,
        percentDone: 0,
        linked: null,
      }),
    ).toBe(100);
  });
});

describe('a task’s view', () => {
  it('is the row’s fields and what the view computes, nothing else, also when recomputed from an older view', () => {
    const input = row('T1', { deadline: END_JUNE, pausedMs: 3_600_000, targetQuantity: 10, quantityDone: 4 });
    const computed = { percentage: 40, quantity: 4, daysLeft: 29, daysOverdue: null, overdue: false };
    const early = one(input, cst('2018-06-01T09:00:00'));
    expect(early).toStrictEqual({ ...input, ...computed });
    // an older view as the input: its figures are recomputed, not carried over
    expect(one(early, cst('2018-07-03T09:00:00'))).toStrictEqual({
      ...input,
      ...computed,
      daysLeft: null,
      daysOverdue: 3,
      overdue: true,
    });
    expect(one(row('T2'), cst('2018-06-01T09:00:00'))).not.toHaveProperty('pausedMs');
  });
});

describe('days left and days overdue (CST calendar days)', () => {
  const task = row('T1', { deadline: END_JUNE });
  const at = (wall: string) => one(task, cst(wall));

  it('counts the days left to the deadline’s last day, 0 on that day', () => {
    expect(at('2018-06-01T09:00:00')).toMatchObject({ daysLeft: 29, daysOverdue: null, overdue: false });
    expect(at('2018-06-29T23:59:59')).toMatchObject({ daysLeft: 1, overdue: false });
    expect(at('2018-06-30T00:00:00')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(at('2018-06-30T23:59:59')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(at('2018-07-01T00:00:00')).toMatchObject({ daysLeft: 0, daysOverdue: null, overdue: false }); // the deadline instant itself
  });

  it('is overdue from one second past the deadline: 1 day on 1 July, 3 days on 3 July', () => {
    expect(at('2018-07-01T00:00:01')).toMatchObject({ daysLeft: null, daysOverdue: 1, overdue: true });
    expect(at('2018-07-01T23:59:59')).toMatchObject({ daysOverdue: 1 });
    expect(at('2018-07-03T10:00:00')).toMatchObject({ daysOverdue: 3 });
  });

  it('tells how late an accepted task was, and nothing for one accepted in time', () => {
    const late = row('T1', {
      deadline: END_JUNE,
      status: 'accepted',
      acceptedAt: cst('2018-07-05T10:00:00').toISOString(),
    });
    expect(one(late, cst('2018-08-01T00:00:00'))).toMatchObject({
      daysLeft: null,
      daysOverdue: 5,
      overdue: false,
    });
    const onTime = { ...late, acceptedAt: cst('2018-06-30T18:00:00').toISOString() };
    expect(one(onTime, cst('2018-08-01T00:00:00'))).toMatchObject({
      daysLeft: null,
      daysOverdue: null,
      overdue: false,
    });
  });

  it('stops the clock when the campaign closed', () => {
    const closed = row('T1', { deadline: END_JUNE, closedAt: cst('2018-07-02T12:00:00').toISOString() });
    expect(one(closed, cst('2018-12-31T00:00:00'))).toMatchObject({ daysOverdue: 2, overdue: true });
  });
});

describe('groups rolled up from their sub-tasks', () => {
  const now = cst('2018-10-10T10:00:00');
  const group = row('T4', { isGroup: true, lead: 'zjj', deadline: END_NOVEMBER, order: 4 });
  const sub = (key: string, fields: Partial<TaskProgressInput>) =>
    row(key, { parentKey: 'T4', lead: 'zjj', deadline: END_NOVEMBER, ...fields });

  it('is in progress while any sub-task is, with their mean percentage, worst escalation and any pace warning', () => {
    const views = taskProgress(
      [
        group,
        sub('T4.1', {
          targetQuantity: 747,
          quantityDone: 747,
          status: 'submitted',
          submittedAt: '2018-10-01T00:00:00.000Z',
        }),
        sub('T4.2', { percentDone: 40, escalationLevel: 2, behindPace: true }),
        sub('T4.3', { percentDone: 25, escalationLevel: 1 }),
      ],
      now,
    );
    expect(byKey(views, 'T4')).toMatchObject({
      status: 'in-progress',
      percentage: 55,
      escalationLevel: 2,
      behindPace: true,
      deadline: END_NOVEMBER,
      daysLeft: 51,
      quantity: 747,
    });
    expect(views.map((v) => v.key)).toEqual(['T4', 'T4.1', 'T4.2', 'T4.3']);
  });

  it('is submitted when every sub-task is submitted or accepted, accepted when all are', () => {
    const accepted = (key: string, at: string) =>
      sub(key, { status: 'accepted', acceptedAt: at, submittedAt: at });
    const waiting = taskProgress(
      [
        group,
        accepted('T4.1', '2018-10-01T00:00:00.000Z'),
        sub('T4.2', { status: 'submitted', submittedAt: '2018-10-05T00:00:00.000Z' }),
      ],
      now,
    );
    expect(byKey(waiting, 'T4')).toMatchObject({
      status: 'submitted',
      acceptedAt: null,
      submittedAt: '2018-10-05T00:00:00.000Z',
    });
    const done = taskProgress(
      [group, accepted('T4.1', '2018-10-01T00:00:00.000Z'), accepted('T4.2', '2018-10-08T00:00:00.000Z')],
      now,
    );
    expect(byKey(done, 'T4')).toMatchObject({
      status: 'accepted',
      acceptedAt: '2018-10-08T00:00:00.000Z',
      percentage: 100,
      daysLeft: null,
      overdue: false,
    });
  });

  it('is overdue past its own deadline while a sub-task is not accepted', () => {
    const views = taskProgress([group, sub('T4.1', { percentDone: 90 })], cst('2018-12-02T10:00:00'));
    expect(byKey(views, 'T4')).toMatchObject({ overdue: true, daysOverdue: 2 });
  });
});

const goals: ResolvedGoal[] = [
  { key: 'G1', name: '危房改造户数', target: 747, unit: '户', tasks: ['T4.1', 'T4.2'], aggregate: 'sum' },
  { key: 'G2', name: '识别准确率', target: 100, unit: '%', tasks: ['T1', 'T2'], aggregate: 'mean-percent' },
];

describe('goalProgress', () => {
  const views = taskProgress(
    [
      row('T1', { percentDone: 80 }),
      row('T2', { percentDone: 50 }),
      row('T4.1', { targetQuantity: 500, quantityDone: 300 }),
      row('T4.2', { targetQuantity: 247, linked: { kind: 'programme', done: 100, total: 247 } }),
    ],
    cst('2018-07-10T10:00:00'),
  );

  it('adds the tasks’ quantities for a sum goal', () => {
    expect(goalProgress(goals[0], views)).toEqual({
      key: 'G1',
      name: '危房改造户数',
      target: 747,
      unit: '户',
      actual: 400,
      percentage: 53.5,
    });
  });

  it('takes the tasks’ mean percentage of the target for a mean-percent goal', () => {
    expect(goalProgress(goals[1], views)).toMatchObject({ actual: 65, percentage: 65 });
    expect(goalProgress({ ...goals[1], target: 98 }, views)).toMatchObject({ actual: 63.7, percentage: 65 });
  });

  it('counts nothing for tasks it cannot find', () => {
    expect(goalProgress({ ...goals[0], tasks: ['T9'] }, views)).toMatchObject({ actual: 0, percentage: 0 });
  });
});

describe('unitRanking', () => {
  it('ranks lead units by fewest overdue, then highest mean percentage; equal units share a rank (并列), listed by code; leaf tasks only', () => {
    const views = taskProgress(
      [
        row('T1', { lead: 'fpb', deadline: END_JUNE, percentDone: 90, escalationLevel: 3 }), // overdue
        row('T2', { lead: 'fpb', status: 'accepted', acceptedAt: '2018-06-01T00:00:00.000Z' }),
        row('T3', { lead: 'jyj', percentDone: 40 }),
        row('T5', { lead: 'czj', percentDone: 40 }),
        row('T4', { lead: 'zjj', isGroup: true }),
        row('T4.1', { lead: 'zjj', parentKey: 'T4', percentDone: 70, escalationLevel: 1 }),
      ],
      cst('2018-07-10T10:00:00'),
    );
    expect(unitRanking(views)).toEqual([
      {
        rank: 1,
        tied: false,
        unit: 'zjj',
        tasks: 1,
        accepted: 0,
        overdue: 0,
        meanPercentage: 70,
        highestEscalation: 1,
      },
      {
        rank: 2,
        tied: true,
        unit: 'czj',
        tasks: 1,
        accepted: 0,
        overdue: 0,
        meanPercentage: 40,
        highestEscalation: 0,
      },
      {
        rank: 2,
        tied: true,
        unit: 'jyj',
        tasks: 1,
        accepted: 0,
        overdue: 0,
        meanPercentage: 40,
        highestEscalation: 0,
      },
      {
        rank: 4,
        tied: false,
        unit: 'fpb',
        tasks: 2,
        accepted: 1,
        overdue: 1,
        meanPercentage: 95,
        highestEscalation: 3,
      },
    ]);
  });
});

describe('overallPercentage', () => {
  it('is the mean of the leaf tasks, a group not counted beside its sub-tasks', () => {
    const views = taskProgress(
      [
        row('T1', { percentDone: 90 }),
        row('T2', { status: 'accepted', acceptedAt: '2018-06-01T00:00:00.000Z' }),
        row('T4', { isGroup: true }),
        row('T4.1', { parentKey: 'T4', percentDone: 20 }),
        row('T4.2', { parentKey: 'T4', percentDone: 0 }),
      ],
      cst('2018-07-10T10:00:00'),
    );
    // (90 + 100 + 20 + 0) / 4; the group T4 (10) is not a fifth task
    expect(overallPercentage(views)).toBe(52.5);
    expect(overallPercentage([])).toBe(0);
  });
});

describe('finalReport', () => {
  const closedAt = '2018-12-05T02:00:00.000Z';
  const views = taskProgress(
    [
      // Accepted on the deadline's last day: on time.
      row('T1', {
        lead: 'fpb',
        deadline: END_JUNE,
        originalDeadline: END_JUNE,
        status: 'accepted',
        acceptedAt: cst('2018-06-30T20:00:00').toISOString(),
      }),
      // Extended to 15 October and accepted on 10 October: on time against the deadline in force.
      row('T2', {
        lead: 'fpb',
        deadline: '2018-10-15T16:00:00.000Z',
        originalDeadline: END_SEPTEMBER,
        status: 'accepted',
        acceptedAt: cst('2018-10-10T10:00:00').toISOString(),
      }),
      row('T4', { lead: 'zjj', isGroup: true, deadline: END_NOVEMBER }),
      // Accepted one second after its deadline: late.
      row('T4.1', {
        lead: 'zjj',
        parentKey: 'T4',
        deadline: END_NOVEMBER,
        originalDeadline: END_NOVEMBER,
        targetQuantity: 500,
        quantityDone: 500,
        status: 'accepted',
        acceptedAt: '2018-11-30T16:00:01.000Z',
      }),
      // Submitted but never accepted: unfinished.
      row('T4.2', {
        lead: 'zjj',
        parentKey: 'T4',
        deadline: END_NOVEMBER,
        originalDeadline: END_NOVEMBER,
        targetQuantity: 247,
        quantityDone: 200,
        status: 'submitted',
        closedAt,
      }),
    ],
    new Date(closedAt),
  );

  it('sorts the leaf tasks into on time, late and unfinished, in total and by lead unit', () => {
    const report = finalReport(goals, views, closedAt);
    expect(report.closedAt).toBe(closedAt);
    // on time against the deadline in force: T1 and T2 (extended); against the original one: T1 only
    expect(report.totals).toEqual({
      tasks: 4,
      onTime: 2,
      late: 1,
      unfinished: 1,
      onTimeOriginal: 1,
      extended: 1,
    });
    expect(report.tasks.map((t) => [t.key, t.onTimeOriginal, t.originalDeadlineDate])).toEqual([
      ['T1', true, '2018-06-30'],
      ['T2', false, '2018-09-30'],
      ['T4.1', false, '2018-11-30'],
      ['T4.2', null, '2018-11-30'],
    ]);
    expect(report.tasks.map((t) => [t.key, t.outcome, t.percentage])).toEqual([
      ['T1', 'on-time', 100],
      ['T2', 'on-time', 100],
      ['T4.1', 'late', 100],
      ['T4.2', 'unfinished', 81],
    ]);
    // the day as written beside each deadline instant (END_JUNE is 1 July 00:00 CST)
    expect(report.tasks.map((t) => [t.key, t.deadlineDate])).toEqual([
      ['T1', '2018-06-30'],
      ['T2', '2018-10-15'],
      ['T4.1', '2018-11-30'],
      ['T4.2', '2018-11-30'],
    ]);
    expect(report.byUnit).toEqual([
      { unit: 'fpb', onTime: 2, late: 0, unfinished: 0, onTimeOriginal: 1 },
      { unit: 'zjj', onTime: 0, late: 1, unfinished: 1, onTimeOriginal: 0 },
    ]);
  });

  it('sets every goal against its target', () => {
    const report = finalReport(goals, views, closedAt);
    expect(report.goals.map((g) => [g.key, g.actual, g.percentage])).toEqual([
      ['G1', 700, 93.7],
      ['G2', 100, 100],
    ]);
  });
});

describe('campaignBulletin', () => {
  const rows = [
    row('T1', { lead: 'fpb', order: 1, deadline: END_JUNE, escalationLevel: 4 }),
    row('T2', { lead: 'jyj', order: 2, deadline: '2018-07-15T16:00:00.000Z', escalationLevel: 2 }),
    row('T3', { lead: 'czj', order: 3, deadline: END_JUNE, escalationLevel: 2, behindPace: false }),
    row('T5', { lead: 'rsj', order: 5, targetQuantity: 200, quantityDone: 20, behindPace: true }),
    // Accepted late: neither overdue nor escalated nor behind any more.
    row('T6', {
      lead: 'mzj',
      order: 6,
      deadline: END_JUNE,
      status: 'accepted',
      acceptedAt: '2018-07-10T00:00:00.000Z',
      escalationLevel: 3,
      behindPace: true,
    }),
    row('T4', { lead: 'zjj', order: 4, isGroup: true }),
    row('T4.1', { lead: 'zjj', order: 4, parentKey: 'T4', percentDone: 10, behindPace: true }),
  ];
  const asOf = cst('2018-07-23T09:00:00'); // Monday

  it('lists the overdue tasks by days overdue, the escalated by level and those behind pace', () => {
    const bulletin = campaignBulletin(4, asOf, goals, taskProgress(rows, asOf));
    expect(bulletin.number).toBe(4);
    expect(bulletin.asOf).toBe('2018-07-23T01:00:00.000Z');
    expect(bulletin.overdue).toEqual([
      {
        key: 'T1',
        name: '任务 T1',
        lead: 'fpb',
        deadline: END_JUNE,
        deadlineDate: '2018-06-30',
        daysOverdue: 23,
        escalationLevel: 4,
      },
      {
        key: 'T3',
        name: '任务 T3',
        lead: 'czj',
        deadline: END_JUNE,
        deadlineDate: '2018-06-30',
        daysOverdue: 23,
        escalationLevel: 2,
      },
      {
        key: 'T2',
        name: '任务 T2',
        lead: 'jyj',
        deadline: '2018-07-15T16:00:00.000Z',
        deadlineDate: '2018-07-15',
        daysOverdue: 8,
        escalationLevel: 2,
      },
    ]);
    expect(bulletin.escalated.map((t) => [t.key, t.escalationLevel])).toEqual([
      ['T1', 4],
      ['T2', 2],
      ['T3', 2],
    ]);
    expect(bulletin.behindPace).toEqual([
      { key: 'T5', name: '任务 T5', lead: 'rsj', percentage: 10 },
      { key: 'T4.1', name: '任务 T4.1', lead: 'zjj', percentage: 10 },
    ]);
    expect(bulletin.ranking.map((u) => u.unit)).toEqual(['mzj', 'rsj', 'zjj', 'czj', 'fpb', 'jyj']);
    expect(bulletin.goals.map((g) => g.key)).toEqual(['G1', 'G2']);
  });

  it('counts as of its own time even from views computed at another time', () => {
    const early = taskProgress(rows, cst('2018-07-01T09:00:00'));
    const bulletin = campaignBulletin(4, asOf, goals, early);
    expect(bulletin.overdue.map((t) => [t.key, t.daysOverdue])).toEqual([
      ['T1', 23],
      ['T3', 23],
      ['T2', 8],
    ]);
  });
});
