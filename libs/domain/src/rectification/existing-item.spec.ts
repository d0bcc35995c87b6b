import { DEFAULT_LADDER } from '../escalation/ladder';
import { deadlineInstant } from '../time/china-time';
import { catchUpEscalation, passOver } from './existing-item';
import { currentEscalationLevel, newItemState, nextEscalation } from './item-process';

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
