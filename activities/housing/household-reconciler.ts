import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { householdStateQuery } from '../../libs/contracts/src/housing/household-pipeline';
import type { Household } from '../../libs/database/src/housing/household.entity';
import type { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import { HouseholdQueries } from '../../libs/database/src/housing/households.queries';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import type { HouseholdState } from '../../libs/domain/src/housing/household-process';
import { pipelineInput } from './household-import.activities';
import { reconcileHousehold } from './household.activities';

export interface ReconcileReport {
  checked: number;
  /** Households whose row was ahead of their workflow and was rewritten from it. */
  repaired: string[];
  /** Households whose workflow did not answer (Temporal or the worker away): checked next pass. */
  unanswered: string[];
  /**
   * Households found in step with their workflow, by the row's version then: given back to the next
   * periodic pass as `inStep`, which asks those workflows again only once their row has changed.
   */
  inStep: Map<string, number>;
}

/**
 * Which households a pass compares: those changed in the last minutes (the periodic pass), the
 * given ids, or a programme's (all of them, or only the given ids among them: on demand).
 */
export type ReconcileScope =
  | { changedWithinMinutes: number; inStep?: ReadonlyMap<string, number> }
  | { householdIds: string[] }
  | { programmeId: string; householdIds?: string[] };

/** How long one workflow's `state` query may take before the household is left to the next pass. */
const QUERY_DEADLINE_MS = 5000;
const PARALLEL = 8;

/**
 * Compares households' read-model rows with their workflows' own state (the `state` query) and
 * repairs every row that ran ahead (`reconcileHousehold`), over a `ReconcileScope`. Safe to run in
 * several workers at once: each repair locks its row and a second one finds it in step.
 *
 * A row found in step stays so until it is written again (a row runs ahead only by a projection,
 * which raises its version), so a periodic pass skips the rows still at the version an earlier pass
 * found in step (`inStep`): each change costs one query instead of one per pass while it is in the
 * window. That matters after a shared deadline, when every household has changed and a query on a
 * workflow the worker does not cache replays its whole history on the worker.
 */
export async function reconcileHouseholds(
  deps: { dataSource: DataSource; client: Client },
  scope: ReconcileScope,
): Promise<ReconcileReport> {
  const households = await new HouseholdQueries(deps.dataSource.manager).selected(
    'changedWithinMinutes' in scope
      ? { changedSince: new Date(Date.now() - scope.changedWithinMinutes * 60_000) }
      : scope,
  );
  const programmeRows = new ProgrammeQueries(deps.dataSource.manager);
  const programmes = new Map<string, HousingProgramme>();
  const report: ReconcileReport = { checked: 0, repaired: [], unanswered: [], inStep: new Map() };
  const knownInStep = 'changedWithinMinutes' in scope ? scope.inStep : undefined;
  const check = async (household: Household) => {
    if (knownInStep?.get(household.id) === household.version) {
      report.inStep.set(household.id, household.version);
      return;
    }
    let programme = programmes.get(household.programmeId);
    if (!programme) {
      programme = await programmeRows.byIdOrFail(household.programmeId);
      programmes.set(programme.id, programme);
    }
    let workflowState: HouseholdState;
    try {
      workflowState = await deps.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        deps.client.workflow.getHandle(household.workflowId).query(householdStateQuery),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) report.unanswered.push(household.id);
      return;
    }
    const { facts, rules } = pipelineInput(household, programme);
    const outcome = await deps.dataSource.transaction((manager) =>
      reconcileHousehold(manager, { facts, rules }, workflowState),
    );
    report.checked++;
    if (outcome === 'repaired') report.repaired.push(household.id);
    else if (outcome === 'in-step') report.inStep.set(household.id, household.version);
  };
  for (let i = 0; i < households.length; i += PARALLEL)
    await Promise.all(households.slice(i, i + PARALLEL).map(check));
  return report;
}
