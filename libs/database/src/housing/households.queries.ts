import { In, MoreThan, type Repository } from 'typeorm';
import type { HouseholdSort } from '../../../contracts/src/housing/household-list';
import type { HouseholdActor } from '../../../domain/src/housing/household-access';
import { Queries } from '../queries';
import { HouseholdEvent } from './household-event.entity';
import { HouseholdEvidence } from './household-evidence.entity';
import { filterHouseholds, type HouseholdFilter } from './household-filter';
import type { HousingProgramme } from './housing-programme.entity';
import { Household } from './household.entity';

/** The columns a household list may be ordered by (`HouseholdSort`, without its `-`). */
const SORT_COLUMNS = {
  householdNo: 'h.household_no',
  lastProgressAt: 'h.last_progress_at',
  escalationLevel: 'h.escalation_level',
} as const;

/** The last failed try of a household's subsidy payment while the gateway keeps failing. */
export interface PaymentFailureRow {
  payment_attempt: number;
  try: number;
  reason: string;
  failed_at: Date;
  next_try_at: Date | null;
}

/** Which households a reconciliation pass compares (see `reconcileHouseholds`). */
export type HouseholdSelection =
  { changedSince: Date } | { householdIds: string[] } | { programmeId: string; householdIds?: string[] };

/** Households of the read model: lists, one household and its timeline, and their evidence files. */
export class HouseholdQueries extends Queries {
  /**
   * A page of a programme's households narrowed by the list's filter and what the actor may read,
   * ordered by `sort` (else by township), ties broken by household number, then id.
   */
  async page(
    programme: HousingProgramme,
    filter: HouseholdFilter & { sort?: HouseholdSort; page: number; pageSize: number },
    actor: HouseholdActor,
    now: Date,
  ): Promise<{ rows: Household[]; total: number }> {
    const qb = filterHouseholds(
      this.db.getRepository(Household).createQueryBuilder('h'),
      programme,
      filter,
      actor,
      now,
    );
    // TypeORM keeps one direction per column: a column sorted on is not added again.
    const sort = filter.sort
      ? SORT_COLUMNS[filter.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS]
      : null;
    if (sort) qb.orderBy(sort, filter.sort!.startsWith('-') ? 'DESC' : 'ASC');
    else qb.orderBy('h.township', 'ASC');
    if (sort !== 'h.household_no') qb.addOrderBy('h.household_no', 'ASC');
    const [rows, total] = await qb
      .addOrderBy('h.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /** Every household a batch step covers (its filter, as its creator could read them then), in list order. */
  forBatch(
    programme: HousingProgramme,
    filter: HouseholdFilter,
    actor: HouseholdActor,
    at: Date,
  ): Promise<Household[]> {
    return filterHouseholds(
      this.db.getRepository(Household).createQueryBuilder('h'),
      programme,
      filter,
      actor,
      at,
    )
      .orderBy('h.township', 'ASC')
      .addOrderBy('h.household_no', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .getMany();
  }

  byId(id: string): Promise<Household | null> {
    return this.db.getRepository(Household).findOneBy({ id });
  }

  byIdOrFail(id: string): Promise<Household> {
    return this.db.getRepository(Household).findOneByOrFail({ id });
  }

  byIds(ids: string[]): Promise<Household[]> {
    return this.db.getRepository(Household).findBy({ id: In(ids) });
  }

  /** The ids among `ids` that are households of the programme. */
  async idsInProgramme(programmeId: string, ids: string[]): Promise<Set<string>> {
    const rows = await this.db
      .getRepository(Household)
      .find({ select: { id: true }, where: { programmeId, id: In(ids) } });
    return new Set(rows.map((h) => h.id));
  }

  /** Household numbers by id. */
  async numbersOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .getRepository(Household)
      .find({ select: { id: true, householdNo: true }, where: { id: In(ids) } });
    return new Map(rows.map((h) => [h.id, h.householdNo]));
  }

  /** The numbers among `householdNos` already used in the programme. */
  async numbersTaken(programmeId: string, householdNos: string[]): Promise<Set<string>> {
    const rows = await this.db.getRepository(Household).find({
      select: { householdNo: true },
      where: { programmeId, householdNo: In(householdNos) },
    });
    return new Set(rows.map((h) => h.householdNo));
  }

  /** The households a reconciliation pass compares, by household number. */
  selected(selection: HouseholdSelection): Promise<Household[]> {
    return this.db.getRepository(Household).find({
      where:
        'programmeId' in selection
          ? {
              programmeId: selection.programmeId,
              ...(selection.householdIds ? { id: In(selection.householdIds) } : {}),
            }
          : 'householdIds' in selection
            ? { id: In(selection.householdIds) }
            : { updatedAt: MoreThan(selection.changedSince) },
      order: { householdNo: 'ASC' },
    });
  }

  /** A household's timeline, oldest first. */
  timelineOf(householdId: string): Promise<HouseholdEvent[]> {
    return this.db.getRepository(HouseholdEvent).find({ where: { householdId }, order: { version: 'ASC' } });
  }

  /** A household's evidence files (without their content), in the order they were uploaded. */
  evidenceOf(householdId: string): Promise<HouseholdEvidence[]> {
    return this.db
      .getRepository(HouseholdEvidence)
      .find({ where: { householdId }, order: { uploadedAt: 'ASC' } });
  }

  /** Where households' evidence files are kept (for `receiveEvidence` and `evidenceWithContent`). */
  evidenceFiles(): Repository<HouseholdEvidence> {
    return this.db.getRepository(HouseholdEvidence);
  }

  /** The last failed try of the household's subsidy payment, kept by the paySubsidy activity, or none. */
  async paymentFailureOf(householdId: string): Promise<PaymentFailureRow | undefined> {
    const [failure] = await this.db.query<PaymentFailureRow[]>(
      `SELECT payment_attempt, try, reason, failed_at, next_try_at FROM subsidy_payment_failure WHERE household_id = $1`,
      [householdId],
    );
    return failure;
  }
}
