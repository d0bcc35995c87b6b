import { DEFAULT_LADDER, type EscalationStep } from '../escalation/ladder';
import {
  aggregateBulletinItems,
  assembleBulletin,
  bulletinCadenceProblem,
  bulletinDueAt,
  buildBulletin,
  BulletinItemRow,
  nextBulletinDue,
} from './bulletin';
import { daysOverdue } from '../time/deadline-display';
import { decide, ItemCommand, ItemState, newItemState } from './item-process';

const actor = { id: 'user:x', name: '经办人', unit: 'c1', roles: ['command-center'] };

/** 2019-05-31T16:00Z is 1 June 00:00 CST: "5月底前". */
const FULL = '2019-05-31T16:00:00.000Z';
const BASIC = '2019-05-15T16:00:00.000Z';
const AS_OF = new Date('2019-06-03T02:00:00.000Z'); // 3 June 10:00 CST

function run(state: ItemState, ...steps: Array<[ItemCommand, string]>): ItemState {
  return steps.reduce((current, [command, now]) => {
    const decision = decide(current, command, actor, now);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    return decision.state;
  }, state);
}

const closeAt = (state: ItemState, at: string) =>
  run(state, [{ type: 'submit', note: '' }, at], [{ type: 'accept', note: '' }, at]);

let sequence = 0;
function item(
  unit: string,
  state: (base: ItemState) => ItemState = (s) => s,
  extra: Partial<BulletinItemRow> = {},
  deadlines = { basic: BASIC, full: FULL },
): BulletinItemRow {
  sequence += 1;
  const base = newItemState({
    deadlines,
    responsibleUnit: unit,
    responsiblePersonId: `p-${unit}`,
    verifierId: 'v',
  });
  return {
    id: `item-${sequence}`,
    number: sequence,
    problem: `问题${sequence}`,
    responsibleUnit: unit,
    responsiblePersonId: `p-${unit}`,
    escalationLevel: 0,
    reopenCount: 0,
    repeatOf: null,
    state: state(base),
    ...extra,
  };
}

const ledger = { id: 'L1', name: '省审计反馈问题整改台账', source: '省审计报告' };
const unitNames = { tA: '甲镇', tB: '乙镇', zjj: '住建局' };
const personNames = { 'p-tA': '张三', 'p-tB': '李四', 'p-zjj': '王五' };

describe('buildBulletin', () => {
  it('names the 100 items longest past the basic deadline, and says how many there are', () => {
    const yellow = Array.from({ length: 101 }, (_, i) =>
      item(
        'tB',
        (s) => s,
        {},
        {
          basic: new Date(Date.parse(BASIC) + (i % 9) * 86_400_000).toISOString(),
          full: '2019-06-30T15:59:59.999Z',
        },
      ),
    );
    const bulletin = buildBulletin({ ledger, number: 1, items: yellow, unitNames, personNames, asOf: AS_OF });
    expect(bulletin.totals.pastBasic).toBe(101);
    expect(bulletin.pastBasicItems).toHaveLength(100);
    expect(bulletin.pastBasicList).toEqual({ listed: 100, total: 101 });
    const days = bulletin.pastBasicItems!.map((i) => i.daysPastBasic);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('names the first 100 overdue items, earliest deadline first, and says how many there are', () => {
    const late = Array.from({ length: 101 }, (_, i) =>
      item(
        'tA',
        (s) => s,
        {},
        { basic: BASIC, full: new Date(Date.parse(FULL) - (i % 7) * 86_400_000).toISOString() },
      ),
    );
    const bulletin = assembleBulletin(
      {
        ledger,
        number: 1,
        unitNames,
        personNames,
        asOf: AS_OF,
        overdueListRoute: '/api/rectifications?overdue=true',
      },
      aggregateBulletinItems(late, AS_OF, 4),
    );
    expect(bulletin.totals.overdue).toBe(101);
    expect(bulletin.overdueItems).toHaveLength(100);
    expect(bulletin.overdueList).toEqual({
      listed: 100,
      total: 101,
      route: '/api/rectifications?overdue=true',
    });
    const deadlines = bulletin.overdueItems.map((i) => Date.parse(i.effectiveFullDeadline));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(
      buildBulletin({ ledger, number: 1, items: late.slice(0, 3), unitNames, personNames, asOf: AS_OF })
        .overdueList,
    ).toBeUndefined();
  });

  beforeEach(() => {
    sequence = 0;
  });

  it('counts the totals: closed on time against the working and the original deadline, overdue, paused, reopened, repeats, levels', () => {
    const items = [
      // tA: closed before the deadline
      item('tA', (s) => closeAt(s, '2019-05-20T00:00:00Z')),
      // tA: extended to 10 June, closed 2 June: on time (working) but late against the original
      item('tA', (s) =>
        closeAt(
          run(
            s,
            [
              {
                type: 'request-extension',
                newBasic: null,
                newFull: '2019-06-09T16:00:00.000Z',
                reason: '资金未到',
              },
              '2019-05-20T00:00:00Z',
            ],
            [{ type: 'decide-extension', approve: true, reason: '同意' }, '2019-05-21T00:00:00Z'],
          ),
          '2019-06-02T00:00:00Z',
        ),
      ),
      // tB: overdue, red card then public criticism
      item('tB', (s) => s, { escalationLevel: 4 }),
      // tB: paused before the deadline: not overdue
      item('tB', (s) => run(s, [{ type: 'pause', reason: '等待批复' }, '2019-05-25T00:00:00Z']), {
        escalationLevel: 1,
      }),
      // zjj: closed late, then reopened (回头看), a repeat finding, still within its new deadline
      item(
        'zjj',
        (s) =>
          run(closeAt(s, '2019-06-01T08:00:00Z'), [
            { type: 'reopen', reason: '回头看发现反弹', newBasic: null, newFull: '2019-06-30T16:00:00.000Z' },
            '2019-06-02T00:00:00Z',
          ]),
        { reopenCount: 1, repeatOf: 'older-item', escalationLevel: 3 },
      ),
    ];
    const bulletin = buildBulletin({ ledger, number: 2, items, unitNames, personNames, asOf: AS_OF });
    expect(bulletin.totals).toEqual({
      items: 5,
      closed: 2,
      closedOnTime: 2,
      closedOnTimeOriginal: 1,
      overdue: 1,
      pastBasic: 0,
      paused: 1,
      reopened: 1,
      repeatFindings: 1,
      // the distribution of levels counts open items; the two closed ones are counted apart
      byLevel: { '0': 0, '1': 1, '2': 0, '3': 1, '4': 1, '5': 0, '6': 0 },
      byLevelClosed: { '0': 2, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
      closeRate: 0.4,
    });
    expect(bulletin).toMatchObject({
      schema: 3,
      number: 2,
      title: '省审计反馈问题整改台账整改进展通报（第2期）',
      asOf: '2019-06-03T02:00:00.000Z',
      asOfCst: '2019-06-03 10:00',
      ledger,
      criticismLevel: 4,
    });
    expect(bulletin.summary).toContain('共有整改问题5个');
    expect(bulletin.summary).toContain('销号率40%');
    expect(bulletin.levelLabels['4']).toBe('通报批评');
    expect(bulletin.levelLabels['0']).toBe('未督办');
  });

  it('ranks units by close rate, then fewer overdue items; equal units share a rank (并列), listed by code', () => {
    const closed = (s: ItemState) => closeAt(s, '2019-05-20T00:00:00Z');
    const items = [
      // zjj: 1 of 2 closed, 1 overdue
      item('zjj', closed),
      item('zjj'),
      // tB: 1 of 2 closed, none overdue (the open one has a later deadline)
      item('tB', closed),
      item('tB', (s) => s, {}, { basic: BASIC, full: '2019-06-30T16:00:00.000Z' }),
      // tA: 1 of 2 closed, 1 overdue: ties with zjj (并列第3), listed first by code
      item('tA', closed),
      item('tA'),
      // vA1: everything closed
      item('vA1', closed),
    ];
    const { units } = buildBulletin({ ledger, number: 1, items, unitNames, personNames, asOf: AS_OF });
    expect(units.map((u) => [u.rank, u.tied, u.code, u.closeRate, u.overdue])).toEqual([
      [1, false, 'vA1', 1, 0],
      [2, false, 'tB', 0.5, 0],
      [3, true, 'tA', 0.5, 1],
      [3, true, 'zjj', 0.5, 1],
    ]);
    expect(units[2]).toMatchObject({ name: '甲镇', items: 2, closed: 1, closedOnTime: 1 });
    expect(units[0].name).toBe('vA1'); // no name known: the code stands in
  });

  it('names the items past their basic deadline (黄牌) that are not yet overdue', () => {
    const FULL_LATER = '2019-06-30T16:00:00.000Z';
    const items = [
      // basic deadline 15 May passed, full 1 July ahead, basic not reported: 黄牌, 19 days past on 3 June (16 May is day 1)
      item('tA', (s) => s, { escalationLevel: 2 }, { basic: BASIC, full: FULL_LATER }),
      // basic rectification reported: not named
      item(
        'tB',
        (s) => run(s, [{ type: 'mark-basic-done', note: '' }, '2019-05-10T00:00:00Z']),
        {},
        {
          basic: BASIC,
          full: FULL_LATER,
        },
      ),
      // past both deadlines: overdue, listed there and not here
      item('zjj', (s) => s, { escalationLevel: 3 }),
      // closed: not named
      item('tA', (s) => closeAt(s, '2019-05-20T00:00:00Z'), {}, { basic: BASIC, full: FULL_LATER }),
    ];
    const bulletin = buildBulletin({ ledger, number: 1, items, unitNames, personNames, asOf: AS_OF });
    expect(bulletin.totals).toMatchObject({ overdue: 1, pastBasic: 1 });
    expect(bulletin.pastBasicItems).toEqual([
      {
        number: 1,
        problem: '问题1',
        unit: { code: 'tA', name: '甲镇' },
        responsiblePerson: { id: 'p-tA', name: '张三' },
        basicDeadline: BASIC,
        basicDeadlineDate: '2019-05-15',
        fullDeadline: FULL_LATER,
        fullDeadlineDate: '2019-06-30',
        daysPastBasic: 19,
        escalationLevel: 2,
        escalationLabel: '黄牌预警',
      },
    ]);
    expect(bulletin.overdueItems.map((i) => i.number)).toEqual([3]);
    expect(bulletin.summary).toContain('超过基本整改期限（黄牌）1个');
  });

  it('lists overdue items most overdue first, with whole CST days, and paused time pushing the deadline', () => {
    const items = [
      // deadline 1 June 00:00 CST: 3 days overdue on 3 June
      item('tA', (s) => s, { escalationLevel: 3 }),
      // deadline 25 May 00:00 CST: 10 days overdue on 3 June
      item('tB', (s) => s, { escalationLevel: 5 }, { basic: BASIC, full: '2019-05-24T16:00:00.000Z' }),
      // deadline 1 June, paused 2 days (resumed): effective 3 June 00:00 → 1 day overdue
      item('zjj', (s) =>
        run(
          s,
          [{ type: 'pause', reason: '汛期停工' }, '2019-05-20T00:00:00Z'],
          [{ type: 'resume', reason: '复工' }, '2019-05-22T00:00:00Z'],
        ),
      ),
      // not overdue: deadline later
      item('tA', (s) => s, {}, { basic: BASIC, full: '2019-06-30T16:00:00.000Z' }),
    ];
    const { overdueItems, totals } = buildBulletin({
      ledger,
      number: 1,
      items,
      unitNames,
      personNames,
      asOf: AS_OF,
    });
    expect(totals.overdue).toBe(3);
    expect(overdueItems).toEqual([
      {
        number: 2,
        problem: '问题2',
        unit: { code: 'tB', name: '乙镇' },
        responsiblePerson: { id: 'p-tB', name: '李四' },
        fullDeadline: '2019-05-24T16:00:00.000Z',
        fullDeadlineDate: '2019-05-24',
        effectiveFullDeadline: '2019-05-24T16:00:00.000Z',
        daysOverdue: 10,
        escalationLevel: 5,
        escalationLabel: '约谈',
      },
      expect.objectContaining({ number: 1, daysOverdue: 3, escalationLabel: '红牌预警' }),
      expect.objectContaining({
        number: 3,
        fullDeadline: FULL,
        fullDeadlineDate: '2019-05-31',
        effectiveFullDeadline: '2019-06-02T16:00:00.000Z',
        daysOverdue: 1,
        escalationLevel: 0,
        escalationLabel: '未督办',
      }),
    ]);
  });

  it('lists as criticised only the open items at or above the public-criticism level', () => {
    const items = [
      item('tA', (s) => s, { escalationLevel: 3 }),
      item('tA', (s) => s, { escalationLevel: 4 }),
      item('tB', (s) => s, { escalationLevel: 6 }),
      item('tB', (s) => closeAt(s, '2019-06-02T00:00:00Z'), { escalationLevel: 5 }),
    ];
    const { criticised } = buildBulletin({ ledger, number: 1, items, unitNames, personNames, asOf: AS_OF });
    expect(criticised.map((c) => [c.number, c.escalationLevel, c.escalationLabel, c.statusLabel])).toEqual([
      [3, 6, '问责', '整改中'],
      [2, 4, '通报批评', '整改中'],
    ]);
  });

  it("takes the public-criticism level and the level names from the ledger's own ladder", () => {
    const ladder: EscalationStep[] = [
      { ...DEFAULT_LADDER[2], level: 1, label: '红牌' },
      { ...DEFAULT_LADDER[3], level: 2, label: '全县通报' },
    ];
    const items = [
      item('tA', (s) => s, { escalationLevel: 2 }),
      item('tA', (s) => s, { escalationLevel: 1 }),
    ];
    const bulletin = buildBulletin({ ledger, number: 1, items, unitNames, personNames, asOf: AS_OF, ladder });
    expect(bulletin.criticismLevel).toBe(2);
    expect(bulletin.criticised.map((c) => [c.number, c.escalationLabel])).toEqual([[1, '全县通报']]);
  });

  it('gives an empty ledger zero counts and no ranking', () => {
    const bulletin = buildBulletin({ ledger, number: 1, items: [], unitNames, personNames, asOf: AS_OF });
    expect(bulletin.totals).toMatchObject({ items: 0, closed: 0, closeRate: 0, overdue: 0 });
    expect(bulletin.units).toEqual([]);
    expect(bulletin.overdueItems).toEqual([]);
    expect(bulletin.criticised).toEqual([]);
  });

  it('gives the same payload for the same input, whatever the order of the rows', () => {
    const items = [item('tA'), item('tB', (s) => closeAt(s, '2019-05-20T00:00:00Z')), item('zjj')];
    const a = buildBulletin({ ledger, number: 1, items, unitNames, personNames, asOf: AS_OF });
    const b = buildBulletin({
      ledger,
      number: 1,
      items: [...items].reverse(),
      unitNames,
      personNames,
      asOf: AS_OF,
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('daysOverdue', () => {
  it('counts CST calendar days after the last day of the deadline', () => {
    const deadline = new Date('2019-06-30T16:00:00.000Z'); // before 1 July 00:00 CST
    expect(daysOverdue(deadline, new Date('2019-06-30T16:00:01.000Z'))).toBe(1); // 1 July 00:00:01 CST
    expect(daysOverdue(deadline, new Date('2019-07-01T15:59:00.000Z'))).toBe(1); // 1 July 23:59 CST
    expect(daysOverdue(deadline, new Date('2019-07-01T16:00:00.000Z'))).toBe(2); // 2 July 00:00 CST
  });

  it('counts an item overdue on the day of a mid-day deadline as 1 day overdue', () => {
    const deadline = new Date('2019-06-30T04:00:00.000Z'); // 30 June 12:00 CST
    expect(daysOverdue(deadline, new Date('2019-06-30T05:00:00.000Z'))).toBe(1);
    expect(daysOverdue(deadline, new Date('2019-07-01T05:00:00.000Z'))).toBe(1);
    expect(daysOverdue(deadline, new Date('2019-07-02T05:00:00.000Z'))).toBe(2);
  });
});

describe('the bulletin schedule', () => {
  const firstAt = new Date('2026-01-05T01:00:00.000Z'); // Monday 09:00 CST

  it('starts at firstAt and then steps firstAt + k·every past the last one published', () => {
    expect(nextBulletinDue(firstAt, 'P1W').toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(nextBulletinDue(firstAt, 'P1W', new Date('2025-12-01T00:00:00Z')).toISOString()).toBe(
      '2026-01-05T01:00:00.000Z',
    );
    expect(nextBulletinDue(firstAt, 'P1W', firstAt).toISOString()).toBe('2026-01-12T01:00:00.000Z');
    expect(nextBulletinDue(firstAt, 'P1W', new Date('2026-01-12T01:00:00.001Z')).toISOString()).toBe(
      '2026-01-19T01:00:00.000Z',
    );
    expect(nextBulletinDue(firstAt, 'PT10M', new Date('2026-01-05T01:25:00.000Z')).toISOString()).toBe(
      '2026-01-05T01:30:00.000Z',
    );
  });

  it('keeps the day of month for a monthly cadence (31 Jan, 28 Feb, 31 Mar)', () => {
    const endOfJanuary = new Date('2026-01-31T01:00:00.000Z');
    expect(bulletinDueAt(endOfJanuary, 'P1M', 1).toISOString()).toBe('2026-02-28T01:00:00.000Z');
    expect(bulletinDueAt(endOfJanuary, 'P1M', 2).toISOString()).toBe('2026-03-31T01:00:00.000Z');
    expect(nextBulletinDue(endOfJanuary, 'P1M', new Date('2026-02-28T01:00:00.000Z')).toISOString()).toBe(
      '2026-03-31T01:00:00.000Z',
    );
  });

  it('finds the next due time of a long-running minute schedule without walking every step', () => {
    const yearLater = new Date('2027-01-05T01:03:00.000Z');
    expect(nextBulletinDue(firstAt, 'PT10M', yearLater).toISOString()).toBe('2027-01-05T01:10:00.000Z');
  });

  it('refuses a cadence that is not a positive duration', () => {
    expect(bulletinCadenceProblem('P1W')).toBeNull();
    expect(bulletinCadenceProblem('weekly')).toMatch(/不是有效的 ISO 8601 时长/);
    expect(bulletinCadenceProblem('PT0S')).toBe('PT0S 须为大于零的时长');
    expect(bulletinCadenceProblem('-P1D')).toBe('-P1D 须为大于零的时长');
    expect(() => nextBulletinDue(firstAt, 'PT0S', firstAt)).toThrow(RangeError);
  });
});
