import { Between } from 'typeorm';
import { Queries } from '../queries';
import { BatchItem } from './batch-item.entity';
import { Batch } from './batch.entity';

/** Frozen objects are inserted this many rows per statement. */
const INSERT_CHUNK = 1000;

/**
 * What `batchWorkflow`'s activities write: the frozen list of objects, each object's result, the
 * batch's status. `lockedForResolve`, `freeze` and `markRunning` run in one transaction.
 */
export class BatchRunQueries extends Queries {
  /** The batch, its row locked until the transaction ends (one resolver at a time). */
  lockedForResolve(batchId: string): Promise<Batch | null> {
    return this.db
      .getRepository(Batch)
      .findOne({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
  }

  async freeze(items: BatchItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += INSERT_CHUNK)
      await this.db.getRepository(BatchItem).insert(items.slice(i, i + INSERT_CHUNK));
  }

  async markRunning(batchId: string, total: number): Promise<void> {
    await this.db.getRepository(Batch).update({ id: batchId }, { status: 'running', total });
  }

  existingBatch(batchId: string): Promise<Batch> {
    return this.db.getRepository(Batch).findOneByOrFail({ id: batchId });
  }

  /** The objects still pending among `fromSeq`..`toSeq`, in order. */
  pendingBetween(batchId: string, fromSeq: number, toSeq: number): Promise<BatchItem[]> {
    return this.db.getRepository(BatchItem).find({
      where: { batchId, seq: Between(fromSeq, toSeq), result: 'pending' },
      order: { seq: 'ASC' },
    });
  }

  /** One object's result, recorded only while it is pending (a retried chunk changes nothing). */
  async recordResult(
    item: Pick<BatchItem, 'batchId' | 'seq'>,
    refusal: { code: string; message: string } | null,
  ): Promise<void> {
    await this.db
      .getRepository(BatchItem)
      .update(
        { batchId: item.batchId, seq: item.seq, result: 'pending' },
        refusal
          ? { result: 'refused', code: refusal.code, message: refusal.message, finishedAt: new Date() }
          : { result: 'applied', finishedAt: new Date() },
      );
  }

  /** Marks what is still pending as not reached and the running batch as finished. */
  async finish(batchId: string): Promise<void> {
    await this.db
      .getRepository(BatchItem)
      .update(
        { batchId, result: 'pending' },
        { result: 'not-reached', message: '未处理', finishedAt: new Date() },
      );
    await this.db
      .getRepository(Batch)
      .update({ id: batchId, status: 'running' }, { status: 'finished', finishedAt: new Date() });
  }
}
