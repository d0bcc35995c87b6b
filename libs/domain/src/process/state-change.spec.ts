import { decide, type ItemCommand, type ItemState } from '../rectification/item-process';
import { applyStateChange, stateChange } from './state-change';
import { REGISTERED_ITEM, RESPONSIBLE_PERSON, VERIFIER } from '../rectification/item-process.fixture';

const person = RESPONSIBLE_PERSON;
const verifier = VERIFIER;
const start = REGISTERED_ITEM;

/** Every state of a walk through the item process, as the workflow's steps make them. */
function walk(): ItemState[] {
  const steps: Array<[ItemCommand, typeof person, string]> = [
    [{ type: 'record-progress', note: '已召开专题会' }, person, '2019-04-01T02:00:00.000Z'],
    [{ type: 'pause', reason: '涉及诉讼' }, verifier, '2019-04-02T02:00:00.000Z'],
    [{ type: 'resume', reason: '诉讼结束' }, verifier, '2019-04-05T02:00:00.000Z'],
    [
      { type: 'attach-evidence', evidenceId: 'e1', fileName: '整改报告.pdf', sha256: 'ab'.repeat(32) },
      person,
      '2019-04-06T02:00:00.000Z',
    ],
    [{ type: 'mark-basic-done', note: '基本完成' }, person, '2019-04-07T02:00:00.000Z'],
    [{ type: 'submit', note: '申请销号' }, person, '2019-04-08T02:00:00.000Z'],
    [{ type: 'accept', note: '同意销号' }, verifier, '2019-04-09T02:00:00.000Z'],
  ];
  const states = [start];
  for (const [command, actor, at] of steps) {
    const decision = decide(states.at(-1)!, command, actor, at);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    states.push(decision.state);
  }
  return states;
}

describe('state change (what a projection sends instead of the whole state)', () => {
  const states = walk();

  it.each(states.slice(1).map((after, i) => [after.version, states[i], after] as const))(
    'rebuilds version %i from the version before and the change',
    (_version, before, after) => {
      const change = stateChange(before, after);
      const stored = JSON.parse(JSON.stringify(before)) as ItemState; // as the read model keeps it
      expect(applyStateChange(stored, change)).toEqual(JSON.parse(JSON.stringify(after)));
    },
  );

  it('sends only what a progress report changed, far less than the state', () => {
    const [before, after] = states;
    const change = stateChange(before, after);
    expect(change).toEqual({ from: before.version, to: after.version, set: {}, unset: [] });
    expect(JSON.stringify(change).length * 5).toBeLessThan(JSON.stringify(after).length);
  });

  it('carries a field a step set back (a pause, then a resume) and one it removed', () => {
    const paused = states[2];
    const resumed = states[3];
    expect(stateChange(paused, resumed).set).toMatchObject({ paused: null });
    const withCloseOut = { ...resumed, closeOut: null, version: resumed.version + 1 };
    const withoutCloseOut: ItemState = { ...withCloseOut, version: withCloseOut.version + 1 };
    delete withoutCloseOut.closeOut;
    expect(stateChange(withCloseOut, withoutCloseOut).unset).toEqual(['closeOut']);
    expect(applyStateChange(withCloseOut, stateChange(withCloseOut, withoutCloseOut))).toEqual(
      withoutCloseOut,
    );
  });

  it('refuses to apply a change to any version but the one it was made from', () => {
    const change = stateChange(states[1], states[2]);
    expect(() => applyStateChange(states[0], change)).toThrow(/from version 2 cannot apply to version 1/);
  });
});
