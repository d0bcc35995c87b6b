import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { Environment } from '../../../../libs/config/src/environment';
import { householdCommandUpdate } from '../../../../libs/contracts/src/housing/household-pipeline';
import type { Household } from '../../../../libs/database/src/housing/household.entity';
import { HouseholdQueries } from '../../../../libs/database/src/housing/households.queries';
import type { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import type { HouseholdCommand } from '../../../../libs/domain/src/housing/household-process';
import { STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { auditActor, CurrentUser } from '../access/current-user';
import { describeFailure, notSentAfterOutage, OUTAGE_CODES } from '../common/describe-failure';
import { executeCommandUpdate } from '../common/workflow-wait';
import type { BulkStepResult, HouseholdDetailView } from './dto/housing-view.dto';
import { assertMayTakeStep } from './housing-access';
import { HousingErrors } from './housing.errors';
import { HouseholdsService } from './households.service';
import { ProgrammesService } from './programmes.service';

/** Households of a bulk step sent to their pipelines at once. */
const BULK_PARALLEL = 8;

/**
 * Steps on households, one or many: the per-object check here, the process's legality in each
 * household's pipeline.
 */
@Injectable()
export class HouseholdStepsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly rows: HouseholdQueries,
    private readonly households: HouseholdsService,
    private readonly programmes: ProgrammesService,
  ) {}

  async step(caller: CurrentUser, id: string, command: HouseholdCommand): Promise<HouseholdDetailView> {
    await this.send(caller, id, command);
    return this.households.detail(caller, id);
  }

  /** Checks the caller may take the step on this household, then hands it to the pipeline. */
  private async send(caller: CurrentUser, id: string, command: HouseholdCommand): Promise<string> {
    const { household, programme } = await this.households.visible(caller, id);
    assertMayTakeStep(
      caller,
      { villagePath: household.villagePath, housingBureau: programme.housingBureau },
      command.type,
    );
    return this.dispatch(caller, household, command);
  }

  /** Sends the step to the household's pipeline; answers the stage it is in after the step. */
  async dispatch(caller: CurrentUser, household: Household, command: HouseholdCommand): Promise<string> {
    if (household.stage === 'moved-in' || household.stage === 'withdrawn')
      throw HousingErrors.error(
        household.stage === 'moved-in' ? 'FINISHED' : 'WITHDRAWN',
        `该户${STAGE_LABELS[household.stage]}，不能再办理`,
      );
    const result = await executeCommandUpdate(
      this.temporal,
      this.env.COMMAND_WAIT_SECONDS,
      household.workflowId,
      householdCommandUpdate,
      [{ command, actor: auditActor(caller) }],
    );
    return result.stage;
  }

  /**
   * Records one step for many households. Every household must be the caller's to act on, or the
   * whole request is refused (403, naming them); then each is sent on its own and gets its own
   * result, so one household in the wrong stage does not hold back the others.
   */
  async bulk(
    caller: CurrentUser,
    householdIds: string[],
    command: HouseholdCommand,
  ): Promise<BulkStepResult[]> {
    const households = await this.rows.byIds(householdIds);
    const programmes = new Map<string, HousingProgramme>();
    for (const programmeId of new Set(households.map((h) => h.programmeId)))
      programmes.set(programmeId, await this.programmes.programme(programmeId));
    const byId = new Map(households.map((h) => [h.id, h]));
    const notYours = householdIds.filter((id) => {
      const household = byId.get(id);
      if (!household) return true;
      try {
        const scope = {
          villagePath: household.villagePath,
          housingBureau: programmes.get(household.programmeId)!.housingBureau,
        };
        assertMayTakeStep(caller, scope, command.type);
        return false;
      } catch {
        return true;
      }
    });
    if (notYours.length > 0)
      throw HousingErrors.error(
        'NOT_YOUR_HOUSEHOLD',
        `有 ${notYours.length} 户不存在或无权办理，本次未执行任何操作`,
        notYours.map((householdId) => ({ householdId })),
      );
    // BULK_PARALLEL kept in flight (a new one as soon as one is answered, not in waves); after an
    // outage the rest are not sent (each would wait out the same bound) and say so.
    const limit = pLimit(BULK_PARALLEL);
    let outage: string | undefined;
    return Promise.all(
      householdIds.map((householdId) =>
        limit(async (): Promise<BulkStepResult> => {
          if (outage) return { householdId, ok: false, ...notSentAfterOutage(outage) };
          try {
            return {
              householdId,
              ok: true,
              stage: await this.dispatch(caller, byId.get(householdId)!, command),
            };
          } catch (error) {
            const failure = describeFailure(error);
            if (OUTAGE_CODES.has(failure.code)) outage = failure.code;
            return { householdId, ok: false, ...failure };
          }
        }),
      ),
    );
  }
}
