import type { Actor } from '../process/actor';
import { jitterMs } from '../time/jitter';
import {
  EscalationRules,
  fireHouseholdEscalation,
  householdCatchUp,
  householdEscalationLevel,
  isStageOverdue,
  nextHouseholdEscalation,
  stagesPastDeadline,
  trackAnchors,
} from './household-escalation';
import { decideHousehold, HouseholdParties, HouseholdState, newHouseholdState } from './household-process';
import type { HouseholdStage } from './household-stages';
import { DEFAULT_HOUSEHOLD_LADDER } from './programme-rules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const rules: EscalationRules = {
  stageDeadlines: {
    appraisal: '2024-03-31T16:00:00.000Z',
    construction: '2024-09-30T16:00:00.000Z',
    payment: '2024-11-30T16:00:00.000Z',
  },
  stallAfter: 'P30D',
  paymentDueAfter: 'P1M',
  ladder: DEFAULT_HOUSEHOLD_LADDER,
  timerJitter: 'PT1H',
};
const noJitter: EscalationRules = { ...rules, timerJitter: 'PT0S' };

const parties: HouseholdParties = {
  approvers: { village: 'unit:village', township: 'unit:township', county: 'unit:bureau' },
  acceptance: [
    { label: '县住建局', unit: 'unit:bureau' },
    { label: '乡镇人民政府', unit: 'unit:township' },
  ],
  noticePeriods: { village: 'P7D', township: null, county: 'P5D' },
};
const cadre: Actor = { id: 'user:xiang', name: '乡镇干部', unit: 'unit:village', roles: [] };

/** A household in `stage` since `at`, with no progress since. */
function household(stage: HouseholdStage, at: string, extra: Partial<HouseholdState> = {}): HouseholdState {
  return { ...newHouseholdState('D', at), stage, stageEnteredAt: at, lastProgressAt: at, ...extra };
}

function progress(state: HouseholdState, evidenceId: string, now: string): HouseholdState {
  const decision = decideHousehold(
    state,
    { type: 'attach-evidence', evidenceId, fileName: `${evidenceId}.jpg`, sha256: 'ab' },
    cadre,
    parties,
    now,
  );
  if (!decision.ok) throw new Error(decision.reason);
  return decision.state;
}

/** Fires whatever is next, and returns the new state. */
function fireNext(state: HouseholdState, escalationRules: EscalationRules, now: string): HouseholdState {
  const due = nextHouseholdEscalation(state, escalationRules, 'household-1');
  if (!due) throw new Error('nothing due');
  return fireHouseholdEscalation(state, due, escalationRules, now).state;
}

describe('household escalation', () => {
  describe('trackAnchors', () => {
    it('counts a stage with a deadline on the deadline track and the stall track', () => {
      const state = household('appraisal', '2024-03-01T00:00:00.000Z');
      expect(trackAnchors(state, rules)).toEqual([
        { track: 'deadline', anchorAt: '2024-03-31T16:00:00.000Z' },
        { track: 'stall', anchorAt: '2024-03-31T00:00:00.000Z' },
      ]);
    });

    it('has no deadline track for a stage without a deadline', () => {
      const state = household('approval', '2024-03-05T02:30:00.000Z');
      expect(trackAnchors(state, rules)).toEqual([{ track: 'stall', anchorAt: '2024-04-04T02:30:00.000Z' }]);
    });

    it('counts the stall from the last progress, not from entering the stage', () => {
      const state = household('construction', '2024-05-01T00:00:00.000Z', {
        lastProgressAt: '2024-06-10T00:00:00.000Z',
      });
      expect(trackAnchors(state, rules)).toContainEqual({
        track: 'stall',
        anchorAt: '2024-07-10T00:00:00.000Z',
      });
    });

    it('counts the payment track from acceptance instead of the stall track in payment', () => {
      const state = household('payment', '2024-05-10T02:00:00.000Z', {
        acceptedAt: '2024-05-10T02:00:00.000Z',
        lastProgressAt: '2024-05-20T00:00:00.000Z',
      });
      expect(trackAnchors(state, rules)).toEqual([
        { track: 'deadline', anchorAt: '2024-11-30T16:00:00.000Z' },
        { track: 'payment', anchorAt: '2024-06-10T02:00:00.000Z' },
      ]);
      expect(trackAnchors(state, { ...rules, stageDeadlines: {} })).toEqual([
        { track: 'payment', anchorAt: '2024-06-10T02:00:00.000Z' },
      ]);
    });

    it('has no tracks once the household is finished or withdrawn', () => {
      expect(trackAnchors(household('moved-in', '2024-05-01T00:00:00.000Z'), rules)).toEqual([]);
      expect(trackAnchors(household('withdrawn', '2024-05-01T00:00:00.000Z'), rules)).toEqual([]);
    });
  });

  describe('nextHouseholdEscalation', () => {
    it('picks the earliest step over all tracks', () => {
      const stallFirst = household('appraisal', '2024-03-01T00:00:00.000Z');
      const due = nextHouseholdEscalation(stallFirst, noJitter, 'household-1');
      expect(due).toMatchObject({
        track: 'stall',
        anchorAt: '2024-03-31T00:00:00.000Z',
        step: { level: 1, kind: 'reminder' },
      });
      expect(due?.dueAt.toISOString()).toBe('2024-03-28T00:00:00.000Z');

      const deadlineFirst = household('appraisal', '2024-03-10T00:00:00.000Z');
      const dueDeadline = nextHouseholdEscalation(deadlineFirst, noJitter, 'household-1');
      expect(dueDeadline).toMatchObject({
        track: 'deadline',
        anchorAt: '2024-03-31T16:00:00.000Z',
        step: { level: 1, kind: 'reminder' },
      });
      expect(dueDeadline?.dueAt.toISOString()).toBe('2024-03-28T16:00:00.000Z');
    });

    it('escalates an unpaid subsidy on the payment track', () => {
      const state = household('payment', '2024-05-10T02:00:00.000Z', {
        acceptedAt: '2024-05-10T02:00:00.000Z',
      });
      const due = nextHouseholdEscalation(state, noJitter, 'household-1');
      expect(due).toMatchObject({
        track: 'payment',
        anchorAt: '2024-06-10T02:00:00.000Z',
        step: { level: 1 },
      });
      expect(due?.dueAt.toISOString()).toBe('2024-06-07T02:00:00.000Z');
    });

    it('wakes the household within the jitter window after the step is due', () => {
      const state = household('approval', '2024-03-01T00:00:00.000Z');
      const spreads = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const key = `household-${i}`;
        const due = nextHouseholdEscalation(state, rules, key)!;
        const spread = due.wakeAt.getTime() - due.dueAt.getTime();
        expect(spread).toBe(jitterMs(key, HOUR));
        expect(spread).toBeGreaterThanOrEqual(0);
        expect(spread).toBeLessThan(HOUR);
        expect(due.dueAt.toISOString()).toBe('2024-03-28T00:00:00.000Z');
        spreads.add(spread);
      }
      expect(spreads.size).toBeGreaterThan(10);
      const same = nextHouseholdEscalation(state, rules, 'household-3')!;
      expect(nextHouseholdEscalation(state, rules, 'household-3')!.wakeAt).toEqual(same.wakeAt);
      const none = nextHouseholdEscalation(state, noJitter, 'household-3')!;
      expect(none.wakeAt).toEqual(none.dueAt);
    });

    it('returns nothing for a finished household', () => {
      expect(
        nextHouseholdEscalation(household('moved-in', '2024-03-01T00:00:00.000Z'), rules, 'k'),
      ).toBeUndefined();
      expect(
        nextHouseholdEscalation(household('withdrawn', '2024-03-01T00:00:00.000Z'), rules, 'k'),
      ).toBeUndefined();
    });
  });

  describe('firing', () => {
    it('records each fired level and moves on to the next step of the ladder', () => {
      const start = household('construction-start', '2024-04-01T00:00:00.000Z');
      const anchor = '2024-05-01T00:00:00.000Z';
      let state = start;
      const fired: Array<[number, string, string]> = [];
      for (let i = 0; i < DEFAULT_HOUSEHOLD_LADDER.length; i++) {
        const due = nextHouseholdEscalation(state, noJitter, 'household-1');
        if (!due) throw new Error(`nothing due after ${i} steps`);
        fired.push([due.step.level, due.step.kind, due.dueAt.toISOString()]);
        const result = fireHouseholdEscalation(state, due, noJitter, due.dueAt.toISOString());
        expect(result.state.version).toBe(state.version + 1);
        expect(result.state.escalations.at(-1)).toEqual({
          track: 'stall',
          anchorAt: anchor,
          level: due.step.level,
        });
        expect(householdEscalationLevel(result.state, noJitter)).toBe(due.step.level);
        state = result.state;
      }
      expect(fired).toEqual([
        [1, 'reminder', '2024-04-28T00:00:00.000Z'],
        [2, 'yellow-warning', anchor],
        [3, 'red-warning', anchor],
        [5, 'summons', '2024-05-15T00:00:00.000Z'],
      ]);
      expect(state.escalations).toHaveLength(4);
      expect(nextHouseholdEscalation(state, noJitter, 'household-1')).toBeUndefined();
      expect(state.stage).toBe('construction-start');
      expect(state.lastProgressAt).toBe(start.lastProgressAt);
    });

    it('describes the fired step on the timeline', () => {
      const state = household('construction-start', '2024-04-01T00:00:00.000Z');
      const due = nextHouseholdEscalation(state, rules, 'household-1')!;
      const { event } = fireHouseholdEscalation(state, due, rules, '2024-04-28T00:30:00.000Z');
      expect(event).toEqual({
        type: 'escalation',
        at: '2024-04-28T00:30:00.000Z',
        actor: { id: 'system:workflow', name: '系统', unit: null, roles: [] },
        summary: '长期停滞（待开工）：到期提醒',
        reason: null,
        data: {
          stage: 'construction-start',
          track: 'stall',
          anchorAt: '2024-05-01T00:00:00.000Z',
          level: 1,
          kind: 'reminder',
        },
      });
      const paying = household('payment', '2024-05-10T02:00:00.000Z', {
        acceptedAt: '2024-05-10T02:00:00.000Z',
      });
      const paymentDue = nextHouseholdEscalation(paying, rules, 'household-1')!;
      expect(
        fireHouseholdEscalation(paying, paymentDue, rules, '2024-06-07T03:00:00.000Z').event.summary,
      ).toBe('补助逾期未兑付（资金兑付）：到期提醒');
    });

    it('re-arms the stall track on progress and drops the stale steps when the next one fires', () => {
      let state = household('construction-start', '2024-04-01T00:00:00.000Z');
      state = fireNext(state, noJitter, '2024-04-28T00:00:00.000Z');
      state = fireNext(state, noJitter, '2024-05-01T00:00:00.000Z');
      expect(householdEscalationLevel(state, noJitter)).toBe(2);

      const progressed = progress(state, 'photo-1', '2024-05-02T00:00:00.000Z');
      expect(progressed.escalations).toHaveLength(2);
      expect(householdEscalationLevel(progressed, noJitter)).toBe(0);
      const due = nextHouseholdEscalation(progressed, noJitter, 'household-1');
      expect(due).toMatchObject({ track: 'stall', anchorAt: '2024-06-01T00:00:00.000Z', step: { level: 1 } });
      expect(due?.dueAt.toISOString()).toBe('2024-05-29T00:00:00.000Z');

      const refired = fireHouseholdEscalation(progressed, due!, noJitter, '2024-05-29T00:00:00.000Z').state;
      expect(refired.escalations).toEqual([
        { track: 'stall', anchorAt: '2024-06-01T00:00:00.000Z', level: 1 },
      ]);
      expect(householdEscalationLevel(refired, noJitter)).toBe(1);
    });

    it('keeps the deadline track through progress within the stage, and re-arms it in the next stage', () => {
      let state = household('appraisal', '2024-03-10T00:00:00.000Z');
      state = fireNext(state, noJitter, '2024-03-28T16:00:00.000Z');
      expect(state.escalations).toEqual([
        { track: 'deadline', anchorAt: '2024-03-31T16:00:00.000Z', level: 1 },
      ]);

      const progressed = progress(state, 'photo-1', '2024-03-29T00:00:00.000Z');
      expect(householdEscalationLevel(progressed, noJitter)).toBe(1);
      expect(nextHouseholdEscalation(progressed, noJitter, 'household-1')).toMatchObject({
        track: 'deadline',
        step: { level: 2, kind: 'yellow-warning' },
      });

      const appraised = decideHousehold(
        progressed,
        { type: 'record-appraisal', rating: 'D', note: '', evidenceIds: [] },
        cadre,
        parties,
        '2024-03-30T00:00:00.000Z',
      );
      if (!appraised.ok) throw new Error(appraised.reason);
      expect(householdEscalationLevel(appraised.state, noJitter)).toBe(0);
      expect(nextHouseholdEscalation(appraised.state, noJitter, 'household-1')).toMatchObject({
        track: 'stall',
        anchorAt: '2024-04-29T00:00:00.000Z',
        step: { level: 1 },
      });
    });

    it('counts the highest level over all current tracks', () => {
      const state = household('appraisal', '2024-03-01T00:00:00.000Z', {
        escalations: [
          { track: 'deadline', anchorAt: '2024-03-31T16:00:00.000Z', level: 2 },
          { track: 'stall', anchorAt: '2024-03-31T00:00:00.000Z', level: 3 },
          { track: 'stall', anchorAt: '2024-02-01T00:00:00.000Z', level: 5 },
          { track: 'payment', anchorAt: '2024-03-31T16:00:00.000Z', level: 5 },
        ],
      });
      expect(householdEscalationLevel(state, rules)).toBe(3);
      expect(householdEscalationLevel({ ...state, escalations: [] }, rules)).toBe(0);
      expect(householdEscalationLevel({ ...state, stage: 'withdrawn' }, rules)).toBe(0);
    });

    it('never changes the state it fires on', () => {
      const state = household('construction-start', '2024-04-01T00:00:00.000Z', {
        escalations: [{ track: 'stall', anchorAt: '2024-01-01T00:00:00.000Z', level: 1 }],
      });
      const before = structuredClone(state);
      const due = nextHouseholdEscalation(state, rules, 'household-1')!;
      const next = fireHouseholdEscalation(state, due, rules, '2024-04-28T00:00:00.000Z').state;
      expect(state).toEqual(before);
      expect(next.escalations).toEqual([{ track: 'stall', anchorAt: '2024-05-01T00:00:00.000Z', level: 1 }]);
    });

    it('fires the highest of the steps due together and passes over the ones below it', () => {
      // stall anchor 2024-05-01: the yellow and the red card fall due at that same instant
      const start = household('construction-start', '2024-04-01T00:00:00.000Z');
      const anchor = '2024-05-01T00:00:00.000Z';
      const reminder = nextHouseholdEscalation(start, noJitter, 'household-1')!;
      const afterReminder = fireHouseholdEscalation(
        start,
        reminder,
        noJitter,
        reminder.dueAt.toISOString(),
      ).state;
      const due = nextHouseholdEscalation(afterReminder, rules, 'household-1')!;
      expect(due.step.kind).toBe('yellow-warning');

      const woken = new Date(due.wakeAt.getTime());
      const caught = householdCatchUp(afterReminder, rules, due, woken);
      expect(caught.passedOver).toEqual([2]);
      expect(caught.due).toMatchObject({ track: 'stall', anchorAt: anchor, step: { kind: 'red-warning' } });
      expect(caught.due.dueAt.toISOString()).toBe(anchor);
      expect(caught.due.wakeAt).toEqual(due.wakeAt); // the same share of the jitter window

      const { state, event } = fireHouseholdEscalation(
        afterReminder,
        caught.due,
        rules,
        woken.toISOString(),
        caught.passedOver,
      );
      expect(state.escalations.map((e) => e.level)).toEqual([1, 2, 3]);
      expect(householdEscalationLevel(state, rules)).toBe(3);
      expect(event.summary).toBe('长期停滞（待开工）：红牌预警（已到期的黄牌预警不再单独发出）');
      expect(event.data).toMatchObject({ level: 3, kind: 'red-warning', passedOverLevels: [2] });
      // the next step is the summons, two weeks on: nothing left below it
      expect(nextHouseholdEscalation(state, noJitter, 'household-1')).toMatchObject({
        step: { kind: 'summons' },
        dueAt: new Date('2024-05-15T00:00:00.000Z'),
      });
    });

    it('fires a lone due step as it is, and after a long absence only the highest passed one', () => {
      const start = household('construction-start', '2024-04-01T00:00:00.000Z');
      const first = nextHouseholdEscalation(start, noJitter, 'household-1')!;
      expect(householdCatchUp(start, noJitter, first, first.dueAt)).toEqual({ due: first, passedOver: [] });
      // a worker down until 2024-05-20: reminder, yellow, red and summons have all passed
      const late = householdCatchUp(start, noJitter, first, new Date('2024-05-20T00:00:00.000Z'));
      expect(late.due.step.kind).toBe('summons');
      expect(late.passedOver).toEqual([1, 2, 3]);
    });
  });

  describe('stagesPastDeadline', () => {
    it('lists the stages whose deadline has passed, in stage order', () => {
      expect(stagesPastDeadline(rules, '2024-03-31T16:00:00.000Z')).toEqual([]);
      expect(stagesPastDeadline(rules, '2024-03-31T16:00:00.001Z')).toEqual(['appraisal']);
      expect(stagesPastDeadline(rules, '2024-12-01T00:00:00.000Z')).toEqual([
        'appraisal',
        'construction',
        'payment',
      ]);
      expect(stagesPastDeadline({ stageDeadlines: {} }, '2030-01-01T00:00:00.000Z')).toEqual([]);
    });
  });

  describe('isStageOverdue', () => {
    it('is overdue only after the current stage deadline', () => {
      const state = household('appraisal', '2024-03-01T00:00:00.000Z');
      expect(isStageOverdue(state, rules, '2024-03-31T15:59:59.999Z')).toBe(false);
      expect(isStageOverdue(state, rules, '2024-03-31T16:00:00.000Z')).toBe(false);
      expect(isStageOverdue(state, rules, '2024-03-31T16:00:00.001Z')).toBe(true);
      expect(isStageOverdue(state, rules, iso(Date.parse('2024-04-01T00:00:00+08:00') + DAY))).toBe(true);
    });

    it('is never overdue in a stage without a deadline or once finished', () => {
      const late = '2030-01-01T00:00:00.000Z';
      expect(isStageOverdue(household('approval', '2024-03-01T00:00:00.000Z'), rules, late)).toBe(false);
      expect(isStageOverdue(household('moved-in', '2024-03-01T00:00:00.000Z'), rules, late)).toBe(false);
      expect(isStageOverdue(household('withdrawn', '2024-03-01T00:00:00.000Z'), rules, late)).toBe(false);
      expect(isStageOverdue(household('construction', '2024-03-01T00:00:00.000Z'), rules, late)).toBe(true);
    });
  });
});
