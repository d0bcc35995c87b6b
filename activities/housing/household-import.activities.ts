import { Context, heartbeat } from '@temporalio/activity';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import type { HouseholdPipelineInput } from '../../libs/contracts/src/housing/household-pipeline';
import { ProcessKind, ResponsibleUnit } from '../../libs/contracts/src/search-attributes';
import { HouseholdImportQueries } from '../../libs/database/src/housing/household-imports.queries';
import { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import { Household } from '../../libs/database/src/housing/household.entity';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import { householdParties } from '../../libs/domain/src/housing/programme-rules';

export interface PipelineStarterSettings {
  client: Client;
  taskQueue: string;
  /** Households one activity call starts. */
  chunk: number;
}

// Starts in flight at once: enough to keep the server busy without flooding a small machine.
export const PARALLEL_STARTS = 20;

/** Attempts (1 s, 2 s, 4 s … apart) after which an import row never seen is taken as never committed. */
const NOT_COMMITTED_AFTER_ATTEMPTS = 10;

/** The workflow input of an imported household, from its read-model row and its programme. */
export function pipelineInput(household: Household, programme: HousingProgramme): HouseholdPipelineInput {
  return {
    facts: {
      householdId: household.id,
      programmeId: household.programmeId,
      householdNo: household.householdNo,
      headName: household.headName,
      village: household.village,
      township: household.township,
      villagePath: household.villagePath,
      registeredPoor: household.registeredPoor,
      houseRating: household.state.houseRating,
      plannedSubsidyFen: household.plannedSubsidyFen,
      workflowId: household.workflowId,
    },
    rules: {
      stageDeadlines: programme.stageDeadlines,
      stallAfter: programme.stallAfter,
      paymentDueAfter: programme.paymentDueAfter,
      timerJitter: programme.timerJitter,
      ladder: programme.ladder,
      parties: householdParties(programme, household),
    },
    state: household.state,
  };
}

/**
 * Starting the pipelines of an imported batch, a chunk per call, with a fixed number of starts in
 * flight (a new one begins as soon as one ends, not in waves). Each household's workflow id is
 * fixed, so a retried chunk finds the already started ones and carries on: none starts twice.
 */
export function createHouseholdImportActivities(dataSource: DataSource, starter: PipelineStarterSettings) {
  const imports = new HouseholdImportQueries(dataSource.manager);
  const programmes = new ProgrammeQueries(dataSource.manager);
  async function startPipeline(household: Household, programme: HousingProgramme): Promise<void> {
    try {
      await starter.client.workflow.start('householdPipelineWorkflow', {
        taskQueue: starter.taskQueue,
        workflowId: household.workflowId,
        args: [pipelineInput(household, programme)],
        typedSearchAttributes: new TypedSearchAttributes([
          { key: ProcessKind, value: 'housing' },
          { key: ResponsibleUnit, value: household.township },
        ]),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  return {
    async startImportedPipelines({ importId }: { importId: string }): Promise<{ remaining: number }> {
      // The request starts this workflow inside the transaction that stores the import: the first
      // call may come before that commits. Retried until it is visible; an import whose
      // transaction never committed (the request failed after the start) has nothing to start.
      if (!(await imports.isStored(importId))) {
        if (Context.current().info.attempt < NOT_COMMITTED_AFTER_ATTEMPTS)
          throw new Error(`import ${importId} is not committed yet`);
        return { remaining: 0 };
      }
      const pending = await imports.notStarted(importId, starter.chunk);
      if (pending.length === 0) return { remaining: 0 };
      const programme = await programmes.byIdOrFail(pending[0].programmeId);
      const limit = pLimit(PARALLEL_STARTS);
      let done = 0;
      await Promise.all(
        pending.map((household) =>
          limit(async () => {
            await startPipeline(household, programme);
            heartbeat(++done);
          }),
        ),
      );
      // Only rows this call flips count, so a retried chunk adds nothing twice.
      const remaining = await imports.markStarted(
        importId,
        pending.map((h) => h.id),
      );
      return { remaining: Math.max(remaining, 0) };
    },

    async finishImport({ importId }: { importId: string }): Promise<void> {
      await imports.finish(importId);
    },
  };
}
