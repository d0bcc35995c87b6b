import { declareErrors } from '../common/errors/error-catalogue';

/** Codes of batches (acting on every object a filter matches). */
export const BatchErrors = declareErrors('batches', {
  BATCH_NOT_FOUND: { status: 404, message: '批量任务不存在' },
});
