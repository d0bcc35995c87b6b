import { Injectable } from '@nestjs/common';
import type { Household } from '../../../../libs/database/src/housing/household.entity';
import { HouseholdQueries } from '../../../../libs/database/src/housing/households.queries';
import type { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { isStageOverdue } from '../../../../libs/domain/src/housing/household-escalation';
import { isActiveStage, STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import { householdParties } from '../../../../libs/domain/src/housing/programme-rules';
import { missingParties } from '../../../../libs/domain/src/sign-off/sign-off';
import { addIsoDuration } from '../../../../libs/domain/src/time/iso-duration';
import type { CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import type { HouseholdsQuery } from './dto/household.dto';
import type { HouseholdDetailView, HouseholdPage, HouseholdSummaryView } from './dto/housing-view.dto';
import { maySeeHousehold } from './housing-access';
import { HousingErrors } from './housing.errors';
import { ProgrammesService } from './programmes.service';
import { timelineEntryView } from '../common/timeline/timeline-entry.view';
import { evidenceView } from '../common/evidence/evidence-view.dto';

// batches/batch-start.service.ts takes it from here.
export { stepCommand } from './household-step-command';

const notFound = (id: string) => HousingErrors.error('HOUSEHOLD_NOT_FOUND', `农户 ${id} 不存在`);

/** The moment before which no progress means a household of this programme is stalled. */
export const stallThreshold = (programme: HousingProgramme, now: Date) =>
  addIsoDuration(now, `-${programme.stallAfter}`);

export function householdSummary(
  household: Household,
  programme: HousingProgramme,
  now = new Date(),
): HouseholdSummaryView {
  const deadline = isActiveStage(household.stage)
    ? (programme.stageDeadlines[household.stage] ?? null)
    : null;
  return {
    id: household.id,
    programmeId: household.programmeId,
    householdNo: household.householdNo,
    headName: household.headName,
    village: household.village,
    township: household.township,
    registeredPoor: household.registeredPoor,
    houseRating: household.houseRating,
    plannedSubsidyYuan: (household.plannedSubsidyFen / 100).toFixed(2),
    stage: household.stage,
    stageLabel: STAGE_LABELS[household.stage],
    approvalLevel: household.approvalLevel,
    noticeEndsAt: household.noticeEndsAt?.toISOString() ?? null,
    openObjections: household.openObjections,
    stageDeadline: deadline,
    stageDeadlineDate: deadlineDateOf(deadline),
    overdue: isStageOverdue(household.state, programme, now.toISOString()),
    stalled: isActiveStage(household.stage) && household.lastProgressAt < stallThreshold(programme, now),
    lastProgressAt: household.lastProgressAt.toISOString(),
    paymentStatus: household.paymentStatus,
    escalationLevel: household.escalationLevel,
    version: household.version,
  };
}

/**
 * Households of the housing-repair programmes as the caller may see them: lists and details from
 * the read model. Steps are HouseholdStepsService's, evidence HouseholdEvidenceService's.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdQueries,
    private readonly programmes: ProgrammesService,
  ) {}

  async list(caller: CurrentUser, query: HouseholdsQuery): Promise<HouseholdPage> {
    const programme = await this.programmes.programme(query.programme);
    const now = new Date();
    // Ties broken by household number, then id, so that pages never overlap.
    const { rows, total } = await this.households.page(programme, query, caller, now);
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => householdSummary(row, programme, now)),
    };
  }

  /** The household and its programme, or 404 if it does not exist or the caller may not see it. */
  async visible(
    caller: CurrentUser,
    id: string,
  ): Promise<{ household: Household; programme: HousingProgramme }> {
    const household = await this.households.byId(id);
    if (!household) throw notFound(id);
    const programme = await this.programmes.programme(household.programmeId);
    if (
      !maySeeHousehold(caller, { villagePath: household.villagePath, housingBureau: programme.housingBureau })
    )
      throw notFound(id);
    return { household, programme };
  }

  async detail(caller: CurrentUser, id: string): Promise<HouseholdDetailView> {
    const { household, programme } = await this.visible(caller, id);
    const [events, evidence, failure] = await Promise.all([
      this.households.timelineOf(id),
      this.households.evidenceOf(id),
      // the last failed try while the gateway keeps failing (kept by the paySubsidy activity)
      this.households.paymentFailureOf(id),
    ]);
    const state = household.state;
    const parties = householdParties(programme, household);
    return {
      ...householdSummary(household, programme),
      approval: state.approval,
      acceptanceSignatures: state.acceptanceSignatures,
      missingSignatures:
        state.stage === 'acceptance'
          ? missingParties(parties.acceptance, state.acceptanceSignatures).map((p) => p.label)
          : [],
      payment: state.payment,
      paymentFailure:
        failure && state.stage === 'payment'
          ? {
              attempt: failure.payment_attempt,
              try: failure.try,
              reason: failure.reason,
              failedAt: failure.failed_at.toISOString(),
              nextTryAt: failure.next_try_at?.toISOString() ?? null,
            }
          : null,
      withdrawn: state.withdrawn,
      timeline: events.map((e) => ({ ...timelineEntryView(e), stage: e.stage })),
      evidence: evidence.map(evidenceView),
    };
  }
}
