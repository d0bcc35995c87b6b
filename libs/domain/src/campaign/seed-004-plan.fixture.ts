import type { CampaignPlanDocument, PlanContext, WorkingCalendar } from './campaign-plan';
import { seededCalendar } from './calendar-seed';

/**
 * Test data shared by the campaign plan specs: a plan shaped like seed 004 (the 2018 百日攻坚行动,
 * ten key tasks, "从现在起至2018年9月底") and the seeded 2018 and 2026 holiday calendars.
 */
export const LEDGER_ID = '5b0d1f1e-7f52-4c3a-9d57-2f0c8d6a1001';
export const PROGRAMME_ID = '5b0d1f1e-7f52-4c3a-9d57-2f0c8d6a2002';
export const SEED_UNITS = ['fpb', 'zjj', 'wjj', 'jyj', 'rsj', 'jrb', 'mzj', 'swj', 'jtj'];

/** The seeded calendar for the given years (2018 and 2026 by default). */
export function seedCalendar(years: number[] = [2018, 2026]): WorkingCalendar {
  return seededCalendar(years);
}

export function seedContext(calendar: WorkingCalendar = seedCalendar()): PlanContext {
  return {
    unitCodes: new Set(SEED_UNITS),
    ledgerIds: new Set([LEDGER_ID]),
    programmeIds: new Set([PROGRAMME_ID]),
    calendar,
  };
}

/** A fresh seed-004-like plan (a new object each call, so a test may change it). */
export function seed004Plan(): CampaignPlanDocument {
  return {
    name: '全市精准脱贫“百日攻坚行动”',
    window: { start: '2018-06-22', end: '2018-09-30' },
    goals: [
      { key: 'G1', name: '贫困人口精准识别率', target: 100, unit: '%', tasks: ['T1.1'] },
      { key: 'G2', name: '贫困户产业覆盖率', target: 100, unit: '%', tasks: ['T2'] },
      { key: 'G3', name: '危房改造完成户数', target: 747, unit: '户', tasks: ['T4'], aggregate: 'sum' },
    ],
    tasks: [
      {
        key: 'T1',
        name: '脱贫质量“回头看”行动',
        lead: 'fpb',
        deadline: '2018-09-30',
        subtasks: [
          { key: 'T1.1', name: '开展贫困人口精准识别' },
          { key: 'T1.2', name: '规范扶贫档案管理', deadline: { workingDaysBeforeEnd: 5 } },
          { key: 'T1.3', name: '完成贫困人口信息“五上墙”', deadline: { beforeEnd: 'P1M' } },
        ],
      },
      { key: 'T2', name: '产业扶贫到户行动', lead: 'fpb', cooperating: ['jrb'], deadline: '2018-09-30' },
      { key: 'T3', name: '金融扶贫提速行动', lead: 'jrb', cooperating: ['fpb'], deadline: '2018-06-30' },
      {
        key: 'T4',
        name: '危房改造安居行动',
        lead: 'zjj',
        cooperating: ['fpb'],
        deadline: '2018-09-30',
        target: { quantity: 747, unit: '户' },
        measure: { programme: PROGRAMME_ID },
      },
      {
        key: 'T5',
        name: '健康扶贫“零负担”行动',
        lead: 'wjj',
        cooperating: ['mzj'],
        deadline: '2018-09-30',
        subtasks: [
          {
            key: 'T5.1',
            name: '确保贫困人口全部参合',
            deadline: '2018-06-30',
            target: { quantity: 1020, unit: '人' },
          },
          { key: 'T5.2', name: '深入实施健康扶贫工程' },
          { key: 'T5.3', name: '贫困村卫生室全面达到销号标准' },
        ],
      },
      {
        key: 'T6',
        name: '教育扶贫“控辍保学”行动',
        lead: 'jyj',
        deadline: '2018-09-30',
        subtasks: [
          { key: 'T6.1', name: '摸清辍学底数', deadline: { workingDaysAfterStart: 10 } },
          { key: 'T6.2', name: '加强职业教育', cooperating: ['rsj'] },
        ],
      },
      {
        key: 'T7',
        name: '培训扶贫“保就业”行动',
        lead: 'rsj',
        cooperating: ['jyj'],
        deadline: '2018-09-30',
        target: { quantity: 200, unit: '人' },
        pace: [
          { time: 0.5, share: 0.3 },
          { time: 1, share: 1 },
        ],
      },
      { key: 'T8', name: '低保兜底保障行动', lead: 'mzj', deadline: '2018-09-30' },
      {
        key: 'T9',
        name: '基础设施建设行动',
        lead: 'fpb',
        deadline: '2018-09-30',
        subtasks: [
          {
            key: 'T9.1',
            name: '做好水利扶贫',
            lead: 'swj',
            cooperating: ['fpb'],
            target: { quantity: 98, unit: '%' },
          },
          { key: 'T9.2', name: '做好交通扶贫', lead: 'jtj', cooperating: ['fpb'] },
          { key: 'T9.3', name: '做好文化扶贫' },
        ],
      },
      {
        key: 'T10',
        name: '社会扶贫助力行动',
        lead: 'fpb',
        deadline: '2018-09-30',
        measure: { ledger: LEDGER_ID },
        dependsOn: ['T1.1'],
      },
    ],
    cadence: { dispatchMeeting: { weekday: 5, time: '16:00' }, monthlyReportDay: 25 },
  };
}
