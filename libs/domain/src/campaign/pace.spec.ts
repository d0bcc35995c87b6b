import type { ResolvedTask } from './campaign-plan';
import {
  deadlineInForce,
  effectiveDeadline,
  isTaskOverdue,
  expectedShare,
  isBehindPace,
  mayWarnPace,
  measuredPercent,
  nextPaceCheck,
  paceApplies,
  paceGap,
} from './pace';
import { closeTask, newTaskState, pauseTask } from './task-process';

// A 100-day window: 2018-06-22 00:00 CST → 2018-09-30 00:00 CST (deadline "2018-09-29").
const START = '2018-06-21T16:00:00.000Z';
const DEADLINE = '2018-09-29T16:00:00.000Z';
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.parse(START) + n * DAY);

const task: ResolvedTask = {
  key: 'T7',
  parentKey: null,
  order: 7,
  name: '技能培训',
  lead: 'rsj',
  cooperating: [],
  deadline: DEADLINE,
  target: { quantity: 200, unit: '人' },
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
};

describe('expectedShare', () => {
  it('is proportional to the time elapsed over the task’s window', () => {
    expect(expectedShare(task, START, DEADLINE, day(0))).toBe(0);
    expect(expectedShare(task, START, DEADLINE, day(25))).toBeCloseTo(0.25, 10);
    expect(expectedShare(task, START, DEADLINE, day(50))).toBeCloseTo(0.5, 10);
    expect(expectedShare(task, START, DEADLINE, day(100))).toBe(1);
  });

  it('is 0 before the window starts and 1 at or after the deadline', () => {
    expect(expectedShare(task, START, DEADLINE, day(-5))).toBe(0);
    expect(expectedShare(task, START, DEADLINE, new Date(DEADLINE))).toBe(1);
    expect(expectedShare(task, START, DEADLINE, day(140))).toBe(1);
  });

  it('follows the plan’s curve, linear between (0,0), its points and (1,1)', () => {
    // Slow start, fast finish: 10% by mid-window, 60% at 80% of the time.
    const curved = {
      ...task,
      pace: [
        { time: 0.8, share: 0.6 },
        { time: 0.5, share: 0.1 },
      ],
    };
    expect(expectedShare(curved, START, DEADLINE, day(25))).toBeCloseTo(0.05, 10);
    expect(expectedShare(curved, START, DEADLINE, day(50))).toBeCloseTo(0.1, 10);
    expect(expectedShare(curved, START, DEADLINE, day(65))).toBeCloseTo(0.35, 10);
    expect(expectedShare(curved, START, DEADLINE, day(80))).toBeCloseTo(0.6, 10);
    expect(expectedShare(curved, START, DEADLINE, day(90))).toBeCloseTo(0.8, 10);
  });

  it('stretches the window by the paused time', () => {
    // Paused 100 days: the window is twice as long, so halfway through the old window is a quarter.
    expect(expectedShare(task, START, DEADLINE, day(50), 100 * DAY)).toBeCloseTo(0.25, 10);
    expect(expectedShare(task, START, DEADLINE, day(100), 100 * DAY)).toBeCloseTo(0.5, 10);
  });
});

describe('paceGap and isBehindPace', () => {
  it('counts percentage points behind the expected share', () => {
    expect(paceGap(0.5, 30)).toBe(20);
    expect(paceGap(0.5, 70)).toBe(-20);
    expect(paceGap(0.3, 20)).toBe(10); // not 10.000000000000004
  });

  it('warns only beyond the margin and only before the deadline', () => {
    const before = day(50);
    expect(isBehindPace(0.5, 39, 10, before, DEADLINE)).toBe(true);
    expect(isBehindPace(0.5, 40, 10, before, DEADLINE)).toBe(false); // exactly at the margin
    expect(isBehindPace(0.3, 20, 10, before, DEADLINE)).toBe(false);
    expect(isBehindPace(1, 0, 10, new Date(DEADLINE), DEADLINE)).toBe(false); // the ladder speaks now
  });
});

describe('nextPaceCheck', () => {
  it('is the next 09:00 CST strictly after now', () => {
    // 08:59 CST → 09:00 the same day; 09:00 → next day; 23:30 CST → next day.
    expect(nextPaceCheck(new Date('2018-07-01T00:59:00.000Z')).toISOString()).toBe(
      '2018-07-01T01:00:00.000Z',
    );
    expect(nextPaceCheck(new Date('2018-07-01T01:00:00.000Z')).toISOString()).toBe(
      '2018-07-02T01:00:00.000Z',
    );
    expect(nextPaceCheck(new Date('2018-07-01T15:30:00.000Z')).toISOString()).toBe(
      '2018-07-02T01:00:00.000Z',
    );
    // 00:30 CST on 2 July (still 1 July in UTC) → 09:00 CST on 2 July.
    expect(nextPaceCheck(new Date('2018-07-01T16:30:00.000Z')).toISOString()).toBe(
      '2018-07-02T01:00:00.000Z',
    );
  });
});

describe('mayWarnPace', () => {
  it('allows a warning when none went out, then once every 7 days', () => {
    const warned = '2018-07-02T01:00:00.000Z';
    expect(mayWarnPace(null, new Date(warned))).toBe(true);
    expect(mayWarnPace(warned, new Date('2018-07-09T00:59:59.000Z'))).toBe(false);
    expect(mayWarnPace(warned, new Date('2018-07-09T01:00:00.000Z'))).toBe(true);
  });
});

describe('paceApplies', () => {
  const actor = { id: 'user:c1', name: '攻坚办', unit: 'zhb', roles: ['command-center'] };
  const at = day(10).toISOString();

  it('checks a task with a quantity target or a linked ledger or programme, not a bare percentage', () => {
    expect(paceApplies(newTaskState(task))).toBe(true);
    expect(paceApplies(newTaskState({ ...task, target: null, measure: { programme: 'p-2018' } }))).toBe(true);
    expect(paceApplies(newTaskState({ ...task, target: null, measure: { ledger: 'l-2018' } }))).toBe(true);
    expect(paceApplies(newTaskState({ ...task, target: null }))).toBe(false);
  });

  it('checks only while the task is worked: not submitted, accepted, paused or closed', () => {
    const start = newTaskState(task);
    expect(paceApplies({ ...start, status: 'submitted' })).toBe(false);
    expect(paceApplies({ ...start, status: 'accepted' })).toBe(false);
    expect(paceApplies(pauseTask(start, actor, '防汛', at).state)).toBe(false);
    expect(paceApplies(closeTask(start, actor, at).state)).toBe(false);
  });
});

describe('deadlineInForce and isTaskOverdue', () => {
  const at = new Date('2018-10-01T00:00:00Z');
  it('is the deadline as set, later by the paused time', () => {
    expect(deadlineInForce({ deadline: DEADLINE, pausedMs: 0, paused: null }, at)).toBe(DEADLINE);
    expect(effectiveDeadline({ deadline: DEADLINE, pausedMs: 10 * DAY })).toBe('2018-10-09T16:00:00.000Z');
    expect(deadlineInForce({ deadline: DEADLINE, pausedMs: 10 * DAY, paused: null }, at)).toBe(
      '2018-10-09T16:00:00.000Z',
    );
  });
  it('moves with the clock while a pause runs, on top of finished pauses', () => {
    const paused = { deadline: DEADLINE, pausedMs: 1 * DAY, paused: { since: '2018-09-28T00:00:00Z' } };
    expect(deadlineInForce(paused, at)).toBe('2018-10-03T16:00:00.000Z'); // +1 day done, +3 days running
    expect(deadlineInForce(paused, new Date(at.getTime() + DAY))).toBe('2018-10-04T16:00:00.000Z');
  });
  it('is overdue only past the deadline in force, and never once accepted', () => {
    const after = new Date(Date.parse(DEADLINE) + 2 * DAY);
    const task = { deadline: DEADLINE, pausedMs: 0, paused: null, status: 'in-progress' as const };
    expect(isTaskOverdue(task, after)).toBe(true);
    expect(isTaskOverdue({ ...task, pausedMs: 3 * DAY }, after)).toBe(false);
    expect(isTaskOverdue({ ...task, paused: { since: DEADLINE } }, after)).toBe(false);
    expect(isTaskOverdue({ ...task, status: 'accepted' }, after)).toBe(false);
  });
});

describe('measuredPercent', () => {
  it('measures a reported task with a target by quantity done / target (none reported yet: 0)', () => {
    expect(measuredPercent(task, 50, null)).toBe(25);
    expect(measuredPercent(task, null, null)).toBe(0);
  });

  it('measures a linked task by done / target, or done / the linked total without a target', () => {
    const linked = { ...task, measure: { programme: 'p-2018' } };
    expect(measuredPercent(linked, null, { done: 30, total: 400 })).toBe(15); // 30 of the 200 targeted
    expect(measuredPercent({ ...linked, target: null }, null, { done: 30, total: 400 })).toBe(7.5);
  });

  it('is neither rounded nor capped: the pace gap is rounded once, and an overshoot stays above 100', () => {
    expect(measuredPercent(task, 1, null)).toBe(0.5);
    expect(measuredPercent({ ...task, target: { quantity: 3, unit: '人' } }, 1, null)).toBeCloseTo(
      100 / 3,
      12,
    );
    expect(measuredPercent(task, 240, null)).toBe(120);
  });

  it('is null when there is nothing to measure against: no target and no link, or an empty linked total', () => {
    expect(measuredPercent({ ...task, target: null }, null, null)).toBeNull();
    const linked = { ...task, target: null, measure: { ledger: 'l-2018' } };
    expect(measuredPercent(linked, null, { done: 0, total: 0 })).toBeNull();
    expect(measuredPercent(linked, null, null)).toBeNull();
  });
});
