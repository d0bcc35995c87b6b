/** Kinds of batch a person can run over "all that match this filter". */
export const BATCH_KINDS = ['household-step'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** What became of one object of a batch. `pending` until reached; `not-reached` if the batch ended first. */
export const BATCH_ITEM_RESULTS = ['pending', 'applied', 'refused', 'not-reached'] as const;
export type BatchItemResult = (typeof BATCH_ITEM_RESULTS)[number];

export const batchWorkflowId = (batchId: string) => `batch:${batchId}`;

/** The update id of one object's step in a batch: a retried or resumed batch never applies it twice. */
export const batchUpdateId = (batchId: string, objectId: string) => `batch:${batchId}:${objectId}`;

export interface BatchWorkflowInput {
  batchId: string;
}
