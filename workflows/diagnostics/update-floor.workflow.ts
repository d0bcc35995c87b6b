import { allHandlersFinished, condition, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { floorFinishSignal, floorStepUpdate } from '../../libs/contracts/src/diagnostics/update-floor';

const { floorEcho } = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute' });

/**
 * The least a stage transition can cost the engine: a workflow that takes updates and, when asked,
 * runs one local activity that does nothing, as a household's step runs its projection.
 * `npm run bench:layers` drives it like the households, so the Temporal server's and the worker's
 * CPU per update beside a household's transition shows what is the engine's and what is ours.
 */
export async function updateFloorWorkflow(): Promise<number> {
  let steps = 0;
  let finished = false;
  setHandler(floorStepUpdate, async ({ withLocalActivity }) => {
    if (withLocalActivity) await floorEcho(steps);
    return ++steps;
  });
  setHandler(floorFinishSignal, () => {
    finished = true;
  });
  await condition(() => finished && allHandlersFinished());
  return steps;
}
