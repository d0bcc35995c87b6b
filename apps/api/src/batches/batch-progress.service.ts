import { Injectable } from '@nestjs/common';
import { BatchQueries } from '../../../../libs/database/src/batch/batch.queries';
import type { CurrentUser } from '../access/current-user';
import { BatchErrors } from './batch.errors';
import type { BatchItemsQuery, BatchView } from './dto/batch.dto';

/** A batch's progress and its objects' results, for the one who started it (and those who oversee). */
@Injectable()
export class BatchProgressService {
  constructor(private readonly batches: BatchQueries) {}

  async progress(caller: CurrentUser, id: string, query: BatchItemsQuery): Promise<BatchView> {
    const batch = await this.batches.batch(id);
    const oversees = caller.roles.includes('command-center') || caller.roles.includes('admin');
    if (!batch || (batch.createdBy !== caller.id && !oversees))
      throw BatchErrors.error('BATCH_NOT_FOUND', `批量任务 ${id} 不存在`);
    const counts = await this.batches.resultCounts(id);
    const applied = counts.applied ?? 0;
    const refused = counts.refused ?? 0;
    const notReached = counts['not-reached'] ?? 0;
    const page = await this.batches.itemsPage(id, query.result, query.page, query.pageSize);
    return {
      id: batch.id,
      kind: batch.kind as BatchView['kind'],
      status: batch.status,
      total: batch.total,
      done: applied + refused + notReached,
      applied,
      refused,
      notReached,
      createdAt: batch.createdAt.toISOString(),
      finishedAt: batch.finishedAt?.toISOString() ?? null,
      page: query.page,
      pageSize: query.pageSize,
      itemsTotal: page.total,
      items: page.items.map((item) => ({
        seq: item.seq,
        objectId: item.objectId,
        label: item.label,
        result: item.result,
        code: item.code,
        message: item.message,
        finishedAt: item.finishedAt?.toISOString() ?? null,
      })),
    };
  }
}
