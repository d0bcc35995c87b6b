import { ladderProblems, nextStep, stepDueAt } from '../escalation/ladder';
import { DEFAULT_CAMPAIGN_LADDER } from './campaign-ladder';

// A task due by the end of 30 June 2018 (CST).
const deadline = new Date('2018-06-30T16:00:00Z');
const deadlines = { basic: deadline, full: deadline };

describe('default campaign ladder', () => {
  it('is a valid ladder, every step counting from the task deadline', () => {
    expect(ladderProblems(DEFAULT_CAMPAIGN_LADDER)).toEqual([]);
    expect(DEFAULT_CAMPAIGN_LADDER.every((step) => step.anchor === 'basic')).toBe(true);
  });

  it('reminds three days before, warns at the deadline, then criticises, summons and holds to account', () => {
    const due = DEFAULT_CAMPAIGN_LADDER.map((step) => [step.label, stepDueAt(step, deadlines).toISOString()]);
    expect(due).toEqual([
      ['到期提醒', '2018-06-27T16:00:00.000Z'],
      ['黄牌预警', '2018-06-30T16:00:00.000Z'],
      ['红牌预警', '2018-07-03T16:00:00.000Z'],
      ['通报批评', '2018-07-07T16:00:00.000Z'],
      ['约谈', '2018-07-14T16:00:00.000Z'],
      ['问责', '2018-07-30T16:00:00.000Z'],
    ]);
    expect(nextStep(DEFAULT_CAMPAIGN_LADDER, deadlines, [1, 2])?.step.kind).toBe('red-warning');
  });

  it('goes to the lead unit, brings in leadership from the red card, and makes leaders act at summons', () => {
    expect(DEFAULT_CAMPAIGN_LADDER.map((step) => [step.kind, step.audience, step.leaderMustAct])).toEqual([
      ['reminder', ['responsible-unit'], false],
      ['yellow-warning', ['responsible-unit', 'command-center'], false],
      ['red-warning', ['responsible-unit', 'command-center', 'leadership'], false],
      ['public-criticism', ['responsible-unit', 'command-center'], false],
      ['summons', ['leadership', 'responsible-unit'], true],
      ['accountability', ['leadership', 'command-center'], true],
    ]);
  });
});
