import { UnprocessableEntityException } from '@nestjs/common';
import type { CampaignPlanDocument } from '../../../../libs/domain/src/campaign/campaign-plan';
import { withTask } from './plan-edits';
import { openDependencies } from './campaign-tasks.service';
import { planDocument } from './plan-body';

const plan: CampaignPlanDocument = {
  name: '百日攻坚',
  window: { start: '2026-06-20', end: '2026-09-30' },
  tasks: [
    {
      key: 'T1',
      name: '回头看',
      lead: 'fpb',
      deadline: '2026-09-30',
      subtasks: [{ key: 'T1.1', name: '识别' }],
    },
    { key: 'T2', name: '产业', lead: 'nyj', deadline: '2026-09-30' },
  ],
};

describe('adding a task to a plan document', () => {
  it('appends a task at the end of the plan, leaving the stored document as it was', () => {
    const next = withTask(plan, { key: 'T3', name: '金融' });
    expect(next.found).toBe(true);
    expect(next.document).toMatchObject({
      tasks: [{ key: 'T1' }, { key: 'T2' }, { key: 'T3', name: '金融' }],
    });
    expect(plan.tasks).toHaveLength(2);
  });

  it('appends a sub-task to the named task, or says the task is not there', () => {
    const next = withTask(plan, { key: 'T1.2', name: '档案' }, 'T1');
    expect(next.document).toMatchObject({
      tasks: [{ key: 'T1', subtasks: [{ key: 'T1.1' }, { key: 'T1.2' }] }, { key: 'T2' }],
    });
    expect(withTask(plan, { key: 'T2.1', name: '到户' }, 'T2').document).toMatchObject({
      tasks: [{}, { key: 'T2', subtasks: [{ key: 'T2.1' }] }],
    });
    expect(withTask(plan, { key: 'X', name: '无' }, 'T9').found).toBe(false);
  });
});

describe('dependencies of a submission', () => {
  const rows = [
    { key: 'A', parentKey: null, isGroup: false, status: 'accepted' as const },
    { key: 'B', parentKey: null, isGroup: false, status: 'submitted' as const },
    { key: 'G', parentKey: null, isGroup: true, status: 'in-progress' as const },
    { key: 'G.1', parentKey: 'G', isGroup: false, status: 'accepted' as const },
    { key: 'G.2', parentKey: 'G', isGroup: false, status: 'in-progress' as const },
  ];

  it('names the prerequisites not yet accepted; a group is open while any sub-task is', () => {
    expect(openDependencies(['A', 'B', 'G'], rows)).toEqual(['B', 'G']);
    const done = rows.map((r) => (r.key === 'G.2' ? { ...r, status: 'accepted' as const } : r));
    expect(openDependencies(['A', 'G'], done)).toEqual([]);
  });

  it('counts a prerequisite missing from the read model as open', () => {
    expect(openDependencies(['Z'], rows)).toEqual(['Z']);
  });
});

describe('a plan sent as YAML', () => {
  it('is read as YAML 1.2: dates stay the strings the plan wrote', () => {
    expect(planDocument("name: 行动\nwindow: { start: 2026-06-20, end: '2026-09-30' }\n")).toEqual({
      name: '行动',
      window: { start: '2026-06-20', end: '2026-09-30' },
    });
  });

  it('passes a JSON body through as it is', () => {
    expect(planDocument({ name: '行动' })).toEqual({ name: '行动' });
  });

  it('is refused naming the line and column of a syntax error', () => {
    let error: unknown;
    try {
      planDocument('name: 行动\ntasks:\n  - key: T1\n   name: 缩进错误\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    const body = (error as UnprocessableEntityException).getResponse() as {
      code: string;
      message: string;
      details: Array<{ line: number; column: number }>;
    };
    expect(body.code).toBe('YAML_INVALID');
    expect(body.message).toMatch(/第 4 行第 \d+ 列/);
    expect(body.details[0].line).toBe(4);
  });

  it('refuses a key written twice', () => {
    expect(() => planDocument('name: 甲\nname: 乙\n')).toThrow(UnprocessableEntityException);
  });
});
