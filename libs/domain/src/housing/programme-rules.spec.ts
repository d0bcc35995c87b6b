import { DEFAULT_LADDER, ladderProblems } from '../escalation/ladder';
import { nextHouseholdEscalation } from './household-escalation';
import { newHouseholdState } from './household-process';
import {
  acceptanceParties,
  approvingUnit,
  belowRegisteredPoorRule,
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
  DEFAULT_PAYMENT_DUE_AFTER,
  DEFAULT_STALL_AFTER,
  DEFAULT_TIMER_JITTER,
  householdParties,
  programmeRuleProblems,
  ProgrammeRules,
  REGISTERED_POOR_MINIMUM,
  registeredPoorShare,
} from './programme-rules';

const valid: ProgrammeRules = {
  stageDeadlines: {
    appraisal: '2024-03-31T16:00:00.000Z',
    approval: '2024-04-30T16:00:00.000Z',
    'construction-start': '2024-05-31T16:00:00.000Z',
    construction: '2024-09-30T16:00:00.000Z',
    acceptance: '2024-10-31T16:00:00.000Z',
    payment: '2024-11-30T16:00:00.000Z',
    'move-in': '2024-12-31T16:00:00.000Z',
  },
  noticePeriods: DEFAULT_NOTICE_PERIODS,
  stallAfter: DEFAULT_STALL_AFTER,
  paymentDueAfter: DEFAULT_PAYMENT_DUE_AFTER,
  timerJitter: DEFAULT_TIMER_JITTER,
  ladder: DEFAULT_HOUSEHOLD_LADDER,
  housingBureau: 'unit:bureau',
};

const paths = (rules: ProgrammeRules) => programmeRuleProblems(rules).map((p) => p.path);

describe('programme rules', () => {
  describe('programmeRuleProblems', () => {
    it('finds nothing wrong with valid rules, the defaults, or no deadlines at all', () => {
      expect(programmeRuleProblems(valid)).toEqual([]);
      expect(programmeRuleProblems({ ...valid, stageDeadlines: {} })).toEqual([]);
      expect(
        programmeRuleProblems({
          ...valid,
          noticePeriods: { village: null, township: 'PT12H', county: 'P2W' },
          stallAfter: 'P1M',
          paymentDueAfter: 'P3DT4H',
          timerJitter: 'PT0S',
        }),
      ).toEqual([]);
    });

    it('refuses a stage deadline before the one of an earlier stage', () => {
      expect(
        programmeRuleProblems({
          ...valid,
          stageDeadlines: { appraisal: '2024-04-30T16:00:00.000Z', approval: '2024-03-31T16:00:00.000Z' },
        }),
      ).toEqual([{ path: 'stageDeadlines.approval', problem: '不得早于“危房鉴定”阶段的截止时间' }]);
    });

    it('compares with the nearest earlier stage that has a deadline, whatever the key order', () => {
      expect(
        programmeRuleProblems({
          ...valid,
          stageDeadlines: {
            payment: '2024-06-30T16:00:00.000Z',
            appraisal: '2024-03-31T16:00:00.000Z',
            construction: '2024-09-30T16:00:00.000Z',
          },
        }),
      ).toEqual([{ path: 'stageDeadlines.payment', problem: '不得早于“施工中”阶段的截止时间' }]);
    });

    it('allows two stages to share a deadline', () => {
      expect(
        programmeRuleProblems({
          ...valid,
          stageDeadlines: {
            construction: '2024-09-30T16:00:00.000Z',
            acceptance: '2024-09-30T16:00:00.000Z',
          },
        }),
      ).toEqual([]);
    });

    it('refuses a deadline that is not an instant', () => {
      expect(
        paths({
          ...valid,
          stageDeadlines: { appraisal: 'end of March', approval: '2024-04-30T16:00:00.000Z' },
        }),
      ).toEqual(['stageDeadlines.appraisal']);
    });

    it('refuses deadlines for keys that are not working stages', () => {
      const problems = programmeRuleProblems({
        ...valid,
        stageDeadlines: {
          appraisal: '2024-03-31T16:00:00.000Z',
          inspection: '2024-04-30T16:00:00.000Z',
          'moved-in': '2024-12-31T16:00:00.000Z',
        } as ProgrammeRules['stageDeadlines'],
      });
      expect(problems).toEqual([
        {
          path: 'stageDeadlines.inspection',
          problem:
            '不是有效阶段（可选：appraisal 危房鉴定、approval 审核审批、construction-start 待开工、construction 施工中、acceptance 竣工验收、payment 资金兑付、move-in 待入住）',
        },
        expect.objectContaining({ path: 'stageDeadlines.moved-in' }),
      ]);
    });

    it.each(['7 days', 'P', '-P7D', 'P7', '', 'PT'])('refuses the notice period %p', (period) => {
      expect(
        programmeRuleProblems({ ...valid, noticePeriods: { ...DEFAULT_NOTICE_PERIODS, county: period } }),
      ).toEqual([
        { path: 'noticePeriods.county', problem: '须为 ISO 8601 时长，例如 P7D；不设公示期时为 null' },
      ]);
    });

    it('refuses a missing notice period (only null means no notice)', () => {
      const noticePeriods = { village: 'P7D', county: 'P5D' } as ProgrammeRules['noticePeriods'];
      expect(paths({ ...valid, noticePeriods })).toEqual(['noticePeriods.township']);
    });

    it.each([
      ['stallAfter', 'thirty days'],
      ['stallAfter', '-P30D'],
      ['paymentDueAfter', 'P1X'],
      ['paymentDueAfter', '-P1M'],
      ['timerJitter', '1h'],
      ['timerJitter', '-PT1H'],
    ] as const)('refuses %s %p', (field, value) => {
      expect(programmeRuleProblems({ ...valid, [field]: value })).toEqual([
        { path: field, problem: '须为 ISO 8601 时长，例如 P30D' },
      ]);
    });

    it('refuses a jitter window without a fixed length, which no timer could use', () => {
      for (const timerJitter of ['P1M', 'P1Y', 'P1MT1H']) {
        expect(paths({ ...valid, timerJitter })).toEqual(['timerJitter']);
      }
      expect(() =>
        nextHouseholdEscalation(
          newHouseholdState('C', '2024-03-01T00:00:00.000Z'),
          { ...valid, timerJitter: 'P1M' },
          'k',
        ),
      ).toThrow(RangeError);
    });

    it('reports every problem at once', () => {
      expect(
        paths({
          ...valid,
          stageDeadlines: { approval: '2024-04-30T16:00:00.000Z', appraisal: '2024-05-31T16:00:00.000Z' },
          noticePeriods: { village: 'x', township: null, county: 'y' },
          stallAfter: 'x',
          paymentDueAfter: 'x',
          timerJitter: 'x',
          ladder: [],
        }),
      ).toEqual([
        'stageDeadlines.approval',
        'noticePeriods.village',
        'noticePeriods.county',
        'stallAfter',
        'paymentDueAfter',
        'timerJitter',
        'ladder',
      ]);
    });

    it('reports a bad ladder under the path ladder', () => {
      expect(programmeRuleProblems({ ...valid, ladder: [] })).toEqual([
        { path: 'ladder', problem: '须为非空的步骤列表' },
      ]);
      const ladder = [
        DEFAULT_HOUSEHOLD_LADDER[0],
        { ...DEFAULT_HOUSEHOLD_LADDER[1], offset: 'soon' },
        { ...DEFAULT_HOUSEHOLD_LADDER[2], level: 1 },
      ];
      expect(programmeRuleProblems({ ...valid, ladder })).toEqual([
        { path: 'ladder[1].offset', problem: '须为 ISO 8601 时长，例如 P3D 或 -PT10M' },
        { path: 'ladder[2].level', problem: '级别须逐级递增' },
      ]);
    });
  });

  describe('DEFAULT_HOUSEHOLD_LADDER', () => {
    it('is a valid ladder', () => {
      expect(ladderProblems(DEFAULT_HOUSEHOLD_LADDER)).toEqual([]);
    });

    it('reminds, warns and summons from the full deadline without public criticism or accountability', () => {
      expect(DEFAULT_HOUSEHOLD_LADDER.map((s) => [s.level, s.kind, s.offset])).toEqual([
        [1, 'reminder', '-P3D'],
        [2, 'yellow-warning', 'PT0S'],
        [3, 'red-warning', 'PT0S'],
        [5, 'summons', 'P14D'],
      ]);
      expect(DEFAULT_HOUSEHOLD_LADDER.every((s) => s.anchor === 'full' && !s.leaderMustAct)).toBe(true);
    });

    it('leaves the rectification ladder as it was', () => {
      expect(DEFAULT_LADDER.map((s) => s.anchor)).toEqual(['basic', 'basic', 'full', 'full', 'full', 'full']);
      expect(DEFAULT_LADDER.find((s) => s.kind === 'summons')?.leaderMustAct).toBe(true);
    });
  });

  describe('parties', () => {
    const household = { village: 'unit:village-a', township: 'unit:township-x' };

    it('has the village, the township and the housing bureau approve in turn', () => {
      expect(approvingUnit('village', household, valid)).toBe('unit:village-a');
      expect(approvingUnit('township', household, valid)).toBe('unit:township-x');
      expect(approvingUnit('county', household, valid)).toBe('unit:bureau');
    });

    it('has the housing bureau and the township sign acceptance', () => {
      expect(acceptanceParties(household, valid)).toEqual([
        { label: '县住建局', unit: 'unit:bureau' },
        { label: '乡镇人民政府', unit: 'unit:township-x' },
      ]);
    });

    it('gives one household its approvers, acceptance parties and notice periods', () => {
      const rules = { ...valid, noticePeriods: { village: 'P3D', township: 'P1D', county: null } };
      const parties = householdParties(rules, household);
      expect(parties).toEqual({
        approvers: { village: 'unit:village-a', township: 'unit:township-x', county: 'unit:bureau' },
        acceptance: [
          { label: '县住建局', unit: 'unit:bureau' },
          { label: '乡镇人民政府', unit: 'unit:township-x' },
        ],
        noticePeriods: { village: 'P3D', township: 'P1D', county: null },
      });
      parties.noticePeriods.village = 'P99D';
      expect(rules.noticePeriods.village).toBe('P3D');
    });
  });

  describe('registered poor households', () => {
    it('computes the share of registered poor households, zero for none', () => {
      expect(registeredPoorShare(2, 3)).toBeCloseTo(0.6667, 4);
      expect(registeredPoorShare(0, 0)).toBe(0);
      expect(registeredPoorShare(5, 5)).toBe(1);
    });

    it('is below the rule under 80% of households, and never for a programme without households', () => {
      expect(REGISTERED_POOR_MINIMUM).toBe(0.8);
      expect(belowRegisteredPoorRule(8, 10)).toBe(false);
      expect(belowRegisteredPoorRule(79, 100)).toBe(true);
      expect(belowRegisteredPoorRule(2, 3)).toBe(true);
      expect(belowRegisteredPoorRule(0, 0)).toBe(false);
    });
  });
});
