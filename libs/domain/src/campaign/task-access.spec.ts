import { matchesTaskFilter } from './task-filter';
import { maySeeTask, taskNotWorkable, taskStepRefusal } from './task-access';

const townshipA = { id: 'u1', unitPath: '/c1/tA/', roles: ['department'] as const };
const commandCenter = { id: 'u2', unitPath: '/c1/', roles: ['command-center'] as const };
const taskOfA = { leadPath: '/c1/tA/', cooperatingPaths: ['/c1/tA/vA1/'] };
const taskOfB = { leadPath: '/c1/tB/', cooperatingPaths: [] };

describe('campaign task rules', () => {
  it('lets a department see and work on its own tasks only, and submit only those it leads', () => {
    expect(maySeeTask(townshipA, taskOfA)).toBe(true);
    expect(maySeeTask(townshipA, taskOfB)).toBe(false);
    expect(taskStepRefusal(townshipA, taskOfA, 'report-progress')).toBeNull();
    expect(taskStepRefusal(townshipA, taskOfB, 'report-progress')?.code).toBe('NOT_YOUR_TASK');
    const village = { id: 'u3', unitPath: '/c1/tA/vA1/', roles: ['department'] as const };
    expect(taskStepRefusal(village, taskOfA, 'report-progress')).toBeNull();
    expect(taskStepRefusal(village, taskOfA, 'submit')?.code).toBe('NOT_LEAD_UNIT');
  });

  it('keeps acceptance and extension to the command center', () => {
    expect(taskStepRefusal(commandCenter, taskOfB, 'accept')).toBeNull();
    expect(taskStepRefusal(commandCenter, taskOfB, 'extend')).toBeNull();
    expect(taskStepRefusal(townshipA, taskOfA, 'accept')?.code).toBe('NOT_COMMAND_CENTER');
    expect(taskStepRefusal(commandCenter, taskOfA, 'report-progress')?.code).toBe('NOT_YOUR_TASK');
  });

  it('refuses every step on a closed campaign and on a group', () => {
    const task = { key: 'T1', isGroup: false, closedAt: null };
    expect(taskNotWorkable({ status: 'running' }, task)).toBeNull();
    expect(taskNotWorkable({ status: 'closed' }, task)?.code).toBe('CAMPAIGN_CLOSED');
    expect(taskNotWorkable({ status: 'running' }, { ...task, isGroup: true })?.code).toBe('GROUP_TASK');
  });

  it("filters like the battle map's task table: a unit leading or cooperating, a status, a level", () => {
    const task = { leadUnit: 'tA', cooperatingUnits: ['vA1'], status: 'submitted', escalationLevel: 2 };
    expect(matchesTaskFilter(task, {})).toBe(true);
    expect(matchesTaskFilter(task, { unit: 'vA1' })).toBe(true);
    expect(matchesTaskFilter(task, { unit: 'tB' })).toBe(false);
    expect(matchesTaskFilter(task, { status: 'in-progress' })).toBe(false);
    expect(matchesTaskFilter(task, { level: 2, status: 'submitted', unit: 'tA' })).toBe(true);
    expect(matchesTaskFilter(task, { level: 1 })).toBe(false);
  });
});
