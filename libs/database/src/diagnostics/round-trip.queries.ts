import { Queries } from '../queries';
import { RoundTripCheck } from './round-trip-check.entity';

/** The rows of the end-to-end check: written by the worker's activity, read by the API. */
export class RoundTripQueries extends Queries {
  /** Writes the check's row once (a retried activity finds it written) and answers the stored row. */
  async recordOnce(row: RoundTripCheck): Promise<RoundTripCheck> {
    await this.db.createQueryBuilder().insert().into(RoundTripCheck).values(row).orIgnore().execute();
    return this.db.getRepository(RoundTripCheck).findOneByOrFail({ id: row.id });
  }

  check(id: string): Promise<RoundTripCheck | null> {
    return this.db.getRepository(RoundTripCheck).findOneBy({ id });
  }
}
