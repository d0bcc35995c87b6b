import { Queries } from '../queries';
import { HousingProgramme } from './housing-programme.entity';

/** Housing-repair programmes: the rules their households run under. */
export class ProgrammeQueries extends Queries {
  byId(id: string): Promise<HousingProgramme | null> {
    return this.db.getRepository(HousingProgramme).findOneBy({ id });
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
