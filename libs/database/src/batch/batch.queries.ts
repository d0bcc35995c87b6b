import type { BatchItemResult } from '../../../contracts/src/batch/batch';
import { Queries } from '../queries';
import { BatchItem } from './batch-item.entity';
import { Batch } from './batch.entity';

/** A batch as it is recorded before its workflow starts (the row the workflow reads). */
export type NewBatch = Omit<Batch, 'createdAt'>;

/** Batches as their starter reads them: the row, its objects' result counts, a page of objects. */
export class BatchQueries extends Queries {
  /** Records the batch once: a keyed retry deriving the same id inserts nothing. */
  async recordOnce(batch: NewBatch): Promise<void> {
    await this.db.createQueryBuilder().insert().into(Batch).values(batch).orIgnore().execute();
  }

  batch(id: string): Promise<Batch | null> {
    return this.db.getRepository(Batch).findOneBy({ id });
  }

  /** How many of the batch's objects have each result (a result none has is left out). */
  async resultCounts(batchId: string): Promise<Partial<Record<BatchItemResult, number>>> {
    const rows = await this.db.query<Array<{ result: BatchItemResult; n: number }>>(
      `SELECT result, count(*)::int AS n FROM batch_item WHERE batch_id = $1 GROUP BY result`,
      [batchId],
    );
    return Object.fromEntries(rows.map((row) => [row.result, row.n]));
  }

  /** One page of the batch's objects in their frozen order, of one result or all, with their total. */
  async itemsPage(
    batchId: string,
    result: BatchItemResult | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: BatchItem[]; total: number }> {
    const [items, total] = await this.db.getRepository(BatchItem).findAndCount({
      where: { batchId, ...(result ? { result } : {}) },
      order: { seq: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }
}
