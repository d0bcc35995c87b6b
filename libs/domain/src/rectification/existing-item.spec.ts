import { DEFAULT_LADDER, stepsAt } from '../escalation/ladder';
import { deadlineInstant } from '../time/china-time';
import { catchUpEscalation, passOver } from './existing-item';
import { currentEscalationLevel, fireEscalation, newItemState, nextEscalation } from './item-process';

const DAY = 86_400_000;
// Fixed instants: nothing here depends on today's date.
const now = '2026-06-20T02:00:00.000Z';
const daysFromNow = (days: number) => new Date(Date.parse(now) + days * DAY).toISOString();

const item = (basic: string, full: string) =>
  newItemState({
    deadlines: { basic, full },
    responsibleUnit: 'tA',
    responsiblePersonId: 'p',
    verifierId: 'v',
  });

describe('an item brought in from an existing ledger catches up with its ladder once', () => {
  it('fires the highest passed step and passes over the ones below it', () => {
    // full deadline 20 days ago: reminder, yellow, red, criticism (+7d), summons (+14d) have passed
    const state = item(daysFromNow(-25), daysFromNow(-20));
    const plan = catchUpEscalation(DEFAULT_LADDER, state, now);
    expect(plan.fire?.kind).toBe('summons');
    expect(plan.passedOver).toEqual([1, 2, 3, 4]);
    const caughtUp = passOver(state, plan.passedOver);
    expect(currentEscalationLevel(caughtUp)).toBe(4);
    expect(caughtUp.awaitingLeader).toEqual([]);
    // what fires next is the summons, due already; accountability waits for its own time (+30d)
    const next = nextEscalation(DEFAULT_LADDER, caughtUp)!;
    expect(next.step.level).toBe(5);
    expect(next.dueAt.getTime()).toBeLessThanOrEqual(Date.parse(now));
    const after = nextEscalation(DEFAULT_LADDER, passOver(caughtUp, [5]))!;
    expect(after.step.level).toBe(6);
    expect(after.dueAt.toISOString()).toBe(new Date(Date.parse(daysFromNow(-20)) + 30 * DAY).toISOString());
  });

  it('takes a deadline written as a day as the end of that CST day', () => {
    // basic deadline yesterday (CST), full deadline in ten days: reminder and yellow card have passed
    const cstToday = new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${cstToday}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    const inTen = new Date(Date.parse(`${cstToday}T00:00:00Z`) + 10 * DAY).toISOString().slice(0, 10);
    const state = item(deadlineInstant(yesterday).toISOString(), deadlineInstant(inTen).toISOString());
    expect(catchUpEscalation(DEFAULT_LADDER, state, now)).toMatchObject({
      passedOver: [1],
      fire: { kind: 'yellow-warning' },
    });
  });

  it('changes nothing when no step has passed', () => {
    expect(catchUpEscalation(DEFAULT_LADDER, item(daysFromNow(10), daysFromNow(20)), now)).toEqual({
      passedOver: [],
      fire: null,
    });
  });

  it('fires a lone passed step as it is, passing over nothing', () => {
    // only the reminder (basic −3 days) has passed
    const plan = catchUpEscalation(DEFAULT_LADDER, item(daysFromNow(2), daysFromNow(20)), now);
    expect(plan).toMatchObject({ passedOver: [], fire: { kind: 'reminder' } });
  });
});

describe('an item woken when several steps are due fires the highest of them', () => {
  it('fires the red card alone when the basic and the full deadline are the same instant', () => {
    // reminder already fired three days before; yellow (basic) and red (full) fall due together
    const reminded = passOver(item(now, now), [1]);
    const plan = catchUpEscalation(DEFAULT_LADDER, reminded, now);
    expect(plan).toMatchObject({ passedOver: [2], fire: { kind: 'red-warning' } });
    const fired = fireEscalation(reminded, plan.fire!, now, stepsAt(DEFAULT_LADDER, plan.passedOver));
    expect(fired.state).toMatchObject({ firedLevels: [1, 2, 3], awaitingLeader: [], version: 2 });
    expect(currentEscalationLevel(fired.state)).toBe(3);
    expect(fired.event.summary).toBe('红牌预警（督办单）（已到期的黄牌预警不再单独发出）');
    expect(fired.event.data).toMatchObject({ level: 3, passedOverLevels: [2] });
    // the next step is public criticism, a week after the full deadline
    expect(nextEscalation(DEFAULT_LADDER, fired.state)?.step.kind).toBe('public-criticism');
  });

  it('owes no leader decision for a summons it passes over after the worker was down', () => {
    // red card fired at the full deadline; the worker was then down for 31 days
    const red = passOver(item(daysFromNow(-34), daysFromNow(-31)), [1, 2, 3]);
    const plan = catchUpEscalation(DEFAULT_LADDER, red, now);
    expect(plan).toMatchObject({ passedOver: [4, 5], fire: { kind: 'accountability' } });
    const fired = fireEscalation(red, plan.fire!, now, stepsAt(DEFAULT_LADDER, plan.passedOver));
    expect(fired.state).toMatchObject({ firedLevels: [1, 2, 3, 4, 5, 6], awaitingLeader: [6] });
    expect(fired.event.summary).toBe('问责（问责决定书）（已到期的通报批评、约谈不再单独发出）');
  });

  it('fires a step due alone as before: no passed-over levels in its entry', () => {
    const fired = fireEscalation(item(daysFromNow(3), daysFromNow(20)), DEFAULT_LADDER[0], now);
    expect(fired.event.summary).toBe('到期提醒（催办单）');
    expect(fired.event.data).not.toHaveProperty('passedOverLevels');
  });
});
