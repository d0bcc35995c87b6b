import type { UnitActor } from '../../../domain/src/access/unit-reach';
import type { TaskScope } from '../../../domain/src/campaign/task-access';
import type { TaskFilter } from '../../../domain/src/campaign/task-filter';
import type { HouseholdActor } from '../../../domain/src/housing/household-access';
import type { CampaignTask } from '../campaign/campaign-task.entity';
import { matchingTasks } from '../campaign/task-matches';
import { filterHouseholds, type HouseholdFilter } from '../housing/household-filter';
import { Household } from '../housing/household.entity';
import { HousingProgramme } from '../housing/housing-programme.entity';
import { User } from '../identity/user.entity';
import { Unit } from '../organisation/unit.entity';
import { filterItems, type ItemFilter } from '../rectification/item-filter';
import { RectificationItem } from '../rectification/rectification-item.entity';
import { Queries } from '../queries';

/** A matching household with what its per-object rules need. */
export type HouseholdMatch = Pick<Household, 'id' | 'villagePath'>;
/** A matching item with what its per-object rules need. */
export type ItemMatch = Pick<
  RectificationItem,
  'id' | 'responsibleUnitPath' | 'verifierId' | 'responsiblePersonId'
>;

/**
 * What a batch's filter matches before it starts (the preview's counts), and what checking the
 * filter and the step looks up: the programme, a unit named in the filter, the new responsible person.
 */
export class BatchMatchQueries extends Queries {
  programme(id: string): Promise<HousingProgramme | null> {
    return this.db.getRepository(HousingProgramme).findOneBy({ id });
  }

  unit(code: string): Promise<Unit | null> {
    return this.db.getRepository(Unit).findOneBy({ code });
  }

  /** An active person by id (the DTO makes sure a step that names one does). */
  activePerson(id: string | undefined): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id, active: true });
  }

  /** The programme's households the household list's filter matches for `actor`, judged at `now`. */
  households(
    programme: HousingProgramme,
    filter: HouseholdFilter,
    actor: HouseholdActor,
    now: Date,
  ): Promise<HouseholdMatch[]> {
    return filterHouseholds(
      this.db.getRepository(Household).createQueryBuilder('h').select(['h.id', 'h.villagePath']),
      programme,
      filter,
      actor,
      now,
    ).getMany();
  }

  /** The items the item list's filter matches for `actor` (`unitPath`: the filter unit's path). */
  items(filter: ItemFilter & { unitPath?: string }, actor: UnitActor, now: Date): Promise<ItemMatch[]> {
    return filterItems(
      this.db
        .getRepository(RectificationItem)
        .createQueryBuilder('i')
        .select(['i.id', 'i.responsibleUnitPath', 'i.verifierId', 'i.responsiblePersonId']),
      filter,
      actor,
      now,
    ).getMany();
  }

  /** The campaign's tasks the filter matches and `actor` may see, with their unit scope. */
  tasks(
    campaignId: string,
    filter: TaskFilter,
    actor: UnitActor,
  ): Promise<Array<{ task: CampaignTask; scope: TaskScope }>> {
    return matchingTasks(this.db, campaignId, filter, actor);
  }
}
