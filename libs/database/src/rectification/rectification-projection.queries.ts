import type { RectificationItemFacts } from '../../../contracts/src/rectification/rectification-item';
import { currentEscalationLevel, type ItemState } from '../../../domain/src/rectification/item-process';
import type { Actor } from '../../../domain/src/process/actor';
import type { TimelineEvent } from '../../../domain/src/process/timeline';
import { Queries } from '../queries';
import { EscalationNotice } from './escalation-notice.entity';

/** A notice of an escalation step, as the step issues it (its number taken by the caller). */
export interface NewEscalationNotice {
  itemId: string;
  level: number;
  arming: number;
  kind: string;
  label: string;
  noticeKind: string;
  colour: string | null;
  issuingUnit: string;
  year: number;
  serial: number;
  leaderMustAct: boolean;
  issuedAt: Date;
}

/** What the item workflow's activities write into the read model: the item row, its timeline, its notices. */
export class RectificationProjectionQueries extends Queries {
  /** Stores the item as of `state`, unless the stored row is of this version or newer. */
  async storeItem(facts: RectificationItemFacts, state: ItemState, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO rectification_item (
         id, ledger_id, number, problem, source, category, analysis, measures, responsible_unit,
         responsible_unit_path, responsible_person_id, verifier_id, repeat_of, workflow_id, status,
         basic_deadline, full_deadline, original_basic_deadline, original_full_deadline, basic_done_at,
         submitted_at, closed_at, paused_since, paused_ms, pending_extension, extensions_approved,
         reopen_count, rejection_count, escalation_level, awaiting_leader, state, version, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$33)
       ON CONFLICT (id) DO UPDATE SET
         responsible_person_id = EXCLUDED.responsible_person_id, status = EXCLUDED.status,
         basic_deadline = EXCLUDED.basic_deadline, full_deadline = EXCLUDED.full_deadline,
         basic_done_at = EXCLUDED.basic_done_at, submitted_at = EXCLUDED.submitted_at, closed_at = EXCLUDED.closed_at,
         paused_since = EXCLUDED.paused_since, paused_ms = EXCLUDED.paused_ms, pending_extension = EXCLUDED.pending_extension,
         extensions_approved = EXCLUDED.extensions_approved, reopen_count = EXCLUDED.reopen_count,
         rejection_count = EXCLUDED.rejection_count, escalation_level = EXCLUDED.escalation_level,
         awaiting_leader = EXCLUDED.awaiting_leader, state = EXCLUDED.state, version = EXCLUDED.version,
         updated_at = EXCLUDED.updated_at
       WHERE rectification_item.version < EXCLUDED.version`,
      [
        facts.itemId,
        facts.ledgerId,
        facts.number,
        facts.problem,
        facts.source,
        facts.category,
        facts.analysis,
        JSON.stringify(facts.measures),
        facts.responsibleUnit,
        facts.responsibleUnitPath,
        state.responsiblePersonId,
        facts.verifierId,
        facts.repeatOf,
        facts.workflowId,
        state.status,
        state.deadlines.basic,
        state.deadlines.full,
        state.originalDeadlines.basic,
        state.originalDeadlines.full,
        state.basicDoneAt,
        state.submittedAt,
        state.closedAt,
        state.paused?.since ?? null,
        state.pausedMs,
        state.pendingExtension ? JSON.stringify(state.pendingExtension) : null,
        state.extensionsApproved,
        state.reopenCount,
        state.rejectionCount,
        currentEscalationLevel(state),
        state.awaitingLeader,
        JSON.stringify(state),
        state.version,
        now,
      ],
    );
  }

  /** Adds the timeline entry of `version`; false if it was there already (a retried or late call). */
  async appendEvent(itemId: string, version: number, event: TimelineEvent, actor: Actor): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO rectification_event (item_id, version, at, type, actor_id, actor_name, summary, reason, data)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING version`,
      [
        itemId,
        version,
        event.at,
        event.type,
        actor.id,
        actor.name,
        event.summary,
        event.reason,
        JSON.stringify(event.data),
      ],
    );
    return inserted.length > 0;
  }

  /** Writes a leader's decision on the latest notice of that level of the item. */
  async recordLeaderDecision(
    itemId: string,
    level: unknown,
    decision: unknown,
    decidedBy: string,
    at: string,
  ): Promise<void> {
    await this.db.query(
      `UPDATE escalation_notice SET leader_decision = $3, decided_by = $4, decided_at = $5
        WHERE item_id = $1 AND level = $2 AND arming = (SELECT max(arming) FROM escalation_notice WHERE item_id = $1 AND level = $2)`,
      [itemId, level, decision, decidedBy, at],
    );
  }

  /** The notice of one step of one arming of the item's ladder, if it was issued. */
  noticeOfStep(itemId: string, level: number, arming: number): Promise<EscalationNotice | null> {
    return this.db.getRepository(EscalationNotice).findOneBy({ itemId, level, arming });
  }

  noticeOfStepOrFail(itemId: string, level: number, arming: number): Promise<EscalationNotice> {
    return this.db.getRepository(EscalationNotice).findOneByOrFail({ itemId, level, arming });
  }

  /** Stores the step's notice; false if that step's notice exists already (a concurrent retry). */
  async issueNotice(notice: NewEscalationNotice): Promise<boolean> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO escalation_notice (item_id, level, arming, kind, label, notice_kind, colour, issuing_unit, year, serial, leader_must_act, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (item_id, level, arming) DO NOTHING RETURNING id`,
      [
        notice.itemId,
        notice.level,
        notice.arming,
        notice.kind,
        notice.label,
        notice.noticeKind,
        notice.colour,
        notice.issuingUnit,
        notice.year,
        notice.serial,
        notice.leaderMustAct,
        notice.issuedAt,
      ],
    );
    return inserted.length > 0;
  }
}
