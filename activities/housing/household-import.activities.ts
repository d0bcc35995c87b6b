import { heartbeat } from '@temporalio/activity';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { HouseholdPipelineInput } from '../../libs/contracts/src/housing/household-pipeline';
import { ProcessKind, ResponsibleUnit } from '../../libs/contracts/src/search-attributes';
import { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import { Household } from '../../libs/database/src/housing/household.entity';
import { householdParties } from '../../libs/domain/src/housing/programme-rules';

export interface PipelineStarterSettings {
  client: Client;
  taskQueue: string;
  /** Households one activity call starts. */
  chunk: number;
}

// Starts in flight at once: enough to keep the server busy without flooding a small machine.
const PARALLEL_STARTS = 20;

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
 * Starting the pipelines of an imported batch, a chunk per call. Each household's workflow id is
 * fixed, so a retried chunk finds the already started ones and carries on: none starts twice.
 */
export function createHouseholdImportActivities(dataSource: DataSource, starter: PipelineStarterSettings) {
  return {
    async startImportedPipelines({ importId }: { importId: string }): Promise<{ remaining: number }> {
      const pending = await dataSource.getRepository(Household).find({
        where: { importId, pipelineStarted: false },
        order: { householdNo: 'ASC' },
        take: starter.chunk,
      });
      if (pending.length === 0) return { remaining: 0 };
      const programme = await dataSource
        .getRepository(HousingProgramme)
        .findOneByOrFail({ id: pending[0].programmeId });
      for (let i = 0; i < pending.length; i += PARALLEL_STARTS) {
        await Promise.all(
          pending.slice(i, i + PARALLEL_STARTS).map(async (household) => {
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
          }),
        );
        heartbeat(i);
      }
      await dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE household SET pipeline_started = true WHERE id = ANY($1)`, [
          pending.map((h) => h.id),
        ]);
        await manager.query(
          `UPDATE household_import SET started = (SELECT count(*) FROM household WHERE import_id = $1 AND pipeline_started)
            WHERE id = $1`,
          [importId],
        );
      });
      const [{ count }] = await dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM household WHERE import_id = $1 AND NOT pipeline_started`,
        [importId],
      );
      return { remaining: count };
    },

    async finishImport({ importId }: { importId: string }): Promise<void> {
      await dataSource.query(
        `UPDATE household_import SET status = 'done', finished_at = coalesce(finished_at, now()) WHERE id = $1`,
        [importId],
      );
    },
  };
}
