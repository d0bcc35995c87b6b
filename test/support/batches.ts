import { eventually } from './eventually';
import type { TestSystem } from './test-system';

/** GET /api/batches/:id as a test reads it. */
export interface BatchBody {
  id: string;
  kind: string;
  status: string;
  total: number | null;
  done: number;
  applied: number;
  refused: number;
  notReached: number;
  itemsTotal: number;
  items: Array<{
    objectId: string;
    label: string;
    result: string;
    code: string | null;
    message: string | null;
  }>;
}

/** Polls a batch until it has finished (at most 30 s) and answers its first page of results. */
export function awaitBatch(system: TestSystem, auth: string, id: string): Promise<BatchBody> {
  return eventually(
    async () =>
      (await system.http().get(`/api/batches/${id}`).set('Authorization', auth).expect(200))
        .body as BatchBody,
    (body) => body.status === 'finished',
    `batch ${id}`,
    { timeoutMs: 30_000, failure: () => `batch ${id} did not finish` },
  );
}
