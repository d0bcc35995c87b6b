import { In, type EntityManager } from 'typeorm';
import type { UnitActor } from '../../../domain/src/access/unit-reach';
import { maySeeTask, type TaskScope } from '../../../domain/src/campaign/task-access';
import { matchesTaskFilter, type TaskFilter } from '../../../domain/src/campaign/task-filter';
import { Unit } from '../organisation/unit.entity';
import { CampaignTask } from './campaign-task.entity';

/**
 * The tasks of a campaign that a task filter matches and the actor may see, in plan order, each
 * with the unit paths the per-object rules need. Groups are left out: a group is worked on through
 * its sub-tasks.
 */
export async function matchingTasks(
  manager: EntityManager,
  campaignId: string,
  filter: TaskFilter,
  actor: UnitActor,
): Promise<Array<{ task: CampaignTask; scope: TaskScope }>> {
  const tasks = await manager
    .getRepository(CampaignTask)
    .find({ where: { campaignId, isGroup: false }, order: { ord: 'ASC' } });
  const codes = [...new Set(tasks.flatMap((t) => [t.leadUnit, ...t.cooperatingUnits]))];
  const units =
    codes.length > 0 ? await manager.getRepository(Unit).find({ where: { code: In(codes) } }) : [];
  const pathOf = new Map(units.map((u) => [u.code, u.path]));
  return tasks
    .map((task) => ({
      task,
      scope: {
        leadPath: pathOf.get(task.leadUnit) ?? '',
        cooperatingPaths: task.cooperatingUnits
          .map((code) => pathOf.get(code))
          .filter((path): path is string => path !== undefined),
      },
    }))
    .filter(({ task, scope }) => matchesTaskFilter(task, filter) && maySeeTask(actor, scope));
}
