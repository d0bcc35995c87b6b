import type { UnitActor } from '../../../domain/src/access/unit-reach';
import type { HouseholdActor } from '../../../domain/src/housing/household-access';
import { filterHouseholds, type HouseholdFilter } from '../housing/household-filter';
import { Household } from '../housing/household.entity';
import type { HousingProgramme } from '../housing/housing-programme.entity';
import { Queries } from '../queries';
import { filterItems, type ItemFilter } from '../rectification/item-filter';
import { RectificationItem } from '../rectification/rectification-item.entity';

/** A matching household with what its per-object rules need. */
export type HouseholdMatch = Pick<Household, 'id' | 'villagePath'>;
/** A matching item with what its per-object rules need. */
export type ItemMatch = Pick<
  RectificationItem,
  'id' | 'responsibleUnitPath' | 'verifierId' | 'responsiblePersonId'
>;

/**
 * What a batch's filter matches before it starts, for the preview's counts: only the columns the
 * per-object rules read (the batch itself freezes whole rows when it runs). Campaign tasks are
 * matched by `CampaignTaskQueries.matching`.
 */
export class BatchMatchQueries extends Queries {
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
}
