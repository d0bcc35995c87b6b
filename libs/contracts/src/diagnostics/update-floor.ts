import { defineSignal, defineUpdate } from '@temporalio/workflow';

/**
 * The engine's floor for one stage transition (see workflows/diagnostics/update-floor.workflow.ts):
 * an update that, like a household's step, runs one local activity — here one that does nothing.
 */
export const floorStepUpdate = defineUpdate<number, [{ withLocalActivity: boolean }]>('floorStep');

/** Ends the floor workflow once every update it took has finished. */
export const floorFinishSignal = defineSignal('floorFinish');
