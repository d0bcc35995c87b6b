import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ResolvedPlan } from '../../../../../libs/domain/src/campaign/campaign-plan';
import type {
  CampaignBulletinPayload,
  FinalReport,
} from '../../../../../libs/domain/src/campaign/campaign-progress';
import { ApiDeadlineDate } from '../../common/deadline-date';
import { EvidenceView } from '../../common/evidence/evidence-view.dto';
import { TimelineEntryView } from '../../common/timeline/timeline-entry.view';

export class WindowView {
  @ApiProperty({ example: '2018-06-14T16:00:00.000Z' }) start!: string;
  @ApiProperty({ example: '2018-09-30T16:00:00.000Z' }) end!: string;
  @ApiDeadlineDate() endDate!: string | null;
}

export class CampaignView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '精准脱贫百日攻坚行动' }) name!: string;
  @ApiProperty({ enum: ['draft', 'running', 'paused', 'closed'] }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiProperty() planVersion!: number;
  @ApiProperty({ type: WindowView }) window!: WindowView;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() launchedAt!: string | null;
  @ApiPropertyOptional() launchedBy!: string | null;
  @ApiPropertyOptional({ description: 'units sign their pledge (责任状) by then' }) pledgeDeadline!:
    string | null;
  @ApiDeadlineDate() pledgeDeadlineDate!: string | null;
  @ApiPropertyOptional() pausedSince!: string | null;
  @ApiPropertyOptional() closedAt!: string | null;
}

export class PledgeView {
  @ApiProperty({ example: 'zjj' }) unit!: string;
  @ApiProperty({ example: '住建局' }) unitName!: string;
  @ApiProperty() signed!: boolean;
  @ApiPropertyOptional() signedAt!: string | null;
  @ApiPropertyOptional() signedBy!: string | null;
  @ApiProperty() escalationLevel!: number;
}

export class TaskSummaryView {
  @ApiProperty({ example: 'T4' }) key!: string;
  @ApiPropertyOptional() parentKey!: string | null;
  @ApiProperty() order!: number;
  @ApiProperty({ example: '危房改造安居行动' }) name!: string;
  @ApiProperty({ example: 'zjj', description: 'lead unit (牵头单位)' }) lead!: string;
  @ApiProperty({ example: ['fpb'], description: 'cooperating units (配合单位)' }) cooperating!: string[];
  @ApiProperty() isGroup!: boolean;
  @ApiProperty() dependsOn!: string[];
  @ApiProperty({ enum: ['in-progress', 'submitted', 'accepted'] }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiProperty() deadline!: string;
  @ApiDeadlineDate() deadlineDate!: string | null;
  @ApiProperty() originalDeadline!: string;
  @ApiDeadlineDate() originalDeadlineDate!: string | null;
  @ApiPropertyOptional({ example: { quantity: 747, unit: '户' } }) target!: {
    quantity: number;
    unit: string;
  } | null;
  @ApiPropertyOptional() quantityDone!: number | null;
  @ApiPropertyOptional() percentDone!: number | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() behindPace!: boolean;
  @ApiPropertyOptional() submittedAt!: string | null;
  @ApiPropertyOptional() acceptedAt!: string | null;
  @ApiPropertyOptional() closedAt!: string | null;
  @ApiProperty() version!: number;
}

export class CampaignDetailView extends CampaignView {
  @ApiProperty({ description: 'the current plan version as written (JSON; YAML is stored as JSON)' })
  document!: Record<string, unknown>;
  @ApiProperty({ description: 'the current plan resolved: instants, inherited units, defaults' })
  plan!: ResolvedPlan;
  @ApiProperty({ type: [PledgeView], description: 'responsibility pledges (责任状), once launched' })
  pledges!: PledgeView[];
  @ApiProperty({ type: [TaskSummaryView], description: 'the task read model, once launched' })
  tasks!: TaskSummaryView[];
}

export class PlanVersionSummaryView {
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() tasks!: number;
  @ApiPropertyOptional() reason!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'when the running campaign applied it' }) appliedAt!: string | null;
  @ApiProperty() current!: boolean;
}

export class PlanVersionView extends PlanVersionSummaryView {
  @ApiProperty() document!: Record<string, unknown>;
  @ApiProperty() resolved!: ResolvedPlan;
}

/** A campaign task's evidence file: the shared view, naming the task it belongs to. */
export class CampaignEvidenceView extends EvidenceView {
  @ApiProperty() taskKey!: string;
}

export class EscalationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '督办单〔2026〕第3号',
    description: 'null for notices issued before numbering',
  })
  number!: string | null;
  @ApiProperty({ description: 'the printable notice (A4 HTML)' }) html!: string;
  @ApiProperty() level!: number;
  @ApiProperty() kind!: string;
  @ApiProperty({ example: '黄牌预警' }) label!: string;
  @ApiProperty({ example: '督办单' }) noticeKind!: string;
  @ApiPropertyOptional() colour!: string | null;
  @ApiProperty() unit!: string;
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional({ description: 'a leader’s decision on a summons or accountability step' })
  leaderDecision!: string | null;
  @ApiPropertyOptional() decidedBy!: string | null;
  @ApiPropertyOptional() decidedAt!: string | null;
}

export class TaskDetailView extends TaskSummaryView {
  @ApiProperty() campaignId!: string;
  @ApiProperty({ description: 'reported, or linked to a ledger or a housing programme' }) measure!: unknown;
  @ApiProperty() returnCount!: number;
  @ApiPropertyOptional() lastReturnReason!: string | null;
  @ApiProperty({ description: 'deadline changes with their reasons' })
  extensions!: Array<{ from: string; to: string; reason: string; by: string; at: string }>;
  @ApiPropertyOptional({ description: 'the lead unit’s submission' }) submission!: {
    by: string;
    note: string;
    evidenceIds: string[];
  } | null;
  @ApiPropertyOptional({ description: 'the command center’s sign-off' }) acceptance!: unknown;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
  @ApiProperty({ type: [CampaignEvidenceView] }) evidence!: CampaignEvidenceView[];
  @ApiProperty({ type: [EscalationView] }) escalations!: EscalationView[];
  @ApiProperty({
    example: [5],
    description: 'ladder levels awaiting a leader’s decision (约谈 5, 问责 6 by default)',
  })
  awaitingLeader!: number[];
}

export class CampaignBulletinSummaryView {
  @ApiProperty() number!: number;
  @ApiProperty() asOf!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() overdue!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty() behindPace!: number;
}

export class CampaignBulletinView {
  @ApiProperty() campaignId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() asOf!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'the frozen content: ranking, overdue, escalated, behind pace, goals' })
  payload!: CampaignBulletinPayload;
}

export class FinalReportView {
  @ApiProperty() campaignId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'goals vs targets, tasks on time / late / unfinished, by unit' })
  report!: FinalReport;
}
