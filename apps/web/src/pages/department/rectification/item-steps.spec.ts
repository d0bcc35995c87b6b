import { describe, expect, it } from '@jest/globals';
import type { ItemDetail } from './item-steps';
import { stepRefusals } from './item-steps';

/** An item as GET /api/rectifications/:id sends it, with deadlines in 2099 unless a test moves them. */
function item(overrides: Partial<Record<keyof ItemDetail, unknown>> = {}): ItemDetail {
  return {
    id: 'i1',
    ledgerId: 'l1',
    number: 1,
    problem: '资金拨付滞后',
    category: '资金',
    responsibleUnit: 'tA',
    responsiblePersonId: 'p1',
    verifierId: 'v1',
    status: 'rectifying',
    statusLabel: '整改中',
    basicDeadline: '2099-06-15T16:00:00.000Z',
    basicDeadlineDate: '2099-06-15',
    fullDeadline: '2099-06-30T16:00:00.000Z',
    fullDeadlineDate: '2099-06-30',
    originalFullDeadline: '2099-06-30T16:00:00.000Z',
    originalFullDeadlineDate: '2099-06-30',
    originalBasicDeadline: '2099-06-15T16:00:00.000Z',
    originalBasicDeadlineDate: '2099-06-15',
    overdue: false,
    paused: false,
    pausedDays: 0,
    escalationLevel: 0,
    awaitingLeader: [],
    pendingExtension: null,
    reopenCount: 0,
    closedAt: null,
    basicDoneAt: null,
    version: 3,
    source: '巡视反馈',
    analysis: '',
    measures: [],
    timeline: [],
    evidence: [],
    comments: [],
    notices: [],
    ...overrides,
  } as unknown as ItemDetail;
}

const NOW = '2099-01-10T02:00:00.000Z';
const allowed = (refusals: Record<string, string | null>) =>
  Object.entries(refusals)
    .filter(([, reason]) => reason === null)
    .map(([step]) => step)
    .sort();

describe('stepRefusals: the steps the item page offers, by libs/domain decide', () => {
  it('offers the unit’s steps while rectifying, and no close-out before it is submitted', () => {
    const refusals = stepRefusals(item(), NOW);
    expect(allowed(refusals)).toEqual(['mark-basic-done', 'record-progress', 'request-extension', 'submit']);
    expect(refusals.accept).toBe('该问题尚未提交销号申请，不能验收销号');
  });

  it('offers accept and reject once submitted; submitting again is refused', () => {
    const refusals = stepRefusals(item({ status: 'submitted' }), NOW);
    expect(refusals.accept).toBeNull();
    expect(refusals.reject).toBeNull();
    expect(refusals.submit).toBe('当前状态为「待验收销号」，不能提交销号申请');
    expect(refusals['mark-basic-done']).not.toBeNull();
  });

  it('refuses an extension once the full deadline has passed, and while one is pending', () => {
    expect(stepRefusals(item(), '2099-07-01T00:00:00.000Z')['request-extension']).toBe(
      '整改期限已过，不能再申请延期',
    );
    const pending = {
      newBasic: null,
      newFull: '2099-12-31T16:00:00.000Z',
      reason: '汛期',
      requestedBy: 'p1',
      requestedAt: NOW,
    };
    expect(stepRefusals(item({ pendingExtension: pending }), NOW)['request-extension']).toBe(
      '已有延期申请待审批',
    );
  });

  it('counts paused days into the deadline: an extension is still possible after the written day', () => {
    const refusals = stepRefusals(item({ pausedDays: 10 }), '2099-07-05T00:00:00.000Z');
    expect(refusals['request-extension']).toBeNull();
  });

  it('offers nothing on a closed item', () => {
    expect(allowed(stepRefusals(item({ status: 'closed', closedAt: NOW }), NOW))).toEqual([]);
  });
});
