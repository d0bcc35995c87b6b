import { Queries } from '../queries';
import { Ledger } from './ledger.entity';

/** Rectification ledgers: the list, one ledger, and the counter that numbers its items. */
export class LedgerQueries extends Queries {
  /** Every ledger, newest first. */
  newestFirst(): Promise<Ledger[]> {
    return this.db.getRepository(Ledger).find({ order: { createdAt: 'DESC' } });
  }

  byId(id: string): Promise<Ledger | null> {
    return this.db.getRepository(Ledger).findOneBy({ id });
  }

  exists(id: string): Promise<boolean> {
    return this.db.getRepository(Ledger).existsBy({ id });
  }

  /** Stores a new ledger and reads it back as stored (its creation time from the database). */
  async create(row: Omit<Ledger, 'createdAt'>): Promise<Ledger> {
    const ledgers = this.db.getRepository(Ledger);
    await ledgers.insert(ledgers.create(row));
    return ledgers.findOneByOrFail({ id: row.id });
  }

  /** The next number of an item of the ledger (1, 2, 3 …): the ledger's counter, raised in one statement. */
  async takeItemNumber(ledgerId: string): Promise<number> {
    const numbered = await this.db
      .createQueryBuilder()
      .update(Ledger)
      .set({ itemsRegistered: () => 'items_registered + 1' })
      .where('id = :id', { id: ledgerId })
      .returning('items_registered')
      .execute();
    return Number((numbered.raw as Array<{ items_registered: number }>)[0].items_registered);
  }
}
