import type { EscalationNotice } from '../../../../libs/database/src/rectification/escalation-notice.entity';
import type { EvidenceFile } from '../../../../libs/database/src/rectification/evidence-file.entity';
import type { ItemComment } from '../../../../libs/database/src/rectification/item-comment.entity';
import type { RectificationEvent } from '../../../../libs/database/src/rectification/rectification-event.entity';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import type { ItemListRow } from '../../../../libs/database/src/rectification/rectification-item.queries';
import { ITEM_STATUS_LABELS, isOverdue } from '../../../../libs/domain/src/rectification/item-process';
import { deadlineDateOf } from '../common/deadline-date';
import type { ItemDetailView, ItemSummaryView } from './dto/rectification-view.dto';
import { timelineEntryView } from '../common/timeline/timeline-entry.view';
import { evidenceView } from '../common/evidence/evidence-view.dto';

const DAY_MS = 86_400_000;

export function itemSummary(item: ItemListRow, now = new Date()): ItemSummaryView {
  const pausedRunning = item.pausedSince ? now.getTime() - item.pausedSince.getTime() : 0;
  return {
    id: item.id,
    ledgerId: item.ledgerId,
    number: item.number,
    problem: item.problem,
    category: item.category,
    responsibleUnit: item.responsibleUnit,
    responsiblePersonId: item.responsiblePersonId,
    verifierId: item.verifierId,
    status: item.status,
    statusLabel: ITEM_STATUS_LABELS[item.status],
    basicDeadline: item.basicDeadline.toISOString(),
    basicDeadlineDate: deadlineDateOf(item.basicDeadline),
    fullDeadline: item.fullDeadline.toISOString(),
    fullDeadlineDate: deadlineDateOf(item.fullDeadline),
    originalFullDeadline: item.originalFullDeadline.toISOString(),
    originalFullDeadlineDate: deadlineDateOf(item.originalFullDeadline),
    overdue: isOverdue(item.state, now.toISOString()),
    paused: item.pausedSince !== null,
    pausedDays: Math.round(((item.pausedMs + pausedRunning) / DAY_MS) * 10) / 10,
    escalationLevel: item.escalationLevel,
    awaitingLeader: item.awaitingLeader,
    pendingExtension: item.pendingExtension,
    reopenCount: item.reopenCount,
    closedAt: item.closedAt?.toISOString() ?? null,
    version: item.version,
  };
}

/** An item's page: its summary, its plan, its timeline, evidence, comments and notices. */
export function itemDetail(
  item: RectificationItem,
  events: RectificationEvent[],
  evidence: EvidenceFile[],
  comments: ItemComment[],
  notices: EscalationNotice[],
): ItemDetailView {
  return {
    ...itemSummary(item),
    source: item.source,
    analysis: item.analysis,
    measures: item.measures,
    repeatOf: item.repeatOf,
    originalBasicDeadline: item.originalBasicDeadline.toISOString(),
    originalBasicDeadlineDate: deadlineDateOf(item.originalBasicDeadline),
    basicDoneAt: item.basicDoneAt?.toISOString() ?? null,
    closeOut: item.state.closeOut ?? null,
    timeline: events.map(timelineEntryView),
    evidence: evidence.map(evidenceView),
    comments: comments.map((c) => ({
      id: c.id,
      authorName: c.authorName,
      authorUnit: c.authorUnit,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    notices: notices.map((n) => ({
      id: n.id,
      title: `${n.noticeKind}〔${n.year}〕第${n.serial}号`,
      html: `/api/rectifications/${item.id}/notices/${n.id}/html`,
      level: n.level,
      label: n.label,
      colour: n.colour,
      issuedAt: n.issuedAt.toISOString(),
      leaderMustAct: n.leaderMustAct,
      leaderDecision: n.leaderDecision,
    })),
  };
}
