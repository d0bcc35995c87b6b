import { FilterBatchButton as BatchByFilter } from '../../../shared/batch/FilterBatchDialog';
import { householdsKey } from './household-types';
import { BULK_STEP_KINDS, stepKind } from './step-kinds';
import { StepFields, stepBody, type StepFormValues } from './StepFields';
import type { HouseholdQuery } from './useHouseholdQuery';

/** The list's filter, as a batch takes it (paging and order aside). */
function batchFilter(query: HouseholdQuery, programme: string) {
  const { township, village, stage, overdue, stalled } = query;
  return { programme, township, village, stage, overdue, stalled };
}

/**
 * "对筛选结果全部执行" on the household table: one step on every household the filter matches, as
 * a tracked batch (shared/batch).
 */
export function FilterBatchButton({ query, programme }: { query: HouseholdQuery; programme: string }) {
  return (
    <BatchByFilter<(typeof BULK_STEP_KINDS)[number]['type'], StepFormValues>
      kind="household-step"
      filter={batchFilter(query, programme)}
      steps={BULK_STEP_KINDS}
      fields={(type) => <StepFields kind={stepKind(type)} />}
      toStep={(type, values) => stepBody(stepKind(type), values)}
      counter="户"
      objectTitle="农户"
      invalidates={[householdsKey(query)]}
      idPrefix="filter-batch"
    />
  );
}
