import { DEFAULT_LADDER } from '../escalation/ladder';
import {
  closedOnTime,
  decide,
  fireEscalation,
  isOverdue,
  ItemCommand,
  ItemState,
  nextEscalation,
} from './item-process';
import { REGISTERED_ITEM, RESPONSIBLE_PERSON, VERIFIER } from './item-process.fixture';

const person = RESPONSIBLE_PERSON;
const verifier = VERIFIER;
const base = REGISTERED_ITEM;

function run(state: ItemState, ...steps: Array<[ItemCommand, string]>): ItemState {
  return steps.reduce((current, [command, now]) => {
    const decision = decide(current, command, person, now);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    return decision.state;
  }, state);
}

describe('rectification item process', () => {
  it('goes from rectification through basic completion and submission to close-out', () => {
    const closed = run(
      base,
      [{ type: 'mark-basic-done', note: '已制定制度' }, '2019-05-10T00:00:00Z'],
      [{ type: 'submit', note: '佐证材料齐全' }, '2019-05-20T00:00:00Z'],
      [{ type: 'accept', note: '核查属实' }, '2019-05-21T00:00:00Z'],
    );
    expect(closed).toMatchObject({
      status: 'closed',
      basicDoneAt: '2019-05-10T00:00:00Z',
      closedAt: '2019-05-21T00:00:00Z',
      version: 4,
    });
    expect(closedOnTime(closed)).toEqual({ working: true, original: true });
  });

  it('records the verifier’s sign-off with the evidence they saw', () => {
    const withEvidence = run(
      base,
      [
        { type: 'attach-evidence', evidenceId: 'e1', fileName: '凭证.pdf', sha256: 'ab' },
        '2019-05-01T00:00:00Z',
      ],
      [{ type: 'submit', note: '' }, '2019-05-02T00:00:00Z'],
    );
    const decision = decide(
      withEvidence,
      { type: 'accept', note: '核查属实' },
      verifier,
      '2019-05-03T00:00:00Z',
    );
    expect(decision.ok && decision.state.closeOut).toEqual({
      signerId: 'user:v1',
      signerName: '验收人',
      unit: 'c1',
      roles: ['inspector'],
      at: '2019-05-03T00:00:00Z',
      evidenceSeen: ['e1'],
      note: '核查属实',
    });
    expect(decision.ok && decision.event.data.signOff).toEqual(decision.ok && decision.state.closeOut);
  });

  it('refuses to close what was never submitted, and a second close-out', () => {
    const refused = decide(base, { type: 'accept', note: '' }, verifier, '2019-05-01T00:00:00Z');
    expect(refused).toEqual({
      ok: false,
      code: 'NOT_SUBMITTED',
      reason: '该问题尚未提交销号申请，不能验收销号',
    });
    const closed = run(
      base,
      [{ type: 'submit', note: '' }, '2019-05-01T00:00:00Z'],
      [{ type: 'accept', note: '' }, '2019-05-02T00:00:00Z'],
    );
    expect(decide(closed, { type: 'accept', note: '' }, verifier, '2019-05-03T00:00:00Z')).toMatchObject({
      ok: false,
      code: 'NOT_SUBMITTED',
    });
  });

  it('sends a rejected close-out back to rectification with the reason on the timeline', () => {
    const submitted = run(base, [{ type: 'submit', note: '' }, '2019-05-01T00:00:00Z']);
    const decision = decide(
      submitted,
      { type: 'reject', reason: '佐证材料不全' },
      verifier,
      '2019-05-02T00:00:00Z',
    );
    expect(decision.ok && decision.state.status).toBe('rectifying');
    expect(decision.ok && decision.state.rejectionCount).toBe(1);
    expect(decision.ok && decision.event).toMatchObject({
      type: 'reject',
      reason: '佐证材料不全',
      summary: '验收未通过，退回整改',
    });
  });

  it('moves the working deadline on an approved extension, re-arms escalations, and keeps the original for statistics', () => {
    const escalated = fireEscalation(base, DEFAULT_LADDER[0], '2019-05-12T16:00:00Z').state;
    const extended = run(
      escalated,
      [
        {
          type: 'request-extension',
          newBasic: '2019-06-15T16:00:00Z',
          newFull: '2019-06-30T16:00:00Z',
          reason: '需等待上级资金',
        },
        '2019-05-20T00:00:00Z',
      ],
      [{ type: 'decide-extension', approve: true, reason: '同意' }, '2019-05-21T00:00:00Z'],
      [{ type: 'submit', note: '' }, '2019-06-20T00:00:00Z'],
      [{ type: 'accept', note: '' }, '2019-06-21T00:00:00Z'],
    );
    expect(extended.deadlines.full).toBe('2019-06-30T16:00:00Z');
    expect(extended.originalDeadlines.full).toBe('2019-05-31T16:00:00.000Z');
    expect(extended.firedLevels).toEqual([]);
    expect(closedOnTime(extended)).toEqual({ working: true, original: false });
  });

  it('refuses an extension asked for after the deadline, a second pending one, and one that is not later', () => {
    const late = decide(
      base,
      { type: 'request-extension', newBasic: null, newFull: '2019-07-31T16:00:00Z', reason: 'x' },
      person,
      '2019-06-01T00:00:00Z',
    );
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
    const earlier = decide(
      base,
      { type: 'request-extension', newBasic: null, newFull: '2019-05-20T16:00:00Z', reason: 'x' },
      person,
      '2019-05-01T00:00:00Z',
    );
    expect(earlier).toMatchObject({ ok: false, code: 'NOT_LATER' });
    const pending = run(base, [
      { type: 'request-extension', newBasic: null, newFull: '2019-06-30T16:00:00Z', reason: 'x' },
      '2019-05-01T00:00:00Z',
    ]);
    expect(
      decide(
        pending,
        { type: 'request-extension', newBasic: null, newFull: '2019-07-30T16:00:00Z', reason: 'y' },
        person,
        '2019-05-02T00:00:00Z',
      ),
    ).toMatchObject({ ok: false, code: 'EXTENSION_PENDING' });
  });

  it('does not count paused time as overdue', () => {
    const paused = run(base, [{ type: 'pause', reason: '等待国土部门' }, '2019-05-25T16:00:00Z']);
    expect(isOverdue(paused, '2019-06-05T00:00:00Z')).toBe(false);
    const resumed = run(paused, [{ type: 'resume', reason: '已协调' }, '2019-06-04T16:00:00Z']);
    expect(resumed.pausedMs).toBe(10 * 86_400_000);
    expect(isOverdue(resumed, '2019-06-09T00:00:00Z')).toBe(false);
    expect(isOverdue(resumed, '2019-06-11T00:00:00Z')).toBe(true);
  });

  it('reopens a closed item on re-check, counting it', () => {
    const closed = run(
      base,
      [{ type: 'submit', note: '' }, '2019-05-01T00:00:00Z'],
      [{ type: 'accept', note: '' }, '2019-05-02T00:00:00Z'],
    );
    const reopened = run(closed, [
      { type: 'reopen', reason: '回头看发现反弹', newBasic: null, newFull: '2019-08-31T16:00:00Z' },
      '2019-07-01T00:00:00Z',
    ]);
    expect(reopened).toMatchObject({
      status: 'rectifying',
      reopenCount: 1,
      closedAt: null,
      deadlines: { full: '2019-08-31T16:00:00Z' },
    });
    expect(
      decide(
        base,
        { type: 'reopen', reason: 'x', newBasic: null, newFull: null },
        person,
        '2019-05-01T00:00:00Z',
      ),
    ).toMatchObject({ ok: false, code: 'NOT_CLOSED' });
  });

  it('waits for a leader’s decision on a summons, once', () => {
    const summoned = fireEscalation(base, DEFAULT_LADDER[4], '2019-06-14T16:00:00Z').state;
    expect(summoned.awaitingLeader).toEqual([5]);
    const decided = decide(
      summoned,
      { type: 'leader-decision', level: 5, decision: '约谈乡镇主要负责人' },
      person,
      '2019-06-15T00:00:00Z',
    );
    expect(decided.ok && decided.state.awaitingLeader).toEqual([]);
    expect(
      decided.ok &&
        decide(
          decided.state,
          { type: 'leader-decision', level: 5, decision: 'again' },
          person,
          '2019-06-16T00:00:00Z',
        ),
    ).toMatchObject({ ok: false, code: 'NOTHING_TO_DECIDE' });
  });

  it('never changes the state it was given', () => {
    const frozen = structuredClone(base);
    decide(base, { type: 'submit', note: '' }, person, '2019-05-01T00:00:00Z');
    expect(base).toEqual(frozen);
  });

  it('escalates only what is still outstanding', () => {
    expect(nextEscalation(DEFAULT_LADDER, base)?.step.kind).toBe('reminder');
    const basicDone = run(base, [{ type: 'mark-basic-done', note: '' }, '2019-05-01T00:00:00Z']);
    expect(nextEscalation(DEFAULT_LADDER, basicDone)?.step.kind).toBe('red-warning');
    const submitted = run(base, [{ type: 'submit', note: '' }, '2019-05-01T00:00:00Z']);
    expect(nextEscalation(DEFAULT_LADDER, submitted)).toBeUndefined();
    const paused = run(base, [{ type: 'pause', reason: 'x' }, '2019-05-01T00:00:00Z']);
    expect(nextEscalation(DEFAULT_LADDER, paused)).toBeUndefined();
  });
});

describe('text Postgres cannot store', () => {
  it('refuses a step whose note holds a NUL or a lone surrogate, naming the field', () => {
    expect(
      decide(base, { type: 'mark-basic-done', note: 'x\u0000' }, person, '2019-05-10T00:00:00Z'),
    ).toEqual({
      ok: false,
      code: 'UNSTORABLE_TEXT',
      reason: '字段 note 含有无法保存的字符（NUL 字符或不成对的 UTF-16 代理项）',
    });
    expect(decide(base, { type: 'submit', note: '\ud800' }, person, '2019-05-10T00:00:00Z')).toMatchObject({
      ok: false,
      code: 'UNSTORABLE_TEXT',
    });
  });
});
