import { catchUp, DEFAULT_LADDER, escalationLevel, ladderProblems, nextStep, stepDueAt } from './ladder';

const deadlines = { basic: new Date('2019-05-15T16:00:00Z'), full: new Date('2019-05-31T16:00:00Z') };

describe('escalation ladder', () => {
  it('places the default steps around the two deadlines', () => {
    const due = DEFAULT_LADDER.map((step) => [step.kind, stepDueAt(step, deadlines).toISOString()]);
    expect(due).toEqual([
      ['reminder', '2019-05-12T16:00:00.000Z'],
      ['yellow-warning', '2019-05-15T16:00:00.000Z'],
      ['red-warning', '2019-05-31T16:00:00.000Z'],
      ['public-criticism', '2019-06-07T16:00:00.000Z'],
      ['summons', '2019-06-14T16:00:00.000Z'],
      ['accountability', '2019-06-30T16:00:00.000Z'],
    ]);
  });

  it('walks the steps in order of time, skipping those fired', () => {
    expect(nextStep(DEFAULT_LADDER, deadlines, [])?.step.kind).toBe('reminder');
    expect(nextStep(DEFAULT_LADDER, deadlines, [1, 2])?.step.kind).toBe('red-warning');
    expect(nextStep(DEFAULT_LADDER, deadlines, [1, 2, 3, 4, 5, 6])).toBeUndefined();
  });

  it('pushes every step later by the time an item was paused', () => {
    const pausedTwoDays = 2 * 86_400_000;
    expect(nextStep(DEFAULT_LADDER, deadlines, [1], pausedTwoDays)?.dueAt.toISOString()).toBe(
      '2019-05-17T16:00:00.000Z',
    );
  });

  it('catches up with passed steps by firing the highest and passing over the ones below it', () => {
    const [reminder, yellow, red] = DEFAULT_LADDER;
    expect(catchUp([red, reminder, yellow])).toEqual({ passedOver: [1, 2], fire: red });
    expect(catchUp([yellow])).toEqual({ passedOver: [], fire: yellow });
    expect(catchUp([])).toEqual({ passedOver: [], fire: null });
  });

  it('reports the highest level fired', () => {
    expect(escalationLevel([])).toBe(0);
    expect(escalationLevel([1, 3, 2])).toBe(3);
  });

  it('accepts the default ladder and names each problem of a bad one by its path', () => {
    expect(ladderProblems(DEFAULT_LADDER)).toEqual([]);
    expect(ladderProblems([])).toEqual([{ path: '', problem: '须为非空的步骤列表' }]);
    const bad = [
      { ...DEFAULT_LADDER[0], offset: '3 days' },
      { ...DEFAULT_LADDER[1], level: 1, audience: ['everyone'] },
    ];
    expect(ladderProblems(bad).map((p) => p.path)).toEqual(['[0].offset', '[1].level', '[1].audience']);
  });
});
