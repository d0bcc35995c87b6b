import { DEFAULT_LADDER, stepsAt } from '../escalation/ladder';
import type { ResolvedTask } from './campaign-plan';
import type { TaskCommand, TaskDecision, TaskState } from './campaign-task';
import {
  awaitingLeaderOf,
  catchUpTaskEscalation,
  closeTask,
  deadlineLabel,
  decideTask,
  fireTaskEscalation,
  newTaskState,
  nextTaskEscalation,
  PACE_ACTOR,
  pauseTask,
  recordPace,
  resumeTask,
  reviseTask,
  taskEscalationLevel,
} from './task-process';

// Seed 004: 747 households' dangerous houses repaired by the end of November 2018 (住建局 leads).
const END_OF_NOVEMBER = '2018-11-30T16:00:00.000Z'; // 2018-12-01 00:00 CST
const housing: ResolvedTask = {
  key: 'T4',
  parentKey: null,
  order: 4,
  name: '危房改造',
  lead: 'zjj',
  cooperating: ['czj', 'fpb'],
  deadline: END_OF_NOVEMBER,
  target: { quantity: 747, unit: '户' },
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
};
const review: ResolvedTask = {
  ...housing,
  key: 'T1',
  order: 1,
  name: '开展扶贫对象动态管理和质量提升',
  lead: 'fpb',
  cooperating: [],
  deadline: '2018-06-30T16:00:00.000Z',
  target: null,
};
const linked: ResolvedTask = { ...housing, key: 'T4.1', measure: { programme: 'p-2018' } };

const department = { id: 'user:d1', name: '住建局填报员', unit: 'zjj', roles: ['department'] };
const command = { id: 'user:c1', name: '攻坚办', unit: 'zhb', roles: ['command-center'] };
const T0 = '2018-07-02T02:00:00.000Z';

function step(state: TaskState, cmd: TaskCommand, now = T0, actor = department): TaskState {
  const decision = decideTask(state, cmd, actor, now);
  if (!decision.ok) throw new Error(`${cmd.type} refused: ${decision.code} ${decision.reason}`);
  return decision.state;
}
const refusal = (decision: TaskDecision) => (decision.ok ? 'accepted' : decision.code);
const report = (quantityDone?: number, percentDone?: number, narrative = '已完工'): TaskCommand => ({
  type: 'report-progress',
  ...(quantityDone === undefined ? {} : { quantityDone }),
  ...(percentDone === undefined ? {} : { percentDone }),
  narrative,
  evidenceIds: ['e1'],
});

describe('newTaskState', () => {
  it('starts in progress at version 1 with the plan’s deadline as both deadline and original', () => {
    expect(newTaskState(housing)).toMatchObject({
      task: housing,
      status: 'in-progress',
      deadline: END_OF_NOVEMBER,
      originalDeadline: END_OF_NOVEMBER,
      quantityDone: null,
      firedLevels: [],
      behindPace: false,
      closedAt: null,
      version: 1,
    });
  });
});

describe('a task from report to acceptance', () => {
  it('reports, submits and is accepted, each step bumping the version and telling the timeline', () => {
    const start = newTaskState(housing);
    const reported = decideTask(start, report(300), department, T0);
    expect(reported).toMatchObject({
      ok: true,
      state: { quantityDone: 300, reportCount: 1, version: 2 },
      event: { type: 'report-progress', summary: '上报进度：完成 300/747 户', at: T0 },
    });
    const afterReport = step(start, report(300));
    expect(afterReport.lastReport).toEqual({
      at: T0,
      by: 'user:d1',
      unit: 'zjj',
      quantityDone: 300,
      percentDone: null,
      narrative: '已完工',
      evidenceIds: ['e1'],
    });

    const submitted = decideTask(
      afterReport,
      { type: 'submit', note: '747 户全部竣工', evidenceIds: ['e2', 'e3'] },
      department,
      '2018-11-20T02:00:00.000Z',
    );
    expect(submitted).toMatchObject({
      ok: true,
      state: { status: 'submitted', submittedAt: '2018-11-20T02:00:00.000Z', version: 3 },
      event: { summary: '牵头单位申请验收' },
    });

    const accepted = decideTask(
      submitted.ok ? submitted.state : start,
      { type: 'accept', note: '抽查属实' },
      command,
      '2018-11-25T02:00:00.000Z',
    );
    expect(accepted).toMatchObject({
      ok: true,
      state: { status: 'accepted', acceptedAt: '2018-11-25T02:00:00.000Z', version: 4 },
      event: { summary: '指挥部验收通过' },
    });
    // The sign-off names the command center's signer and the evidence the lead unit submitted.
    expect(accepted.ok && accepted.state.acceptance).toEqual({
      signerId: 'user:c1',
      signerName: '攻坚办',
      unit: 'zhb',
      roles: ['command-center'],
      at: '2018-11-25T02:00:00.000Z',
      evidenceSeen: ['e2', 'e3'],
      note: '抽查属实',
    });
  });

  it('shows a percentage task at 100% once accepted', () => {
    let state = step(newTaskState(review), report(undefined, 60));
    expect(state.percentDone).toBe(60);
    state = step(state, { type: 'submit', note: '', evidenceIds: [] });
    state = step(state, { type: 'accept', note: '' }, T0, command);
    expect(state.percentDone).toBe(100);
  });

  it('never mutates the state it is given', () => {
    const start = newTaskState(housing);
    const copy = JSON.parse(JSON.stringify(start));
    step(start, report(10));
    expect(start).toEqual(copy);
  });
});

describe('report-progress', () => {
  const start = newTaskState(housing);
  it('takes a quantity for a task with a target, from 0 up to 100 times the target', () => {
    expect(refusal(decideTask(start, report(0), department, T0))).toBe('accepted');
    expect(refusal(decideTask(start, report(74_700), department, T0))).toBe('accepted');
    expect(refusal(decideTask(start, report(74_701), department, T0))).toBe('QUANTITY_INVALID');
    expect(refusal(decideTask(start, report(-1), department, T0))).toBe('QUANTITY_INVALID');
    expect(refusal(decideTask(start, report(Number.NaN), department, T0))).toBe('QUANTITY_INVALID');
    expect(refusal(decideTask(start, report(), department, T0))).toBe('QUANTITY_INVALID');
    expect(refusal(decideTask(start, report(undefined, 50), department, T0))).toBe('PERCENT_INVALID');
  });

  it('takes a percentage 0..100 for a task without a target, and no quantity', () => {
    const plain = newTaskState(review);
    expect(refusal(decideTask(plain, report(undefined, 0), department, T0))).toBe('accepted');
    expect(refusal(decideTask(plain, report(undefined, 100), department, T0))).toBe('accepted');
    expect(refusal(decideTask(plain, report(undefined, 100.5), department, T0))).toBe('PERCENT_INVALID');
    expect(refusal(decideTask(plain, report(undefined, -1), department, T0))).toBe('PERCENT_INVALID');
    expect(refusal(decideTask(plain, report(), department, T0))).toBe('PERCENT_INVALID');
    expect(refusal(decideTask(plain, report(5), department, T0))).toBe('QUANTITY_INVALID');
    const decision = decideTask(plain, report(undefined, 45), department, T0);
    expect(decision.ok && decision.event.summary).toBe('上报进度：完成 45%');
  });

  it('takes a narrative only for a task linked to a programme (its numbers come from there)', () => {
    const state = newTaskState(linked);
    expect(refusal(decideTask(state, report(100), department, T0))).toBe('QUANTITY_INVALID');
    expect(refusal(decideTask(state, report(undefined, 10), department, T0))).toBe('PERCENT_INVALID');
    const decision = decideTask(state, report(), department, T0);
    expect(decision).toMatchObject({
      ok: true,
      state: { quantityDone: null, reportCount: 1 },
      event: { summary: '上报进展' },
    });
  });

  it('requires a narrative', () => {
    expect(decideTask(start, report(10, undefined, '  '), department, T0)).toEqual({
      ok: false,
      code: 'NARRATIVE_REQUIRED',
      reason: '请填写进展情况',
    });
  });

  it('keeps the latest report and counts them', () => {
    const twice = step(step(start, report(100)), report(250, undefined, '第二批竣工'));
    expect(twice).toMatchObject({ quantityDone: 250, reportCount: 2, version: 3 });
    expect(twice.lastReport?.narrative).toBe('第二批竣工');
  });

  it('is refused once submitted, until the task is returned', () => {
    const submitted = step(start, { type: 'submit', note: '', evidenceIds: [] });
    expect(decideTask(submitted, report(10), department, T0)).toMatchObject({
      ok: false,
      code: 'NOT_IN_PROGRESS',
      reason: '当前状态为「待验收」，不能上报进度',
    });
  });
});

describe('submit, accept and return', () => {
  const start = newTaskState(housing);
  const submitted = step(start, { type: 'submit', note: '完成', evidenceIds: ['e9'] });

  it('submits only a task in progress', () => {
    expect(
      refusal(decideTask(submitted, { type: 'submit', note: '', evidenceIds: [] }, department, T0)),
    ).toBe('NOT_IN_PROGRESS');
  });

  it('accepts only a submitted task, and only once', () => {
    expect(refusal(decideTask(start, { type: 'accept', note: '' }, command, T0))).toBe('NOT_SUBMITTED');
    const accepted = step(submitted, { type: 'accept', note: '' }, T0, command);
    expect(refusal(decideTask(accepted, { type: 'accept', note: '' }, command, T0))).toBe('ALREADY_ACCEPTED');
    expect(refusal(decideTask(accepted, report(1), department, T0))).toBe('ALREADY_ACCEPTED');
    expect(
      refusal(decideTask(accepted, { type: 'extend', deadline: '2018-12-31', reason: '补充' }, command, T0)),
    ).toBe('ALREADY_ACCEPTED');
  });

  it('returns a submitted task with its reason, back to work', () => {
    expect(refusal(decideTask(start, { type: 'return', reason: '资料不全' }, command, T0))).toBe(
      'NOT_SUBMITTED',
    );
    expect(refusal(decideTask(submitted, { type: 'return', reason: ' ' }, command, T0))).toBe(
      'REASON_REQUIRED',
    );
    const decision = decideTask(submitted, { type: 'return', reason: '缺少竣工验收表' }, command, T0);
    expect(decision).toMatchObject({
      ok: true,
      state: {
        status: 'in-progress',
        submittedAt: null,
        submission: null,
        returnCount: 1,
        lastReturnReason: '缺少竣工验收表',
      },
      event: { type: 'return', summary: '退回：缺少竣工验收表', reason: '缺少竣工验收表' },
    });
    // Back in progress: it may report and submit again.
    const again = decision.ok ? step(decision.state, report(747)) : start;
    expect(again.status).toBe('in-progress');
  });
});

describe('extend', () => {
  const fired = fireTaskEscalation(newTaskState(housing), DEFAULT_LADDER[0], T0).state;

  it('moves the deadline later with its reason, re-arming the ladder', () => {
    const decision = decideTask(
      fired,
      { type: 'extend', deadline: '2018-12-15', reason: '冬季施工受阻' },
      command,
      T0,
    );
    expect(decision).toMatchObject({
      ok: true,
      state: {
        deadline: '2018-12-15T16:00:00.000Z',
        originalDeadline: END_OF_NOVEMBER,
        firedLevels: [],
        extensions: [
          {
            from: END_OF_NOVEMBER,
            to: '2018-12-15T16:00:00.000Z',
            reason: '冬季施工受阻',
            by: 'user:c1',
            at: T0,
          },
        ],
      },
      event: { type: 'extend', summary: '延期至 2018-12-15：冬季施工受阻' },
    });
    expect(decision.ok && taskEscalationLevel(decision.state)).toBe(0);
  });

  it('refuses an empty reason, a date that does not parse and a deadline not later', () => {
    const extend = (deadline: string, reason = '理由') =>
      refusal(decideTask(fired, { type: 'extend', deadline, reason }, command, T0));
    expect(extend('2018-12-15', '')).toBe('REASON_REQUIRED');
    expect(extend('2018-02-30')).toBe('DEADLINE_INVALID');
    expect(extend('next week')).toBe('DEADLINE_INVALID');
    expect(extend('2018-11-30')).toBe('DEADLINE_NOT_LATER'); // the same day: the same instant
    expect(extend('2018-11-29')).toBe('DEADLINE_NOT_LATER');
    expect(extend('2018-12-01T00:00:01+08:00')).toBe('accepted');
  });

  it('is granted before the deadline only; after it, refused with the reason (old histories: allowed)', () => {
    const extend = (now: string, rules?: { extendOnlyBeforeDeadline: boolean }) =>
      decideTask(
        fired,
        { type: 'extend', deadline: '2018-12-15', reason: '冬季施工受阻' },
        command,
        now,
        rules,
      );
    // the deadline is 2018-11-30 as written: its last second is still in time
    expect(refusal(extend('2018-11-30T15:59:59.999Z'))).toBe('accepted');
    const late = extend(END_OF_NOVEMBER);
    expect(late).toEqual({
      ok: false,
      code: 'DEADLINE_PASSED',
      reason: '任务期限 2018-11-30 已过，不能再延期（延期须在期限届满前办理）',
    });
    expect(refusal(extend('2018-12-03T02:00:00.000Z'))).toBe('DEADLINE_PASSED');
    expect(refusal(extend('2018-12-03T02:00:00.000Z', { extendOnlyBeforeDeadline: false }))).toBe('accepted');
  });

  it('is allowed while the task waits for acceptance', () => {
    const submitted = step(fired, { type: 'submit', note: '', evidenceIds: [] });
    expect(
      refusal(
        decideTask(submitted, { type: 'extend', deadline: '2018-12-15', reason: '等待验收' }, command, T0),
      ),
    ).toBe('accepted');
  });
});

describe('pause, resume, close', () => {
  const start = newTaskState(housing);

  it('refuses every step while paused, and every step once closed (closed checked first)', () => {
    const paused = pauseTask(start, command, '防汛', T0).state;
    expect(paused).toMatchObject({ paused: { since: T0 }, version: 2 });
    const commands: TaskCommand[] = [report(1), { type: 'submit', note: '', evidenceIds: [] }];
    for (const cmd of commands) {
      expect(refusal(decideTask(paused, cmd, department, T0))).toBe('CAMPAIGN_PAUSED');
    }
    const closed = closeTask(paused, command, '2018-07-05T02:00:00.000Z').state;
    expect(closed).toMatchObject({
      closedAt: '2018-07-05T02:00:00.000Z',
      paused: null,
      pausedMs: 3 * 86_400_000,
    });
    expect(decideTask(closed, report(1), department, T0)).toEqual({
      ok: false,
      code: 'TASK_CLOSED',
      reason: '攻坚行动已结束，该任务不能再办理',
    });
  });

  it('adds the paused time on resume, which moves the ladder later by as much', () => {
    const paused = pauseTask(start, command, '防汛', '2018-07-01T00:00:00.000Z').state;
    const resumed = resumeTask(paused, command, '汛情解除', '2018-07-11T00:00:00.000Z');
    expect(resumed.state).toMatchObject({ paused: null, pausedMs: 10 * 86_400_000, version: 3 });
    expect(resumed.event).toMatchObject({ type: 'resume', data: { pausedMs: 10 * 86_400_000 } });
    expect(nextTaskEscalation(resumed.state, DEFAULT_LADDER)?.dueAt.toISOString()).toBe(
      '2018-12-07T16:00:00.000Z', // deadline + 10 days − 3 days
    );
  });

  it('changes nothing when a pause, resume or close repeats', () => {
    const paused = pauseTask(start, command, '防汛', T0).state;
    expect(pauseTask(paused, command, '再次', '2018-07-09T00:00:00.000Z').state).toBe(paused);
    expect(resumeTask(start, command, '', T0).state).toBe(start);
    const closed = closeTask(start, command, T0).state;
    expect(closeTask(closed, command, '2018-08-01T00:00:00.000Z').state).toBe(closed);
  });

  it('keeps whether the task was accepted when the campaign closes', () => {
    let state = step(start, { type: 'submit', note: '', evidenceIds: [] });
    state = step(state, { type: 'accept', note: '' }, T0, command);
    const closed = closeTask(state, command, '2018-12-31T00:00:00.000Z');
    expect(closed.state.status).toBe('accepted');
    expect(closed.event.summary).toBe('攻坚行动结束（任务已完成）');
    expect(closeTask(start, command, T0).event.summary).toBe('攻坚行动结束（任务未完成）');
  });
});

describe('reviseTask', () => {
  it('moves the deadline with the plan, re-arms the ladder and keeps the progress', () => {
    let state = step(newTaskState(housing), report(300));
    state = fireTaskEscalation(state, DEFAULT_LADDER[0], T0).state;
    const moved = { ...housing, deadline: '2018-12-31T16:00:00.000Z', name: '危房改造（扩面）' };
    const revised = reviseTask(state, moved, command, '第二版方案', '2018-08-01T00:00:00.000Z');
    expect(revised.state).toMatchObject({
      task: moved,
      deadline: '2018-12-31T16:00:00.000Z',
      originalDeadline: END_OF_NOVEMBER,
      quantityDone: 300,
      reportCount: 1,
      firedLevels: [],
      version: state.version + 1,
    });
    expect(revised.event).toMatchObject({
      type: 'revise',
      summary: '计划调整：期限改为 2018-12-31',
      reason: '第二版方案',
    });
  });

  it('keeps an extension and the fired steps when the plan’s deadline did not change', () => {
    let state = step(
      newTaskState(housing),
      { type: 'extend', deadline: '2018-12-15', reason: '延期' },
      T0,
      command,
    );
    state = fireTaskEscalation(state, DEFAULT_LADDER[0], T0).state;
    const renamed = reviseTask(state, { ...housing, name: '农村危房改造' }, command, '改名', T0).state;
    expect(renamed).toMatchObject({ deadline: '2018-12-15T16:00:00.000Z', firedLevels: [1] });
    expect(renamed.task.name).toBe('农村危房改造');
  });
});

describe('escalation of a late task', () => {
  const start = newTaskState(housing);

  it('walks the ladder from the deadline: reminder 3 days before, then yellow card at the deadline', () => {
    const first = nextTaskEscalation(start, DEFAULT_LADDER);
    expect(first?.step.label).toBe('到期提醒');
    expect(first?.dueAt.toISOString()).toBe('2018-11-27T16:00:00.000Z');
    const fired = fireTaskEscalation(start, first!.step, first!.dueAt.toISOString());
    expect(fired.state).toMatchObject({ firedLevels: [1], version: 2 });
    expect(fired.event).toMatchObject({ type: 'escalate', summary: '触发「到期提醒」', data: { level: 1 } });
    const second = nextTaskEscalation(fired.state, DEFAULT_LADDER);
    expect(second?.step.label).toBe('黄牌预警');
    expect(second?.dueAt.toISOString()).toBe(END_OF_NOVEMBER);
    const yellow = fireTaskEscalation(fired.state, second!.step, END_OF_NOVEMBER);
    expect(yellow.event.summary).toBe('触发「黄牌预警」');
    expect(taskEscalationLevel(yellow.state)).toBe(2);
  });

  it('still escalates a submitted task (not done until accepted), but not an accepted, paused or closed one', () => {
    const submitted = step(start, { type: 'submit', note: '', evidenceIds: [] });
    expect(nextTaskEscalation(submitted, DEFAULT_LADDER)?.step.level).toBe(1);
    const accepted = step(submitted, { type: 'accept', note: '' }, T0, command);
    expect(nextTaskEscalation(accepted, DEFAULT_LADDER)).toBeUndefined();
    expect(nextTaskEscalation(pauseTask(start, command, '', T0).state, DEFAULT_LADDER)).toBeUndefined();
    expect(nextTaskEscalation(closeTask(start, command, T0).state, DEFAULT_LADDER)).toBeUndefined();
  });

  it('has nothing left once every step fired', () => {
    const all = DEFAULT_LADDER.reduce((state, s) => fireTaskEscalation(state, s, T0).state, start);
    expect(nextTaskEscalation(all, DEFAULT_LADDER)).toBeUndefined();
    expect(taskEscalationLevel(all)).toBe(6);
  });
});

describe('a task woken when several steps are due fires the highest of them', () => {
  const start = newTaskState(housing);
  const after = (days: number) => new Date(Date.parse(END_OF_NOVEMBER) + days * 86_400_000);

  it('fires the summons alone after the worker was down past it, passing over the steps below', () => {
    // reminder and yellow card fired on time; the worker was then down until 15 days after the deadline
    const yellow = [DEFAULT_LADDER[0], DEFAULT_LADDER[1]].reduce(
      (state, s) => fireTaskEscalation(state, s, T0).state,
      start,
    );
    const plan = catchUpTaskEscalation(yellow, DEFAULT_LADDER, after(15));
    expect(plan).toMatchObject({ passedOver: [3, 4], fire: { kind: 'summons' } });
    const fired = fireTaskEscalation(
      yellow,
      plan.fire!,
      after(15).toISOString(),
      stepsAt(DEFAULT_LADDER, [3, 4]),
    );
    expect(fired.state).toMatchObject({ firedLevels: [1, 2, 3, 4, 5], awaitingLeader: [5] });
    expect(fired.event.summary).toBe('触发「约谈」（已到期的红牌预警、通报批评不再单独发出）');
    expect(fired.event.data).toMatchObject({ level: 5, passedOverLevels: [3, 4] });
    expect(nextTaskEscalation(fired.state, DEFAULT_LADDER)?.step.kind).toBe('accountability');
  });

  it('fires the one step due when it wakes on time', () => {
    const plan = catchUpTaskEscalation(start, DEFAULT_LADDER, after(-3));
    expect(plan).toEqual({ passedOver: [], fire: DEFAULT_LADDER[0] });
    expect(catchUpTaskEscalation(start, DEFAULT_LADDER, after(-4))).toEqual({ passedOver: [], fire: null });
  });

  it('skips nothing for a paused task: its steps are not due', () => {
    const paused = pauseTask(start, command, '', T0).state;
    expect(catchUpTaskEscalation(paused, DEFAULT_LADDER, after(40))).toEqual({ passedOver: [], fire: null });
  });
});

describe('leader-decision on a summons or accountability step', () => {
  const leader = { id: 'user:l1', name: '县委副书记', unit: 'xw', roles: ['leadership'] };
  const start = newTaskState(housing);
  // The default ladder: 5 约谈 and 6 问责 wait for a leader; 1–4 do not.
  const upTo = (level: number) =>
    DEFAULT_LADDER.filter((s) => s.level <= level).reduce(
      (state, s) => fireTaskEscalation(state, s, T0).state,
      start,
    );
  const decide = (
    state: TaskState,
    level: number,
    decision = '约谈住建局局长，限期两周完成',
    actor = leader,
  ) => decideTask(state, { type: 'leader-decision', level, decision }, actor, T0);

  it('puts summons and accountability, and only those, on the list awaiting a leader', () => {
    expect(start.awaitingLeader).toEqual([]);
    expect(upTo(4).awaitingLeader).toEqual([]);
    expect(upTo(5).awaitingLeader).toEqual([5]);
    expect(upTo(6).awaitingLeader).toEqual([5, 6]);
  });

  it('records the decision on the timeline and clears that level only', () => {
    const decision = decide(upTo(6), 5);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.state.awaitingLeader).toEqual([6]);
    expect(decision.state.version).toBe(upTo(6).version + 1);
    expect(decision.event).toMatchObject({
      type: 'leader-decision',
      actor: leader,
      summary: '记录领导决定：约谈住建局局长，限期两周完成',
      data: { level: 5, decision: '约谈住建局局长，限期两周完成' },
    });
  });

  it('is refused to anyone but leadership, for a level awaiting nothing, and without a decision text', () => {
    expect(refusal(decide(upTo(5), 5, '约谈', department))).toBe('LEADERSHIP_ONLY');
    expect(refusal(decide(upTo(5), 5, '约谈', command))).toBe('LEADERSHIP_ONLY');
    expect(refusal(decide(upTo(4), 4))).toBe('NOTHING_TO_DECIDE');
    expect(refusal(decide(upTo(5), 6))).toBe('NOTHING_TO_DECIDE');
    expect(
      refusal(
        decide(step(upTo(5), { type: 'leader-decision', level: 5, decision: '已约谈' }, T0, leader), 5),
      ),
    ).toBe('NOTHING_TO_DECIDE');
    expect(refusal(decide(upTo(5), 5, '   '))).toBe('DECISION_REQUIRED');
  });

  it('leaves nothing to decide once the task is accepted, extended, re-planned or closed', () => {
    const summoned = upTo(5);
    const submitted = step(summoned, { type: 'submit', note: '', evidenceIds: [] });
    expect(step(submitted, { type: 'accept', note: '' }, T0, command).awaitingLeader).toEqual([]);
    expect(
      step(summoned, { type: 'extend', deadline: '2018-12-31', reason: '雨季' }, T0, command).awaitingLeader,
    ).toEqual([]);
    const moved = reviseTask(summoned, { ...housing, deadline: '2018-12-31T16:00:00.000Z' }, command, '', T0);
    expect(moved.state.awaitingLeader).toEqual([]);
    expect(closeTask(summoned, command, T0).state.awaitingLeader).toEqual([]);
    expect(awaitingLeaderOf(summoned)).toEqual([5]);
  });

  it('reads a state from before leader decisions (no list) as awaiting nothing, and fires onto it', () => {
    const old: TaskState = { ...upTo(4) };
    delete old.awaitingLeader;
    expect(awaitingLeaderOf(old)).toEqual([]);
    expect(refusal(decide(old, 5))).toBe('NOTHING_TO_DECIDE');
    const summons = DEFAULT_LADDER.find((s) => s.level === 5)!;
    expect(fireTaskEscalation(old, summons, T0).state.awaitingLeader).toEqual([5]);
  });
});

describe('recordPace', () => {
  const start = newTaskState(housing);
  const at = '2018-08-01T01:00:00.000Z';

  it('records a warning: flags the task behind, stamps when the warning went out and tells the timeline', () => {
    const warned = recordPace(start, { expected: 0.4, actualPercent: 20.04, at, behind: true, warned: true });
    expect(warned.state).toEqual({ ...start, behindPace: true, paceWarnedAt: at, version: 2 });
    expect(warned.event).toEqual({
      type: 'pace-warning',
      at,
      actor: PACE_ACTOR,
      summary: '落后序时进度 20 个百分点（应完成 40%，实际 20%）',
      reason: null,
      data: { behind: true, warned: true, expectedPercent: 40, actualPercent: 20, gap: 20 },
    });
  });

  it('flags a task behind without a warning (one went out this week) and keeps the last warning’s time', () => {
    const before = { ...start, paceWarnedAt: '2018-07-30T01:00:00.000Z' };
    const flagged = recordPace(before, { expected: 0.4, actualPercent: 25, at, behind: true, warned: false });
    expect(flagged.state).toMatchObject({ behindPace: true, paceWarnedAt: '2018-07-30T01:00:00.000Z' });
    expect(flagged.event.data).toMatchObject({ behind: true, warned: false, gap: 15 });
  });

  it('clears the flag once the task has caught up, percentages to one decimal', () => {
    const behind = { ...start, behindPace: true, paceWarnedAt: '2018-07-30T01:00:00.000Z', version: 5 };
    const caughtUp = recordPace(behind, {
      expected: 1 / 3,
      actualPercent: 100 / 2.5,
      at,
      behind: false,
      warned: false,
    });
    expect(caughtUp.state).toMatchObject({
      behindPace: false,
      paceWarnedAt: behind.paceWarnedAt,
      version: 6,
    });
    expect(caughtUp.event.summary).toBe('已赶上序时进度（应完成 33.3%，实际 40%）');
    expect(caughtUp.event.data).toEqual({
      behind: false,
      warned: false,
      expectedPercent: 33.3,
      actualPercent: 40,
      gap: -6.7, // ahead
    });
  });

  it('never mutates the state it is given', () => {
    const copy = JSON.parse(JSON.stringify(start)) as TaskState;
    recordPace(start, { expected: 0.5, actualPercent: 10, at, behind: true, warned: true });
    expect(start).toEqual(copy);
  });
});

describe('deadlineLabel', () => {
  it('shows an end-of-day deadline as its last day and any other instant with its CST time', () => {
    expect(deadlineLabel('2018-06-30T16:00:00.000Z')).toBe('2018-06-30');
    expect(deadlineLabel('2018-06-30T10:00:00.000Z')).toBe('2018-06-30 18:00');
  });
});

describe('text Postgres cannot store', () => {
  it('refuses a report whose narrative holds a NUL or a lone surrogate, naming the field', () => {
    const start = newTaskState(housing);
    const decision = decideTask(start, report(300, undefined, '已完工\u0000'), department, T0);
    expect(decision).toMatchObject({ ok: false, code: 'UNSTORABLE_TEXT' });
    expect(decision.ok ? '' : decision.reason).toContain('narrative');
    expect(refusal(decideTask(start, report(300, undefined, '\udc00'), department, T0))).toBe(
      'UNSTORABLE_TEXT',
    );
    expect(refusal(decideTask(start, report(300, undefined, '已完工 😀'), department, T0))).toBe('accepted');
  });
});
