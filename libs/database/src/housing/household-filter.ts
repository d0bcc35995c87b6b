import type { SelectQueryBuilder } from 'typeorm';
import { readsWholeProgramme, type HouseholdActor } from '../../../domain/src/housing/household-access';
import { stagesPastDeadline } from '../../../domain/src/housing/household-escalation';
import { addIsoDuration } from '../../../domain/src/time/iso-duration';
import type { HousingProgramme } from './housing-programme.entity';
import type { Household } from './household.entity';

/** The filter fields of a household list (GET /api/housing/households), paging and order aside. */
export interface HouseholdFilter {
  township?: string;
  village?: string;
  stage?: string;
  overdue?: boolean;
  stalled?: boolean;
}

/**
 * Narrows a query on `household h` of one programme to the filter, and to what the actor may read:
 * a department that does not read the whole programme sees only its own unit's households, so its
 * filter never reaches another unit's.
 */
export function filterHouseholds(
  qb: SelectQueryBuilder<Household>,
  programme: HousingProgramme,
  filter: HouseholdFilter,
  actor: HouseholdActor,
  now: Date,
): SelectQueryBuilder<Household> {
  qb.andWhere('h.programme_id = :programme', { programme: programme.id });
  if (!readsWholeProgramme(actor, programme))
    qb.andWhere('h.village_path LIKE :own', { own: `${actor.unitPath}%` });
  if (filter.township) qb.andWhere('h.township = :township', { township: filter.township });
  if (filter.village) qb.andWhere('h.village = :village', { village: filter.village });
  if (filter.stage) qb.andWhere('h.stage = :stage', { stage: filter.stage });
  if (filter.overdue !== undefined) {
    const late = stagesPastDeadline(programme, now.toISOString());
    const condition = late.length > 0 ? 'h.stage IN (:...late)' : 'FALSE';
    qb.andWhere(filter.overdue ? condition : `NOT (${condition})`, { late });
  }
  if (filter.stalled !== undefined) {
    const stalled = `(h.stage NOT IN ('moved-in', 'withdrawn') AND h.last_progress_at < :threshold)`;
    qb.andWhere(filter.stalled ? stalled : `NOT ${stalled}`, {
      threshold: addIsoDuration(now, `-${programme.stallAfter}`),
    });
  }
  return qb;
}
