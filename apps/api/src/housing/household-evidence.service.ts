import { Injectable } from '@nestjs/common';
import type { HouseholdEvidence } from '../../../../libs/database/src/housing/household-evidence.entity';
import { HouseholdQueries } from '../../../../libs/database/src/housing/households.queries';
import { auditActor, CurrentUser } from '../access/current-user';
import { evidenceWithContent, receiveEvidence } from '../common/evidence/evidence-files';
import type { HouseholdDetailView } from './dto/housing-view.dto';
import { HouseholdStepsService } from './household-steps.service';
import { assertMayTakeStep } from './housing-access';
import { HouseholdsService } from './households.service';

/** Photos and documents of a household's steps: attached through its pipeline, downloaded by who may see it. */
@Injectable()
export class HouseholdEvidenceService {
  constructor(
    private readonly rows: HouseholdQueries,
    private readonly households: HouseholdsService,
    private readonly steps: HouseholdStepsService,
  ) {}

  /** Stores the file, then records it in the pipeline; the file is kept only if the step is accepted. */
  async attachEvidence(
    caller: CurrentUser,
    id: string,
    file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<HouseholdDetailView> {
    const { household, programme } = await this.households.visible(caller, id);
    assertMayTakeStep(
      caller,
      { villagePath: household.villagePath, housingBureau: programme.housingBureau },
      'attach-evidence',
    );
    await receiveEvidence({
      files: this.rows.evidenceFiles(),
      ownerId: id,
      owner: { householdId: id },
      file,
      uploadedBy: auditActor(caller).name,
      send: (step) => this.steps.dispatch(caller, household, step),
    });
    return this.households.detail(caller, id);
  }

  async evidenceContent(caller: CurrentUser, id: string, evidenceId: string): Promise<HouseholdEvidence> {
    await this.households.visible(caller, id);
    return evidenceWithContent(this.rows.evidenceFiles(), evidenceId, {
      household_id: id,
    });
  }
}
