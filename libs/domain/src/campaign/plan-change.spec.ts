import type { CampaignPlanDocument } from './campaign-plan';
import { planChange } from './plan-change';
import { resolvePlan } from './plan-resolution';
import { planProblems } from './plan-validation';
import { LEDGER_ID, seed004Plan, seedCalendar, seedContext } from './seed-004-plan.fixture';

const calendar = seedCalendar();
const current = resolvePlan(seed004Plan(), calendar);

/** The change from the seed plan to the seed plan after `edit` (itself a valid plan). */
const changeTo = (edit: (plan: CampaignPlanDocument) => void) => {
  const document = seed004Plan();
  edit(document);
  expect(planProblems(document, seedContext(calendar))).toEqual([]);
  return planChange(current, resolvePlan(document, calendar));
};
const keys = (tasks: Array<{ key: string }>) => tasks.map((t) => t.key);

describe('planChange', () => {
  it('finds nothing in the same plan', () => {
    expect(planChange(current, resolvePlan(seed004Plan(), calendar))).toEqual({
      added: [],
      revised: [],
      problems: [],
    });
  });

  it('starts a task or a sub-task the new version adds', () => {
    const change = changeTo((p) => {
      p.tasks.push({ key: 'T11', name: '消费扶贫行动', lead: 'swj', deadline: '2018-09-15' });
      p.tasks[4].subtasks!.push({ key: 'T5.4', name: '家庭医生签约服务' });
    });
    expect(keys(change.added)).toEqual(['T5.4', 'T11']);
    expect(change.added[0]).toMatchObject({
      parentKey: 'T5',
      lead: 'wjj',
      deadline: '2018-09-30T16:00:00.000Z',
    });
    expect(change.revised).toEqual([]);
    expect(change.problems).toEqual([]);
  });

  it('revises a task whose deadline, units, name, target, measure, pace or dependencies changed', () => {
    const change = changeTo((p) => {
      p.tasks[2].deadline = '2018-07-15'; // T3 extended
      p.tasks[1].cooperating = ['jrb', 'zjj']; // T2
      p.tasks[3].target = { quantity: 760, unit: '户' }; // T4
      p.tasks[7].name = '农村低保兜底保障行动'; // T8
      delete p.tasks[6].pace; // T7 back to linear
      p.tasks[9].dependsOn = []; // T10
      p.tasks[5].subtasks![0].measure = { ledger: LEDGER_ID }; // T6.1
    });
    expect(keys(change.revised)).toEqual(['T2', 'T3', 'T4', 'T6.1', 'T7', 'T8', 'T10']);
    expect(change.revised.find((t) => t.key === 'T3')?.deadline).toBe('2018-07-15T16:00:00.000Z');
    expect(change.added).toEqual([]);
    expect(change.problems).toEqual([]);
  });

  it('revises a sub-task whose inherited deadline moved with its task', () => {
    const change = changeTo((p) => (p.tasks[8].deadline = '2018-09-20'));
    expect(keys(change.revised)).toEqual(['T9', 'T9.1', 'T9.2', 'T9.3']);
  });

  it('ignores a new position in the plan and a new order of the same units', () => {
    const change = changeTo((p) => {
      [p.tasks[1], p.tasks[2]] = [p.tasks[2], p.tasks[1]];
      p.tasks[6].cooperating = ['jyj'];
    });
    expect(change).toEqual({ added: [], revised: [], problems: [] });
    const withUnits = (cooperating: string[]) => {
      const document = seed004Plan();
      document.tasks[1].cooperating = cooperating; // T2
      return resolvePlan(document, calendar);
    };
    expect(planChange(withUnits(['zjj', 'jrb']), withUnits(['jrb', 'zjj'])).revised).toEqual([]);
    expect(keys(planChange(withUnits(['zjj', 'jrb']), withUnits(['jrb'])).revised)).toEqual(['T2']);
  });

  it('refuses to drop a running task', () => {
    const change = changeTo((p) => {
      p.tasks.pop(); // T10
      p.tasks[5].subtasks!.pop(); // T6.2
    });
    expect(change.problems).toEqual([
      { path: 'tasks', problem: '任务 "T6.2" 已在推进，新版本不能删除它' },
      { path: 'tasks', problem: '任务 "T10" 已在推进，新版本不能删除它' },
    ]);
  });

  it('refuses to turn a task into a group or a group into a task', () => {
    const change = changeTo((p) => {
      p.tasks[7].subtasks = [{ key: 'T8.1', name: '扩大农村低保覆盖范围' }];
      p.tasks[0].subtasks = undefined;
      p.goals![0].tasks = ['T1'];
      p.tasks[9].dependsOn = [];
    });
    expect(change.problems).toEqual([
      { path: 'tasks', problem: '任务 "T1.1" 已在推进，新版本不能删除它' },
      { path: 'tasks', problem: '任务 "T1.2" 已在推进，新版本不能删除它' },
      { path: 'tasks', problem: '任务 "T1.3" 已在推进，新版本不能删除它' },
      { path: 'tasks', problem: '任务组 "T1" 不能改为没有子任务的单项任务' },
      { path: 'tasks', problem: '任务 "T8" 已在推进，不能改为含子任务的任务组' },
    ]);
    expect(keys(change.added)).toEqual(['T8.1']);
  });

  it('refuses a moved start but lets the campaign end later', () => {
    const moved = changeTo((p) => (p.window.start = '2018-06-25'));
    expect(moved.problems).toEqual([
      { path: 'window.start', problem: '行动已启动，开始时间不能更改（原为 2018-06-22 00:00）' },
    ]);
    // Working-day deadlines count from the start (T6.1): they move with it.
    expect(keys(moved.revised)).toEqual(['T6.1']);
    const longer = changeTo((p) => {
      p.window.end = '2018-10-31';
      p.tasks[0].deadline = '2018-10-31';
    });
    expect(longer.problems).toEqual([]);
    // T1 and the sub-task inheriting its deadline; deadlines counted back from the end move with it.
    expect(keys(longer.revised)).toEqual(['T1', 'T1.1', 'T1.2', 'T1.3']);
  });
});
