import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { startImportedPipelines, finishImport } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Starts the pipelines of an imported batch of households, a chunk at a time, so an import of
 * 10,000 rows answers at once and its progress survives a crash of the API or the worker.
 */
export async function householdImportWorkflow({ importId }: { importId: string }): Promise<void> {
  for (;;) {
    const { remaining } = await startImportedPipelines({ importId });
    if (remaining === 0) break;
  }
  await finishImport({ importId });
}
