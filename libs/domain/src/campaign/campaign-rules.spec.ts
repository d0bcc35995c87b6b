import { stepsAt, type EscalationStep } from '../escalation/ladder';
import type { ResolvedPlan, ResolvedTask } from './campaign-plan';
import type { CampaignState } from './campaign-process';
import {
  decideCampaign,
  catchUpPledgeEscalation,
  firePledgeEscalation,
  markCadence,
  missingPledges,
  newCampaignState,
  nextCadence,
  nextMonthly,
  nextPledgeEscalation,
  nextWeekly,
  pledgeEscalationLevel,
  pledgingUnits,
  type CampaignStep,
} from './campaign-rules';
import { planChange, type PlanChange } from './plan-change';

// planChange belongs to plan-change.ts (tested there); here only how a campaign uses its answer.
jest.mock('./plan-change', () => ({ planChange: jest.fn() }));
const planChangeMock = jest.mocked(planChange);
const noChange: PlanChange = { added: [], revised: [], problems: [] };

const ladder: EscalationStep[] = [
  {
    level: 1,
    kind: 'reminder',
    label: '催签提醒',
    anchor: 'full',
    offset: 'PT0S',
    audience: ['responsible-unit'],
    leaderMustAct: false,
    notice: { kind: '催办单', colour: 'blue' },
  },
  {
    level: 2,
    kind: 'yellow-warning',
    label: '黄牌预警',
    anchor: 'full',
    offset: 'P2D',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'yellow' },
  },
];

const task = (key: string, lead: string, cooperating: string[] = []): ResolvedTask => ({
  key,
  parentKey: null,
  order: Number(key.slice(1)),
  name: `任务 ${key}`,
  lead,
  cooperating,
  deadline: '2018-09-29T16:00:00.000Z',
  target: null,
  measure: 'reported',
  pace: null,
  dependsOn: [],
  isGroup: false,
});

const plan: ResolvedPlan = {
  name: '脱贫攻坚百日攻坚行动',
  window: { start: '2018-06-21T16:00:00.000Z', end: '2018-09-29T16:00:00.000Z' },
  goals: [],
  tasks: [task('T1', 'fpb', ['zjj', 'czj']), task('T2', 'zjj', ['fpb']), task('T3', 'jyj')],
  cadence: {
    bulletin: { weekday: 1, time: '09:00' },
    dispatchMeeting: { weekday: 3, time: '15:00' },
    monthlyReportDay: 5,
  },
  ladder,
  pledgeWithin: 'P3D',
  paceMargin: 10,
};

// Friday 22 June 2018, 10:00 CST.
const LAUNCH = '2018-06-22T02:00:00.000Z';
const commander = { id: 'user:c1', name: '攻坚办', unit: 'zhb', roles: ['command-center'] };
const clerk = { id: 'user:f1', name: '扶贫办主任', unit: 'fpb', roles: ['department'] };
const launched = newCampaignState(plan, 1, LAUNCH);

function apply(state: CampaignState, step: CampaignStep, now: string, actor = commander): CampaignState {
  const decision = decideCampaign(state, step, actor, now);
  if (!decision.ok) throw new Error(`${step.type} refused: ${decision.code} ${decision.reason}`);
  return decision.state;
}
const code = (state: CampaignState, step: CampaignStep, now = LAUNCH) => {
  const decision = decideCampaign(state, step, commander, now);
  return decision.ok ? 'accepted' : decision.code;
};
const pledge = (unit: string): CampaignStep => ({ type: 'pledge', unit, note: '签订', evidenceIds: ['pdf'] });
const iso = (date: Date | undefined) => date?.toISOString();

beforeEach(() => planChangeMock.mockReset().mockReturnValue(noChange));

describe('launch and pledges', () => {
  it('asks every unit the plan names to pledge, once each, in plan order', () => {
    expect(pledgingUnits(plan)).toEqual(['fpb', 'zjj', 'czj', 'jyj']);
  });

  it('launches running, with every pledge open and due pledgeWithin after launch', () => {
    expect(launched).toMatchObject({
      status: 'running',
      planVersion: 1,
      launchedAt: LAUNCH,
      pledgeDeadline: '2018-06-25T02:00:00.000Z',
      pledgeFiredLevels: [],
      bulletinsPublished: 0,
      pausedMs: 0,
      version: 1,
    });
    expect(launched.pledges).toEqual(['fpb', 'zjj', 'czj', 'jyj'].map((unit) => ({ unit, signOff: null })));
  });

  it('refuses a pledge whose note holds a NUL or a lone surrogate before any other rule, naming the field', () => {
    for (const note of ['签订\u0000', '\ud800签订']) {
      const decision = decideCampaign(
        launched,
        { ...pledge('fpb'), note } as CampaignStep,
        clerk,
        '2018-06-23T01:00:00.000Z',
      );
      expect(decision).toMatchObject({
        ok: false,
        code: 'UNSTORABLE_TEXT',
        reason: expect.stringContaining('note') as string,
      });
    }
  });

  it('records a pledge as the pledging unit’s sign-off', () => {
    const decision = decideCampaign(launched, pledge('fpb'), clerk, '2018-06-23T01:00:00.000Z');
    expect(decision).toMatchObject({
      ok: true,
      state: { version: 2 },
      event: { type: 'pledge', summary: 'fpb 签订责任状' },
    });
    const signed = decision.ok ? decision.state.pledges[0] : null;
    expect(signed).toEqual({
      unit: 'fpb',
      signOff: {
        signerId: 'user:f1',
        signerName: '扶贫办主任',
        unit: 'fpb',
        roles: ['department'],
        at: '2018-06-23T01:00:00.000Z',
        evidenceSeen: ['pdf'],
        note: '签订',
      },
    });
    // Signed on the unit's behalf by the command center: the sign-off still names the unit.
    const onBehalf = apply(launched, pledge('jyj'), LAUNCH);
    expect(onBehalf.pledges[3].signOff?.unit).toBe('jyj');
  });

  it('refuses a unit the plan does not name, and a second pledge', () => {
    expect(code(launched, pledge('sfj'))).toBe('NOT_PLEDGING_UNIT');
    expect(code(apply(launched, pledge('fpb'), LAUNCH), pledge('fpb'))).toBe('ALREADY_PLEDGED');
  });

  it('takes pledges while paused but not once closed', () => {
    const paused = apply(launched, { type: 'pause', reason: '防汛' }, LAUNCH);
    expect(code(paused, pledge('fpb'))).toBe('accepted');
    const closed = apply(launched, { type: 'close', note: '' }, LAUNCH);
    expect(code(closed, pledge('fpb'))).toBe('CAMPAIGN_CLOSED');
  });
});

describe('pledge escalation', () => {
  it('escalates the missing units on the plan’s ladder from the pledge deadline', () => {
    const partly = apply(apply(launched, pledge('fpb'), LAUNCH), pledge('czj'), LAUNCH);
    const first = nextPledgeEscalation(partly);
    expect(first).toMatchObject({ step: { level: 1 }, units: ['zjj', 'jyj'] });
    expect(iso(first?.dueAt)).toBe('2018-06-25T02:00:00.000Z');
    const fired = firePledgeEscalation(partly, first!.step, '2018-06-25T02:00:00.000Z');
    expect(fired.state).toMatchObject({ pledgeFiredLevels: [1], version: partly.version + 1 });
    expect(fired.event).toMatchObject({
      type: 'pledge-escalate',
      summary: '责任状未签订：触发「催签提醒」（2 个单位：zjj、jyj）',
      data: { level: 1, units: ['zjj', 'jyj'] },
    });
    expect(pledgeEscalationLevel(fired.state)).toBe(1);
    const second = nextPledgeEscalation(fired.state);
    expect(second?.step.level).toBe(2);
    expect(iso(second?.dueAt)).toBe('2018-06-27T02:00:00.000Z');
  });

  it('fires only the highest of the steps due when woken late, passing over the ones below', () => {
    const partly = apply(apply(launched, pledge('fpb'), LAUNCH), pledge('czj'), LAUNCH);
    // the worker was down from before the pledge deadline until after the yellow card's day
    const woken = new Date('2018-06-27T03:00:00.000Z');
    const plan = catchUpPledgeEscalation(partly, woken);
    expect(plan).toMatchObject({ passedOver: [1], fire: { level: 2 } });
    const fired = firePledgeEscalation(
      partly,
      plan.fire!,
      woken.toISOString(),
      stepsAt(ladder, plan.passedOver),
    );
    expect(fired.state.pledgeFiredLevels).toEqual([1, 2]);
    expect(fired.event).toMatchObject({
      summary: '责任状未签订：触发「黄牌预警」（已到期的催签提醒不再单独发出）（2 个单位：zjj、jyj）',
      data: { level: 2, passedOverLevels: [1] },
    });
    expect(nextPledgeEscalation(fired.state)).toBeUndefined();
    // woken on time, the one step due fires alone
    expect(catchUpPledgeEscalation(partly, new Date('2018-06-25T02:00:00.000Z'))).toMatchObject({
      passedOver: [],
      fire: { level: 1 },
    });
  });

  it('skips a step that would fall due at the launch itself (a reminder 3 days before a 3-day deadline)', () => {
    const early: EscalationStep = { ...ladder[0], level: 1, offset: '-P3D' };
    const rest = ladder.slice(1).map((step) => ({ ...step, level: step.level + 1 }));
    const plan = { ...launched.plan, ladder: [early, ...rest] };
    const state = { ...launched, plan };
    const next = nextPledgeEscalation(state);
    expect(next?.step.level).toBe(rest[0].level);
    expect(next!.dueAt.getTime()).toBeGreaterThan(Date.parse(state.launchedAt));
  });

  it('stops when every unit signed, while paused and once closed', () => {
    const all = ['fpb', 'zjj', 'czj', 'jyj'].reduce((s, unit) => apply(s, pledge(unit), LAUNCH), launched);
    expect(missingPledges(all)).toEqual([]);
    expect(nextPledgeEscalation(all)).toBeUndefined();
    expect(nextPledgeEscalation(apply(launched, { type: 'pause', reason: '防汛' }, LAUNCH))).toBeUndefined();
    expect(nextPledgeEscalation(apply(launched, { type: 'close', note: '' }, LAUNCH))).toBeUndefined();
  });

  it('falls due later by the time the campaign was paused', () => {
    const paused = apply(launched, { type: 'pause', reason: '防汛' }, '2018-06-23T02:00:00.000Z');
    const resumed = apply(paused, { type: 'resume', reason: '' }, '2018-06-28T02:00:00.000Z');
    expect(resumed.pausedMs).toBe(5 * 86_400_000);
    expect(iso(nextPledgeEscalation(resumed)?.dueAt)).toBe('2018-06-30T02:00:00.000Z');
  });
});

describe('pause, resume and close', () => {
  it('pauses with a reason, once', () => {
    expect(code(launched, { type: 'pause', reason: ' ' })).toBe('REASON_REQUIRED');
    const decision = decideCampaign(launched, { type: 'pause', reason: '防汛抢险' }, commander, LAUNCH);
    expect(decision).toMatchObject({
      ok: true,
      state: { status: 'paused', paused: { since: LAUNCH, reason: '防汛抢险' } },
      event: { summary: '暂停攻坚行动', reason: '防汛抢险' },
    });
    expect(code(decision.ok ? decision.state : launched, { type: 'pause', reason: '再停' })).toBe(
      'ALREADY_PAUSED',
    );
  });

  it('resumes only a paused campaign', () => {
    expect(code(launched, { type: 'resume', reason: '' })).toBe('NOT_PAUSED');
  });

  it('closes a running or paused campaign, ending the pause, and then refuses everything', () => {
    const paused = apply(launched, { type: 'pause', reason: '防汛' }, '2018-09-01T00:00:00.000Z');
    const closed = apply(paused, { type: 'close', note: '圆满完成' }, '2018-09-03T00:00:00.000Z');
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: '2018-09-03T00:00:00.000Z',
      closeNote: '圆满完成',
      paused: null,
      pausedMs: 2 * 86_400_000,
    });
    const steps: CampaignStep[] = [
      { type: 'close', note: '' },
      { type: 'resume', reason: '' },
      { type: 'pause', reason: 'x' },
    ];
    for (const step of steps) {
      expect(code(closed, step)).toBe('CAMPAIGN_CLOSED');
    }
  });
});

describe('apply-plan', () => {
  const v2: ResolvedPlan = { ...plan, tasks: [...plan.tasks, task('T4', 'mzj', ['fpb', 'wjj'])] };
  const applyV2 = (planVersion = 2, reason = '新增社会救助任务'): CampaignStep => ({
    type: 'apply-plan',
    planVersion,
    plan: v2,
    reason,
  });

  it('refuses a version not newer than the one running, and a change without a reason', () => {
    expect(code(launched, applyV2(1))).toBe('PLAN_VERSION_STALE');
    expect(code(launched, applyV2(0))).toBe('PLAN_VERSION_STALE');
    expect(code(launched, applyV2(2, ''))).toBe('REASON_REQUIRED');
  });

  it('refuses a change planChange finds problems with, listing them', () => {
    planChangeMock.mockReturnValue({
      added: [],
      revised: [],
      problems: [
        { path: 'tasks[2]', problem: '已启动的任务不能删除' },
        { path: 'window.start', problem: '开始时间不能变更' },
      ],
    });
    expect(decideCampaign(launched, applyV2(), commander, LAUNCH)).toEqual({
      ok: false,
      code: 'PLAN_CHANGE_REFUSED',
      reason:
        '新方案不能用于正在进行的攻坚行动：tasks[2]：已启动的任务不能删除；window.start：开始时间不能变更',
    });
  });

  it('runs the new version, asking units named for the first time to pledge', () => {
    planChangeMock.mockReturnValue({ added: [v2.tasks[3]], revised: [], problems: [] });
    const signed = apply(launched, pledge('fpb'), LAUNCH);
    const decision = decideCampaign(signed, applyV2(), commander, '2018-07-10T02:00:00.000Z');
    expect(planChangeMock).toHaveBeenCalledWith(plan, v2);
    expect(decision).toMatchObject({
      ok: true,
      state: { planVersion: 2, plan: v2 },
      event: {
        type: 'apply-plan',
        summary: '启用第 2 版实施方案',
        reason: '新增社会救助任务',
        data: { planVersion: 2, previousVersion: 1, added: ['T4'], revised: [], newUnits: ['mzj', 'wjj'] },
      },
    });
    const state = decision.ok ? decision.state : signed;
    expect(state.pledges.map((p) => [p.unit, p.signOff?.unit ?? null])).toEqual([
      ['fpb', 'fpb'],
      ['zjj', null],
      ['czj', null],
      ['jyj', null],
      ['mzj', null],
      ['wjj', null],
    ]);
  });

  it('gives newly named units the full pledge time, re-arming the pledge ladder', () => {
    const late = firePledgeEscalation(launched, ladder[0], '2018-06-25T02:00:00.000Z').state;
    const changed = apply(late, applyV2(), '2018-07-10T02:00:00.000Z');
    expect(changed.pledgeDeadline).toBe('2018-07-13T02:00:00.000Z');
    expect(changed.pledgeFiredLevels).toEqual([]);
    // A version naming no new unit leaves the pledge deadline alone.
    const same = apply(late, { type: 'apply-plan', planVersion: 2, plan, reason: '调整期限' }, LAUNCH);
    expect(same).toMatchObject({ pledgeDeadline: '2018-06-25T02:00:00.000Z', pledgeFiredLevels: [1] });
  });
});

describe('nextWeekly', () => {
  const monday9 = { weekday: 1, time: '09:00' };
  it('finds the next weekday and CST wall time strictly after the instant', () => {
    // Friday 22 June 10:00 CST → Monday 25 June 09:00 CST.
    expect(iso(nextWeekly(monday9, new Date(LAUNCH)))).toBe('2018-06-25T01:00:00.000Z');
    // Monday 08:59 CST → the same morning; Monday 09:00 exactly → a week later.
    expect(iso(nextWeekly(monday9, new Date('2018-06-25T00:59:00.000Z')))).toBe('2018-06-25T01:00:00.000Z');
    expect(iso(nextWeekly(monday9, new Date('2018-06-25T01:00:00.000Z')))).toBe('2018-07-02T01:00:00.000Z');
  });

  it('uses the CST day, not the UTC one, and knows Sunday as 7', () => {
    // Sunday 24 June 23:30 CST is Sunday 15:30 UTC; Monday 00:30 CST is still Sunday in UTC.
    expect(iso(nextWeekly({ weekday: 7, time: '23:45' }, new Date('2018-06-24T15:30:00.000Z')))).toBe(
      '2018-06-24T15:45:00.000Z',
    );
    expect(iso(nextWeekly(monday9, new Date('2018-06-24T16:30:00.000Z')))).toBe('2018-06-25T01:00:00.000Z');
    expect(iso(nextWeekly({ weekday: 3, time: '15:00' }, new Date(LAUNCH)))).toBe('2018-06-27T07:00:00.000Z');
  });
});

describe('nextMonthly', () => {
  it('finds the day of the month at 09:00 CST strictly after the instant, across a year end', () => {
    expect(iso(nextMonthly(5, new Date(LAUNCH)))).toBe('2018-07-05T01:00:00.000Z');
    expect(iso(nextMonthly(5, new Date('2018-07-05T00:59:59.000Z')))).toBe('2018-07-05T01:00:00.000Z');
    expect(iso(nextMonthly(5, new Date('2018-07-05T01:00:00.000Z')))).toBe('2018-08-05T01:00:00.000Z');
    expect(iso(nextMonthly(5, new Date('2018-12-20T00:00:00.000Z')))).toBe('2019-01-05T01:00:00.000Z');
    // 1 July 00:30 CST is 30 June in UTC: the month is July.
    expect(iso(nextMonthly(1, new Date('2018-06-30T16:30:00.000Z')))).toBe('2018-07-01T01:00:00.000Z');
  });
});

describe('cadence', () => {
  it('walks bulletins, dispatch reminders and monthly reminders in time order', () => {
    const seen: string[] = [];
    let state = launched;
    for (let i = 0; i < 6; i++) {
      const due = nextCadence(state)!;
      seen.push(`${due.kind} ${due.dueAt.toISOString()}`);
      state = markCadence(state, due.kind, due.dueAt);
    }
    expect(seen).toEqual([
      'bulletin 2018-06-25T01:00:00.000Z',
      'dispatch-meeting 2018-06-27T07:00:00.000Z',
      'bulletin 2018-07-02T01:00:00.000Z',
      'dispatch-meeting 2018-07-04T07:00:00.000Z',
      'monthly-report 2018-07-05T01:00:00.000Z',
      'bulletin 2018-07-09T01:00:00.000Z',
    ]);
    expect(state).toMatchObject({
      bulletinsPublished: 3,
      lastBulletinDueAt: '2018-07-09T01:00:00.000Z',
      lastDispatchDueAt: '2018-07-04T07:00:00.000Z',
      lastMonthlyDueAt: '2018-07-05T01:00:00.000Z',
      version: 7,
    });
  });

  it('has only bulletins when the plan gives no dispatch meeting or report day', () => {
    const quiet = newCampaignState(
      {
        ...plan,
        cadence: { bulletin: { weekday: 5, time: '17:00' }, dispatchMeeting: null, monthlyReportDay: null },
      },
      1,
      LAUNCH,
    );
    const first = nextCadence(quiet)!;
    expect(first.kind).toBe('bulletin');
    expect(iso(first.dueAt)).toBe('2018-06-22T09:00:00.000Z'); // the launch day, 17:00 CST
    expect(nextCadence(markCadence(quiet, 'bulletin', first.dueAt))?.kind).toBe('bulletin');
  });

  it('is silent while paused and once closed, and skips what fell due during a pause', () => {
    const paused = apply(launched, { type: 'pause', reason: '防汛' }, '2018-06-23T00:00:00.000Z');
    expect(nextCadence(paused)).toBeUndefined();
    expect(nextCadence(apply(launched, { type: 'close', note: '' }, LAUNCH))).toBeUndefined();
    // Resumed on Thursday 12 July 10:00 CST: no catch-up of the bulletins of 25 June, 2 and 9 July.
    const resumed = apply(paused, { type: 'resume', reason: '' }, '2018-07-12T02:00:00.000Z');
    const next = nextCadence(resumed)!;
    expect(`${next.kind} ${iso(next.dueAt)}`).toBe('bulletin 2018-07-16T01:00:00.000Z');
    expect(resumed.bulletinsPublished).toBe(0);
  });
});
