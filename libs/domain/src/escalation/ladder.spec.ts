import {
  catchUp,
  DEFAULT_LADDER,
  escalationLevel,
  ladderProblems,
  nextStep,
  passedOverRecord,
  stepDueAt,
  stepsAt,
  stepsPassedBy,
} from './ladder';

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

  it('lists the steps passed by a time, in the order they fell due, from the levels already fired', () => {
    const next = (fired: readonly number[]) => nextStep(DEFAULT_LADDER, deadlines, fired);
    const justAfterFull = new Date(deadlines.full.getTime() + 1000);
    expect(stepsPassedBy(next, [], justAfterFull).map((s) => s.kind)).toEqual([
      'reminder',
      'yellow-warning',
      'red-warning',
    ]);
    expect(stepsPassedBy(next, [1, 2], justAfterFull).map((s) => s.kind)).toEqual(['red-warning']);
    // a step due exactly now has passed; one a millisecond later has not
    expect(stepsPassedBy(next, [1, 2], deadlines.full).map((s) => s.level)).toEqual([3]);
    expect(stepsPassedBy(next, [1, 2], new Date(deadlines.full.getTime() - 1))).toEqual([]);
  });

  it("records the passed-over steps not yet fired in the fired step's timeline entry", () => {
    expect(passedOverRecord(stepsAt(DEFAULT_LADDER, [2, 1]), [])).toEqual({
      levels: [1, 2],
      note: '（已到期的到期提醒、黄牌预警不再单独发出）',
      data: { passedOverLevels: [1, 2] },
    });
    // a level already fired is neither counted again nor named
    expect(passedOverRecord(stepsAt(DEFAULT_LADDER, [1, 2]), [1])).toEqual({
      levels: [2],
      note: '（已到期的黄牌预警不再单独发出）',
      data: { passedOverLevels: [2] },
    });
    expect(passedOverRecord([], [1])).toEqual({ levels: [], note: '', data: {} });
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
