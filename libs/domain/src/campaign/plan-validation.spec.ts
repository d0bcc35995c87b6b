import { DEFAULT_CAMPAIGN_LADDER } from './campaign-ladder';
import type { CampaignPlanDocument } from './campaign-plan';
import { planProblems } from './plan-validation';
import { LEDGER_ID, PROGRAMME_ID, seed004Plan, seedContext } from './seed-004-plan.fixture';

const context = seedContext();

/** The problems of the seed-004 plan after `change`; Object.assign lets a test write what the types forbid. */
const problemsAfter = (change: (plan: CampaignPlanDocument) => void) => {
  const plan = seed004Plan();
  change(plan);
  return planProblems(plan, context);
};
const paths = (change: (plan: CampaignPlanDocument) => void) => problemsAfter(change).map((p) => p.path);

// Task indexes in the seed plan: T1 0, T2 1, T3 2, T4 3, T5 4, T6 5, T7 6, T8 7, T9 8, T10 9.
describe('planProblems', () => {
  it('finds nothing wrong with the seed-004 plan', () => {
    expect(planProblems(seed004Plan(), context)).toEqual([]);
  });

  it('refuses what is not a plan at all', () => {
    for (const document of [null, undefined, [], 'plan', 42]) {
      expect(planProblems(document, context)).toEqual([
        { path: '', problem: '方案必须是一个对象（JSON 对象或 YAML 映射）' },
      ]);
    }
  });

  it('lists every problem at once, each at its path', () => {
    const document = {
      window: { start: '2018-06-22', end: '9月底' },
      tasks: [
        { key: 'T1', name: '回头看', lead: 'xyz', deadline: '2018-06-30' },
        { key: 'T1', name: '产业扶贫', lead: 'fpb', cooperating: ['fpb'], deadline: '6月底' },
        {
          key: 'T3',
          name: '金融扶贫',
          deadline: '2018-06-30',
          subtasks: [{ name: '项目储备', lead: 'abc' }],
        },
      ],
      goals: [{ key: 'G1', name: '识别率', target: 100, unit: '%', tasks: ['T9'] }],
      paceMargin: 120,
    };
    expect(planProblems(document, context)).toEqual([
      { path: 'name', problem: '缺少行动名称' },
      { path: 'window.end', problem: '结束时间 "9月底" 不是日期（YYYY-MM-DD）或时间' },
      { path: 'tasks[0].lead', problem: '未知的单位编码 "xyz"' },
      { path: 'tasks[1].key', problem: '任务编号 "T1" 重复' },
      { path: 'tasks[1].cooperating[0]', problem: '配合单位不能与牵头单位相同' },
      { path: 'tasks[1].deadline', problem: '截止时间 "6月底" 不是日期（YYYY-MM-DD）、时间或相对期限' },
      { path: 'tasks[2].lead', problem: '缺少牵头单位' },
      { path: 'tasks[2].subtasks[0].key', problem: '缺少任务编号' },
      { path: 'tasks[2].subtasks[0].lead', problem: '未知的单位编码 "abc"' },
      { path: 'goals[0].tasks[0]', problem: '目标所含任务 "T9" 不存在' },
      { path: 'paceMargin', problem: '序时进度容差必须是 0 到 100 之间的数字' },
    ]);
  });

  it('names a field the plan format does not have, wherever it stands (a misspelling is not ignored)', () => {
    const problems = problemsAfter((plan) => {
      Object.assign(plan, { nmae: '错字' });
      Object.assign(plan.window, { ends: '2018-09-30' });
      Object.assign(plan.tasks[1], { cooperate: ['zjj'] });
      Object.assign(plan.tasks[4].subtasks![0], { dealine: '2018-06-30' });
    });
    expect(problems.map((p) => p.path)).toEqual([
      'nmae',
      'window.ends',
      'tasks[1].cooperate',
      'tasks[4].subtasks[0].dealine',
    ]);
    expect(problems[2].problem).toMatch(/^未知的字段 "cooperate"（可用：key、name、lead、cooperating/);
  });

  describe('window', () => {
    it('needs a start and an end, each a date or an instant', () => {
      expect(paths((p) => Object.assign(p, { window: undefined }))).toEqual(['window']);
      expect(paths((p) => Object.assign(p, { window: { start: 'June', end: 20180930 } }))).toEqual([
        'window.start',
        'window.end',
      ]);
      expect(paths((p) => Object.assign(p, { window: { end: '2018-09-30' } }))).toEqual(['window.start']);
      expect(
        paths((p) => Object.assign(p, { window: { start: '2018-06-22T08:30:00+08:00', end: '2018-09-30' } })),
      ).toEqual([]);
    });

    it('refuses an end before the start', () => {
      expect(
        problemsAfter((p) => Object.assign(p, { window: { start: '2018-09-30', end: '2018-06-22' } })),
      ).toEqual([
        { path: 'window.end', problem: '行动结束时间必须晚于开始时间（2018-09-30 开始，2018-06-22 结束）' },
      ]);
    });
  });

  describe('tasks', () => {
    it('needs at least one task', () => {
      expect(problemsAfter((p) => Object.assign(p, { tasks: [], goals: undefined }))).toEqual([
        { path: 'tasks', problem: '至少需要一项任务' },
      ]);
      expect(paths((p) => Object.assign(p, { tasks: undefined, goals: undefined }))).toEqual(['tasks']);
      expect(paths((p) => Object.assign(p, { tasks: ['T1'], goals: undefined }))).toEqual(['tasks[0]']);
    });

    it('needs a unique key on every task and sub-task', () => {
      // The goal naming T2 no longer finds it either.
      expect(paths((p) => Object.assign(p.tasks[1], { key: undefined }))).toEqual([
        'tasks[1].key',
        'goals[1].tasks[0]',
      ]);
      expect(problemsAfter((p) => Object.assign(p.tasks[4].subtasks![1], { key: 'T1.1' }))).toEqual([
        { path: 'tasks[4].subtasks[1].key', problem: '任务编号 "T1.1" 重复' },
      ]);
      expect(paths((p) => Object.assign(p.tasks[2], { key: 'T2' }))).toEqual(['tasks[2].key']);
      expect(paths((p) => Object.assign(p.tasks[2], { name: ' ' }))).toEqual(['tasks[2].name']);
    });

    it('needs a lead unit and a deadline on a task, which its sub-tasks inherit', () => {
      expect(
        problemsAfter((p) => {
          delete p.tasks[1].lead;
          delete p.tasks[1].deadline;
        }),
      ).toEqual([
        { path: 'tasks[1].lead', problem: '缺少牵头单位' },
        { path: 'tasks[1].deadline', problem: '缺少截止时间' },
      ]);
      // Sub-tasks without either are fine: T1.1, T5.2, T9.3 in the seed plan.
      expect(seed004Plan().tasks[0].subtasks![0]).not.toHaveProperty('lead');
    });

    it('refuses sub-tasks of a sub-task', () => {
      expect(
        paths((p) => Object.assign(p.tasks[0].subtasks![0], { subtasks: [{ key: 'T1.1.1', name: '再分' }] })),
      ).toEqual(['tasks[0].subtasks[0].subtasks']);
    });
  });

  describe('units', () => {
    it('names an unknown unit code wherever it is', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[3].lead = 'xyz';
          p.tasks[4].subtasks![1].cooperating = ['abc'];
        }),
      ).toEqual([
        { path: 'tasks[3].lead', problem: '未知的单位编码 "xyz"' },
        { path: 'tasks[4].subtasks[1].cooperating[0]', problem: '未知的单位编码 "abc"' },
      ]);
    });

    it('refuses a cooperating unit equal to the lead, including the lead a sub-task inherits', () => {
      expect(problemsAfter((p) => (p.tasks[1].cooperating = ['jrb', 'fpb']))).toEqual([
        { path: 'tasks[1].cooperating[1]', problem: '配合单位不能与牵头单位相同' },
      ]);
      // T6.2 inherits lead jyj from T6.
      expect(problemsAfter((p) => (p.tasks[5].subtasks![1].cooperating = ['rsj', 'jyj']))).toEqual([
        { path: 'tasks[5].subtasks[1].cooperating[1]', problem: '配合单位不能与牵头单位相同' },
      ]);
    });

    it('refuses a sub-task led by a unit it would inherit as cooperating', () => {
      // T5 is led by wjj with mzj cooperating; T5.2 led by mzj would have mzj cooperating with itself.
      expect(problemsAfter((p) => (p.tasks[4].subtasks![1].lead = 'mzj'))).toEqual([
        {
          path: 'tasks[4].subtasks[1].lead',
          problem: '牵头单位 "mzj" 是所属任务的配合单位，子任务须另列配合单位',
        },
      ]);
      expect(
        paths((p) => Object.assign(p.tasks[4].subtasks![1], { lead: 'mzj', cooperating: ['wjj'] })),
      ).toEqual([]);
    });

    it('refuses a cooperating unit listed twice', () => {
      expect(problemsAfter((p) => (p.tasks[1].cooperating = ['jrb', 'zjj', 'jrb']))).toEqual([
        { path: 'tasks[1].cooperating[2]', problem: '配合单位 "jrb" 重复' },
      ]);
      expect(paths((p) => Object.assign(p.tasks[1], { cooperating: 'jrb' }))).toEqual([
        'tasks[1].cooperating',
      ]);
    });
  });

  describe('deadlines', () => {
    it('accepts a date, an instant and the relative forms', () => {
      expect(
        paths((p) => {
          p.tasks[1].deadline = '2018-09-30T18:00:00+08:00';
          p.tasks[2].deadline = { beforeEnd: 'P2W' };
          p.tasks[7].deadline = { workingDaysAfterStart: 20 };
        }),
      ).toEqual([]);
    });

    it('refuses what is none of the forms, at the field at fault', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[1].deadline = '6月底';
          p.tasks[2].deadline = { beforeEnd: '10 days' };
          p.tasks[3].deadline = { workingDaysBeforeEnd: 0 };
          p.tasks[7].deadline = { workingDaysAfterStart: 2.5 };
          Object.assign(p.tasks[9], { deadline: { beforeEnd: 'P1D', workingDaysBeforeEnd: 2 } });
          Object.assign(p.tasks[6], { deadline: 20180930 });
        }),
      ).toEqual([
        { path: 'tasks[1].deadline', problem: '截止时间 "6月底" 不是日期（YYYY-MM-DD）、时间或相对期限' },
        { path: 'tasks[2].deadline.beforeEnd', problem: '倒排期限必须是 ISO 8601 时长，如 P10D' },
        { path: 'tasks[3].deadline.workingDaysBeforeEnd', problem: '工作日数必须是正整数' },
        {
          path: 'tasks[6].deadline',
          problem:
            '截止时间必须是日期（YYYY-MM-DD）、时间，或 beforeEnd、workingDaysBeforeEnd、workingDaysAfterStart 之一',
        },
        { path: 'tasks[7].deadline.workingDaysAfterStart', problem: '工作日数必须是正整数' },
        {
          path: 'tasks[9].deadline',
          problem:
            '截止时间必须是日期（YYYY-MM-DD）、时间，或 beforeEnd、workingDaysBeforeEnd、workingDaysAfterStart 之一',
        },
      ]);
    });

    it('refuses a deadline outside the window, as seed 004 would have it for housing (11月底前)', () => {
      expect(problemsAfter((p) => (p.tasks[3].deadline = '2018-11-30'))).toEqual([
        { path: 'tasks[3].deadline', problem: '截止时间 2018-11-30 超出行动期限（2018-09-30 结束）' },
      ]);
      expect(problemsAfter((p) => (p.tasks[2].deadline = '2018-06-01'))).toEqual([
        { path: 'tasks[2].deadline', problem: '截止时间 2018-06-01 早于行动开始（2018-06-22 开始）' },
      ]);
      expect(problemsAfter((p) => (p.tasks[2].deadline = '2018-10-01T09:00:00+08:00'))).toEqual([
        { path: 'tasks[2].deadline', problem: '截止时间 2018-10-01 09:00 超出行动期限（2018-09-30 结束）' },
      ]);
      // 倒排 four months from the end of September falls before a June start.
      expect(problemsAfter((p) => (p.tasks[2].deadline = { beforeEnd: 'P4M' }))).toEqual([
        { path: 'tasks[2].deadline', problem: '截止时间 2018-05-31 早于行动开始（2018-06-22 开始）' },
      ]);
      expect(paths((p) => (p.tasks[2].deadline = '2018-06-22'))).toEqual([]);
    });

    it('refuses a sub-task deadline after its task’s', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[4].deadline = '2018-08-31';
          p.tasks[4].subtasks![2].deadline = '2018-09-15';
        }),
      ).toEqual([
        {
          path: 'tasks[4].subtasks[2].deadline',
          problem: '截止时间 2018-09-15 晚于所属任务的截止时间（2018-08-31）',
        },
      ]);
    });

    it('refuses working days in a year the calendar does not know, naming the year', () => {
      const plan = {
        name: '2019 年夏季攻势',
        window: { start: '2019-05-01', end: '2019-08-31' },
        tasks: [
          { key: 'A', name: '住房安全', lead: 'zjj', deadline: { workingDaysBeforeEnd: 5 } },
          { key: 'B', name: '饮水安全', lead: 'swj', deadline: '2019-08-31' },
        ],
      };
      expect(planProblems(plan, context)).toEqual([
        { path: 'tasks[0].deadline', problem: '工作日历未收录 2019 年的节假日安排，无法推算工作日' },
      ]);
    });
  });

  describe('targets, measures and pace', () => {
    it('needs a positive quantity and its unit', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[3].target = { quantity: 0, unit: '户' };
          Object.assign(p.tasks[6], { target: { quantity: '200' } });
          Object.assign(p.tasks[7], { target: 'all' });
        }),
      ).toEqual([
        { path: 'tasks[3].target.quantity', problem: '目标数量必须是正数' },
        { path: 'tasks[6].target.quantity', problem: '目标数量必须是正数' },
        { path: 'tasks[6].target.unit', problem: '缺少目标数量的单位' },
        { path: 'tasks[7].target', problem: '目标必须包含数量（quantity）和单位（unit）' },
      ]);
    });

    it('accepts reported progress or a known ledger or programme, nothing else', () => {
      expect(paths((p) => (p.tasks[1].measure = 'reported'))).toEqual([]);
      expect(paths((p) => (p.tasks[1].measure = { ledger: LEDGER_ID }))).toEqual([]);
      expect(
        problemsAfter((p) => {
          p.tasks[1].measure = { ledger: 'nope' };
          p.tasks[2].measure = { programme: LEDGER_ID };
          Object.assign(p.tasks[7], { measure: 'linked' });
          Object.assign(p.tasks[9], { measure: { ledger: LEDGER_ID, programme: PROGRAMME_ID } });
        }),
      ).toEqual([
        { path: 'tasks[1].measure.ledger', problem: '未知的整改台账 "nope"' },
        { path: 'tasks[2].measure.programme', problem: `未知的危房改造项目 "${LEDGER_ID}"` },
        {
          path: 'tasks[7].measure',
          problem:
            '进度计量方式必须是 "reported"（牵头单位填报）、{ ledger: 台账编号 } 或 { programme: 项目编号 }',
        },
        {
          path: 'tasks[9].measure',
          problem:
            '进度计量方式必须是 "reported"（牵头单位填报）、{ ledger: 台账编号 } 或 { programme: 项目编号 }',
        },
      ]);
    });

    it('needs a pace curve rising in time, never falling in share, ending at time 1 share 1', () => {
      expect(
        problemsAfter(
          (p) =>
            (p.tasks[6].pace = [
              { time: 0.5, share: 0.3 },
              { time: 0.4, share: 0.2 },
              { time: 1, share: 1 },
            ]),
        ),
      ).toEqual([
        { path: 'tasks[6].pace[1].time', problem: '时间占比必须严格递增' },
        { path: 'tasks[6].pace[1].share', problem: '进度占比不能下降' },
      ]);
      expect(
        problemsAfter(
          (p) =>
            (p.tasks[6].pace = [
              { time: 0.5, share: 1.2 },
              { time: 1, share: 0.9 },
            ]),
        ),
      ).toEqual([
        { path: 'tasks[6].pace[0].share', problem: '进度占比必须是 0 到 1 之间的数字' },
        { path: 'tasks[6].pace', problem: '序时进度曲线必须以 time 1、share 1 结束' },
      ]);
      expect(paths((p) => (p.tasks[6].pace = [{ time: 0.5, share: 0.5 }]))).toEqual(['tasks[6].pace']);
      expect(paths((p) => (p.tasks[6].pace = []))).toEqual(['tasks[6].pace']);
      expect(
        paths((p) =>
          Object.assign(p.tasks[6], { pace: [{ time: -0.1, share: 0 }, 'x', { time: 1, share: 1 }] }),
        ),
      ).toEqual(['tasks[6].pace[0].time', 'tasks[6].pace[1]']);
      expect(paths((p) => (p.tasks[6].pace = [{ time: 1, share: 1 }]))).toEqual([]);
    });
  });

  describe('dependencies', () => {
    it('refuses an unknown task, the task itself and a repeat', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[9].dependsOn = ['T99', 'T10', 'T2', 'T2'];
        }),
      ).toEqual([
        { path: 'tasks[9].dependsOn[0]', problem: '依赖的任务 "T99" 不存在' },
        { path: 'tasks[9].dependsOn[1]', problem: '任务不能依赖自身' },
        { path: 'tasks[9].dependsOn[3]', problem: '依赖的任务 "T2" 重复' },
      ]);
    });

    it('may name a task written further down', () => {
      expect(paths((p) => (p.tasks[1].dependsOn = ['T9.2']))).toEqual([]);
    });

    it('reports a cycle once, in order, at the first dependsOn in it', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[0].dependsOn = ['T3'];
          p.tasks[2].dependsOn = ['T1'];
        }),
      ).toEqual([{ path: 'tasks[0].dependsOn[0]', problem: '任务依赖形成循环：T1 → T3 → T1' }]);
    });

    it('starts a cycle at its task first in the plan, however the search reached it', () => {
      expect(
        problemsAfter((p) => {
          p.tasks[0].subtasks![0].dependsOn = ['T7']; // leads into the cycle, not part of it
          p.tasks[1].dependsOn = ['T8', 'T7'];
          p.tasks[6].dependsOn = ['T10'];
          p.tasks[9].dependsOn = ['T2'];
        }),
      ).toEqual([{ path: 'tasks[1].dependsOn[1]', problem: '任务依赖形成循环：T2 → T7 → T10 → T2' }]);
    });
  });

  describe('goals', () => {
    it('needs each field and tasks that exist', () => {
      expect(
        problemsAfter((p) => {
          Object.assign(p.goals![0], { key: 'G2', name: '', target: '100%' });
          Object.assign(p.goals![1], { unit: undefined, tasks: ['T2', 'T99'] });
          Object.assign(p.goals![2], { aggregate: 'max', tasks: [] });
        }),
      ).toEqual([
        { path: 'goals[0].name', problem: '缺少目标名称' },
        { path: 'goals[0].target', problem: '目标值必须是数字' },
        { path: 'goals[1].key', problem: '目标编号 "G2" 重复' },
        { path: 'goals[1].unit', problem: '缺少目标值的单位' },
        { path: 'goals[1].tasks[1]', problem: '目标所含任务 "T99" 不存在' },
        { path: 'goals[2].tasks', problem: '目标须列出构成它的任务' },
        {
          path: 'goals[2].aggregate',
          problem: '汇总方式必须是 mean-percent（平均完成率）或 sum（数量相加）',
        },
      ]);
      expect(paths((p) => Object.assign(p, { goals: { G1: 'all' } }))).toEqual(['goals']);
    });
  });

  describe('cadence, ladder, pledges and pace margin', () => {
    it('needs weekdays 1–7, HH:MM times and a monthly report day 1–28', () => {
      expect(
        problemsAfter((p) =>
          Object.assign(p, {
            cadence: {
              bulletin: { weekday: 8, time: '09:00' },
              dispatchMeeting: { weekday: 5, time: '9:00' },
              monthlyReportDay: 31,
            },
          }),
        ),
      ).toEqual([
        { path: 'cadence.bulletin.weekday', problem: '星期必须是 1（周一）到 7（周日）之间的整数' },
        { path: 'cadence.dispatchMeeting.time', problem: '时间必须是 HH:MM 格式（00:00–23:59）' },
        { path: 'cadence.monthlyReportDay', problem: '每月报送日必须是 1 到 28 之间的整数' },
      ]);
      expect(
        paths((p) =>
          Object.assign(p, { cadence: { bulletin: { weekday: 0, time: '24:00' }, monthlyReportDay: 0 } }),
        ),
      ).toEqual(['cadence.bulletin.weekday', 'cadence.bulletin.time', 'cadence.monthlyReportDay']);
      expect(
        paths((p) => (p.cadence = { bulletin: { weekday: 7, time: '23:59' }, monthlyReportDay: 28 })),
      ).toEqual([]);
    });

    it('checks a ladder the plan brings, at its path', () => {
      expect(paths((p) => (p.ladder = DEFAULT_CAMPAIGN_LADDER))).toEqual([]);
      expect(
        paths(
          (p) =>
            (p.ladder = [
              DEFAULT_CAMPAIGN_LADDER[0],
              { ...DEFAULT_CAMPAIGN_LADDER[1] },
              { ...DEFAULT_CAMPAIGN_LADDER[2], offset: 'three days' },
            ]),
        ),
      ).toEqual(['ladder[2].offset']);
      expect(paths((p) => (p.ladder = []))).toEqual(['ladder']);
    });

    it('needs the pledge time as an ISO duration and the pace margin within 0–100', () => {
      expect(paths((p) => (p.pledgeWithin = '3 days'))).toEqual(['pledgeWithin']);
      expect(paths((p) => (p.pledgeWithin = '-P3D'))).toEqual(['pledgeWithin']);
      expect(paths((p) => (p.pledgeWithin = 'PT12H'))).toEqual([]);
      expect(paths((p) => (p.paceMargin = -1))).toEqual(['paceMargin']);
      expect(paths((p) => Object.assign(p, { paceMargin: '10' }))).toEqual(['paceMargin']);
      expect(paths((p) => (p.paceMargin = 0))).toEqual([]);
    });
  });
});
