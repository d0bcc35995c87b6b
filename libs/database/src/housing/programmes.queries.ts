import { entityFromRow } from '../entity-rows';
import { Queries } from '../queries';
import { HousingProgramme } from './housing-programme.entity';

/** Housing-repair programmes: the rules their households run under. */
export class ProgrammeQueries extends Queries {
  /**
   * The programme, or null. Plain SQL, as `UnitQueries.byCode`: every household route and report
   * looks its programme up, and the query builder took longer to write this statement and read its
   * row than Postgres to run it.
   */
  async byId(id: string): Promise<HousingProgramme | null> {
    const [row] = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT * FROM housing_programme WHERE id = $1`,
      [id],
    );
    return row ? entityFromRow(this.db, HousingProgramme)(row) : null;
  }

  byIdOrFail(id: string): Promise<HousingProgramme> {
    return this.db.getRepository(HousingProgramme).findOneByOrFail({ id });
  }

  /** Every programme, the newest first. */
  all(): Promise<HousingProgramme[]> {
    return this.db.getRepository(HousingProgramme).find({ order: { createdAt: 'DESC' } });
  }

  async insert(programme: Omit<HousingProgramme, 'createdAt'>): Promise<void> {
    await this.db.getRepository(HousingProgramme).insert(programme);
  }
}
