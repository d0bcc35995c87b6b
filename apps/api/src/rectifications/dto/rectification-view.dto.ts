import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ITEM_STATUSES,
  type ItemState,
  type ItemStatus,
} from '../../../../../libs/domain/src/rectification/item-process';
import type { SignOff } from '../../../../../libs/domain/src/sign-off/sign-off';
import { ApiDeadlineDate } from '../../common/deadline-date';
import { EvidenceView } from '../../common/evidence/evidence-view.dto';
import { TimelineEntryView } from '../../common/timeline/timeline-entry.view';

export class ItemSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() ledgerId!: string;
  @ApiProperty({ example: 3 }) number!: number;
  @ApiProperty() problem!: string;
  @ApiProperty() category!: string;
  @ApiProperty() responsibleUnit!: string;
  @ApiProperty() responsiblePersonId!: string;
  @ApiProperty() verifierId!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: ItemStatus;
  @ApiProperty({ example: '整改中' }) statusLabel!: string;
  @ApiProperty() basicDeadline!: string;
  @ApiDeadlineDate() basicDeadlineDate!: string | null;
  @ApiProperty() fullDeadline!: string;
  @ApiDeadlineDate() fullDeadlineDate!: string | null;
  @ApiProperty({ description: 'as registered; on-time statistics also report against it' })
  originalFullDeadline!: string;
  @ApiDeadlineDate() originalFullDeadlineDate!: string | null;
  @ApiProperty({ description: 'open, not paused, and past the working full deadline plus paused time' })
  overdue!: boolean;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ description: 'total paused time so far, in days (not counted as overdue)' })
  pausedDays!: number;
  @ApiProperty({ example: 2 }) escalationLevel!: number;
  @ApiProperty({ type: [Number], description: 'levels awaiting a leader’s decision' })
  awaitingLeader!: number[];
  @ApiPropertyOptional({ nullable: true, type: Object }) pendingExtension!: ItemState['pendingExtension'];
  @ApiProperty() reopenCount!: number;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
  @ApiProperty() version!: number;
}

export class ItemPage {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [ItemSummaryView] }) items!: ItemSummaryView[];
}

export class CommentView {
  @ApiProperty() id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() authorUnit!: string;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: string;
}

export class NoticeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '督办单〔2026〕第3号' }) title!: string;
  @ApiProperty({
    description: 'the printable notice (A4 HTML)',
    example: '/api/rectifications/…/notices/…/html',
  })
  html!: string;
  @ApiProperty() level!: number;
  @ApiProperty() label!: string;
  @ApiPropertyOptional({ nullable: true }) colour!: string | null;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() leaderMustAct!: boolean;
  @ApiPropertyOptional({ nullable: true }) leaderDecision!: string | null;
}

export class ItemDetailView extends ItemSummaryView {
  @ApiProperty() source!: string;
  @ApiProperty() analysis!: string;
  @ApiProperty({ type: [String] }) measures!: string[];
  @ApiPropertyOptional({ nullable: true }) repeatOf!: string | null;
  @ApiProperty() originalBasicDeadline!: string;
  @ApiDeadlineDate() originalBasicDeadlineDate!: string | null;
  @ApiPropertyOptional({ nullable: true }) basicDoneAt!: string | null;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
  @ApiProperty({ type: [EvidenceView] }) evidence!: EvidenceView[];
  @ApiProperty({ type: [CommentView] }) comments!: CommentView[];
  @ApiProperty({ type: [NoticeView] }) notices!: NoticeView[];
  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    description: 'the verifier’s sign-off: who, unit, roles, when, evidence seen',
  })
  closeOut!: SignOff | null;
}

export class BulkResult {
  @ApiProperty() itemId!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}
