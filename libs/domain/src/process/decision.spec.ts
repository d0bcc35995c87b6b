import { beginDecision, refuse } from './decision';
import type { Actor } from './actor';

const actor: Actor = { id: 'u1', name: '张三', unit: 'unit-a', roles: ['department'] };
const now = '2026-03-02T02:00:00.000Z';
const state = { version: 4, note: 'before', nested: { list: [1, 2] } };

describe('beginDecision (the start every process decide shares)', () => {
  it('refuses a command carrying text Postgres cannot store, naming the field', () => {
    const command = { type: 'record', note: 'a\u0000b' };
    const draft = beginDecision(state, command, actor, now);
    expect(draft).toEqual({ ok: false, code: 'UNSTORABLE_TEXT', reason: expect.stringContaining('note') });
  });

  it('drafts a deep copy with the version one higher, leaving the state as it was', () => {
    const draft = beginDecision(state, { type: 'record' }, actor, now);
    if (!draft.ok) throw new Error('refused');
    draft.next.note = 'after';
    draft.next.nested.list.push(3);
    expect(draft.next.version).toBe(5);
    expect(state).toEqual({ version: 4, note: 'before', nested: { list: [1, 2] } });
  });

  it('a taken step carries the next state and its timeline entry (type, time, actor of the command)', () => {
    const draft = beginDecision(state, { type: 'record' }, actor, now);
    if (!draft.ok) throw new Error('refused');
    draft.next.note = 'after';
    expect(draft.taken('记录', '原因', { n: 1 })).toEqual({
      ok: true,
      state: { version: 5, note: 'after', nested: { list: [1, 2] } },
      event: { type: 'record', at: now, actor, summary: '记录', reason: '原因', data: { n: 1 } },
    });
    expect(draft.taken('记录').event).toMatchObject({ reason: null, data: {} });
  });

  it('eventData shapes the entry from the step data and the next state as it is when the step ends', () => {
    const draft = beginDecision(state, { type: 'record' }, actor, now, (data, next) => ({
      note: next.note,
      ...data,
    }));
    if (!draft.ok) throw new Error('refused');
    draft.next.note = 'after';
    expect(draft.taken('记录', null, { n: 1 }).event.data).toEqual({ note: 'after', n: 1 });
  });

  it('refuse gives the refusal shape every process answers with', () => {
    expect(refuse('ITEM_CLOSED', '已销号')).toEqual({ ok: false, code: 'ITEM_CLOSED', reason: '已销号' });
  });
});
