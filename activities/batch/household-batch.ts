import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { householdCommandUpdate } from '../../libs/contracts/src/housing/household-pipeline';
import type { Batch } from '../../libs/database/src/batch/batch.entity';
import type { HouseholdFilter } from '../../libs/database/src/housing/household-filter';
import { HouseholdQueries } from '../../libs/database/src/housing/households.queries';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import { mayTakeHouseholdStep, NOT_YOUR_HOUSEHOLD } from '../../libs/domain/src/housing/household-access';
import type { HouseholdCommand } from '../../libs/domain/src/housing/household-process';
import { STAGE_LABELS } from '../../libs/domain/src/housing/household-stages';
import { callerOf, sendStep, type BatchKindHandler } from './batch-kind';

/** `household-step`: one step of the housing pipeline on a programme's households. */
export function householdBatch(dataSource: DataSource, client: Client): BatchKindHandler {
  return {
    async resolve(manager, batch) {
      const filter = batch.filter as HouseholdFilter & { programme: string };
      const programme = await new ProgrammeQueries(manager).byIdOrFail(filter.programme);
      const caller = callerOf(batch);
      const households = await new HouseholdQueries(manager).forBatch(
        programme,
        filter,
        caller,
        batch.createdAt,
      );
      const stepType = (batch.step as HouseholdCommand).type;
      return households.map((h) => ({
        objectId: h.id,
        label: `${h.householdNo} ${h.headName}`,
        refusal: mayTakeHouseholdStep(
          caller,
          { villagePath: h.villagePath, housingBureau: programme.housingBureau },
          stepType,
        )
          ? null
          : NOT_YOUR_HOUSEHOLD,
      }));
    },

    async apply(batch: Batch, item) {
      const household = await new HouseholdQueries(dataSource.manager).byIdOrFail(item.objectId);
      if (household.stage === 'moved-in' || household.stage === 'withdrawn')
        return {
          code: household.stage === 'moved-in' ? 'FINISHED' : 'WITHDRAWN',
          message: `该户${STAGE_LABELS[household.stage]}，不能再办理`,
        };
      return sendStep(client, batch, item.objectId, household.workflowId, householdCommandUpdate);
    },
  };
}
