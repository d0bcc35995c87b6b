import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EscalationStep } from '../../../../../libs/domain/src/escalation/ladder';
import {
  HOUSEHOLD_STAGES,
  type HouseholdStage,
} from '../../../../../libs/domain/src/housing/household-stages';
import { ApiDeadlineDate, DEADLINE_DATE_DESCRIPTION } from '../../common/deadline-date';
import { EvidenceView } from '../../common/evidence/evidence-view.dto';
import { TimelineEntryView } from '../../common/timeline/timeline-entry.view';

export class ProgrammeView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() housingBureau!: string;
  @ApiProperty({ description: 'stage → ISO instant' }) stageDeadlines!: Record<string, string>;
  @ApiProperty({ description: `stage → ${DEADLINE_DATE_DESCRIPTION}` })
  stageDeadlineDates!: Record<string, string | null>;
  @ApiProperty() noticePeriods!: Record<string, string | null>;
  @ApiProperty() stallAfter!: string;
  @ApiProperty() paymentDueAfter!: string;
  @ApiProperty() timerJitter!: string;
  @ApiProperty({ type: Object, isArray: true }) ladder!: EscalationStep[];
  @ApiProperty() createdAt!: string;
}

export class ImportView {
  @ApiProperty() id!: string;
  @ApiProperty() programmeId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'households in the file' }) households!: number;
  @ApiProperty({ description: 'pipelines started so far' }) started!: number;
  @ApiProperty({ enum: ['starting', 'done'] }) status!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class HouseholdSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() programmeId!: string;
  @ApiProperty() householdNo!: string;
  @ApiProperty() headName!: string;
  @ApiProperty() village!: string;
  @ApiProperty() township!: string;
  @ApiProperty() registeredPoor!: boolean;
  @ApiProperty() houseRating!: string;
  @ApiProperty() plannedSubsidyYuan!: string;
  @ApiProperty({ enum: HOUSEHOLD_STAGES }) stage!: HouseholdStage;
  @ApiProperty() stageLabel!: string;
  @ApiPropertyOptional() approvalLevel!: string | null;
  @ApiPropertyOptional() noticeEndsAt!: string | null;
  @ApiProperty() openObjections!: number;
  @ApiPropertyOptional({ description: 'the current stage’s deadline' }) stageDeadline!: string | null;
  @ApiDeadlineDate() stageDeadlineDate!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() stalled!: boolean;
  @ApiProperty() lastProgressAt!: string;
  @ApiPropertyOptional() paymentStatus!: string | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() version!: number;
}

export class HouseholdPage {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [HouseholdSummaryView] }) items!: HouseholdSummaryView[];
}

/** A household's timeline entry: the shared entry and the stage the household was in. */
export class HouseholdEventView extends TimelineEntryView {
  @ApiProperty() stage!: string;
}

/** The last failed try of the subsidy payment while the gateway keeps failing (retried without limit). */
export class PaymentFailureView {
  @ApiProperty({ description: 'the payment attempt (a retry-payment after a refusal is the next one)' })
  attempt!: number;
  @ApiProperty({ description: 'the try of this attempt that failed last (1, 2, …)' }) try!: number;
  @ApiProperty({ example: '支付渠道无应答：connect ECONNREFUSED' }) reason!: string;
  @ApiProperty() failedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'when the next try is due (null: none scheduled)',
  })
  nextTryAt!: string | null;
}

export class HouseholdDetailView extends HouseholdSummaryView {
  @ApiProperty({ description: 'approval objections, acceptance signatures, payment' })
  approval!: unknown;
  @ApiProperty() acceptanceSignatures!: unknown[];
  @ApiProperty() missingSignatures!: string[];
  @ApiPropertyOptional() payment!: unknown;
  @ApiPropertyOptional({
    type: PaymentFailureView,
    nullable: true,
    description:
      'while the gateway keeps failing: the last failure’s reason and the next try; null otherwise',
  })
  paymentFailure!: PaymentFailureView | null;
  @ApiPropertyOptional() withdrawn!: unknown;
  @ApiProperty({ type: [HouseholdEventView] }) timeline!: HouseholdEventView[];
  @ApiProperty({ type: [EvidenceView] }) evidence!: EvidenceView[];
}

export class BulkStepResult {
  @ApiProperty() householdId!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() stage?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

export class ReconciledHouseholdView {
  @ApiProperty() householdId!: string;
  @ApiProperty() householdNo!: string;
}

export class ReconcileReportView {
  @ApiProperty({ description: 'households compared with their workflow' }) checked!: number;
  @ApiProperty({
    type: [ReconciledHouseholdView],
    description: 'rows that were ahead of their workflow and were rewritten from its state (audited)',
  })
  repaired!: ReconciledHouseholdView[];
  @ApiProperty({
    type: [ReconciledHouseholdView],
    description: 'households whose workflow did not answer (Temporal or the worker away): not checked',
  })
  unanswered!: ReconciledHouseholdView[];
}

export class StageCountView {
  @ApiProperty() stage!: string;
  @ApiProperty() label!: string;
  @ApiProperty() households!: number;
}

export class TownshipProgressView {
  @ApiProperty() township!: string;
  @ApiProperty() name!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'stage → households' }) byStage!: Record<string, number>;
}

export class OverdueStageView {
  @ApiProperty() stage!: string;
  @ApiProperty() label!: string;
  @ApiProperty() deadline!: string;
  @ApiDeadlineDate() deadlineDate!: string | null;
  @ApiProperty() households!: number;
}

export class ProgrammeProgressView {
  @ApiProperty() programmeId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty() households!: number;
  @ApiProperty({ type: [StageCountView] }) byStage!: StageCountView[];
  @ApiProperty({ type: [TownshipProgressView] }) byTownship!: TownshipProgressView[];
  @ApiProperty({ type: [OverdueStageView] }) overdueByStage!: OverdueStageView[];
  @ApiProperty({ description: 'households with no progress for the stall time' }) stalled!: number;
  @ApiProperty({ description: 'households escalated, by current level' }) escalated!: Record<string, number>;
}

export class MonthlyTownshipRow {
  @ApiProperty() township!: string;
  @ApiProperty() name!: string;
  @ApiProperty() households!: number;
  @ApiProperty() startedInMonth!: number;
  @ApiProperty() startedCumulative!: number;
  @ApiProperty() completedInMonth!: number;
  @ApiProperty() completedCumulative!: number;
  @ApiProperty() registeredPoor!: number;
}

export class MonthlyReportView {
  @ApiProperty() programmeId!: string;
  @ApiProperty() programmeName!: string;
  @ApiProperty({ example: '2019-06' }) month!: string;
  @ApiProperty({ type: [MonthlyTownshipRow] }) townships!: MonthlyTownshipRow[];
  @ApiProperty({ type: MonthlyTownshipRow }) total!: Omit<MonthlyTownshipRow, 'township' | 'name'>;
  @ApiProperty({
    description: 'registered-poor households / households in the programme (withdrawn excluded)',
  })
  registeredPoorShare!: number;
  @ApiProperty({ description: 'the rule: at least this share must be registered poor households' })
  registeredPoorMinimum!: number;
  @ApiProperty({ description: 'true when the programme is below the rule' })
  belowRegisteredPoorRule!: boolean;
}
