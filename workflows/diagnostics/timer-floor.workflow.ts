import { proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { workflowNow } from '../common/workflow-time';

const { floorEcho } = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute' });

/**
 * The least a household woken by a shared deadline can cost the engine: a workflow that waits on a
 * durable timer for one instant, then runs one local activity that does nothing (as a household due
 * runs its projection) and completes. `npm run bench:drain-floor` starts N of them with the same
 * instant, so the time and CPU the engine alone needs to drain a shared deadline stand beside a
 * programme's (`npm run bench:housing -- N PT0S`).
 */
export async function timerFloorWorkflow(dueAt: string): Promise<number> {
  const wait = Date.parse(dueAt) - workflowNow().getTime();
  if (wait > 0) await sleep(wait);
  return floorEcho(1);
}
