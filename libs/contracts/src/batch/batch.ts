/** Kinds of batch a person can run over "all that match this filter". */
export const BATCH_KINDS = ['household-step', 'rectification-step', 'campaign-task-step'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** What became of one object of a batch. `pending` until reached; `not-reached` if the batch ended first. */
export const BATCH_ITEM_RESULTS = ['pending', 'applied', 'refused', 'not-reached'] as const;
export type BatchItemResult = (typeof BATCH_ITEM_RESULTS)[number];

export const batchWorkflowId = (batchId: string) => `batch:${batchId}`;

/**
 * Steps a county takes on many rectification items at once: the command center pauses or resumes
 * items (a flood season, a court case), decides the pending extension requests and reassigns; a
 * department records the same progress note on its items (一周一通报). Close-out (accept/reject)
 * rests on each item's evidence and is taken one at a time.
 */
export const ITEM_BATCH_STEPS = [
  'pause',
  'resume',
  'decide-extension',
  'reassign',
  'record-progress',
] as const;
export type ItemBatchStepType = (typeof ITEM_BATCH_STEPS)[number];

/**
 * Steps the command center takes on many campaign tasks at once: accepting the submitted ones and
 * extending deadlines. Progress is reported per task (its own quantity or percentage), returns
 * name each task's own shortcoming.
 */
export const TASK_BATCH_STEPS = ['accept', 'extend'] as const;
export type TaskBatchStepType = (typeof TASK_BATCH_STEPS)[number];

/** The update id of one object's step in a batch: a retried or resumed batch never applies it twice. */
export const batchUpdateId = (batchId: string, objectId: string) => `batch:${batchId}:${objectId}`;

export interface BatchWorkflowInput {
  batchId: string;
}
