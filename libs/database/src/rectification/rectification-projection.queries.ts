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

/** The item row's columns that follow its state, in the order of `stateValues`. */
const STATE_COLUMNS = [
  'responsible_person_id',
  'status',
  'basic_deadline',
  'full_deadline',
  'original_basic_deadline',
  'original_full_deadline',
  'basic_done_at',
  'submitted_at',
  'closed_at',
  'paused_since',
  'paused_ms',
  'pending_extension',
  'extensions_approved',
  'reopen_count',
  'rejection_count',
  'escalation_level',
  'awaiting_leader',
  'state',
  'version',
  'updated_at',
] as const;

const stateValues = (state: ItemState, now: Date): unknown[] => [
  state.responsiblePersonId,
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
];

/** What the item workflow's activities write into the read model: the item row, its timeline, its notices. */
export class RectificationProjectionQueries extends Queries {
  /** Stores the item as of `state`, unless the stored row is of this version or newer. */
  async storeItem(facts: RectificationItemFacts, state: ItemState, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO rectification_item (
         id, ledger_id, number, problem, source, category, analysis, measures, responsible_unit,
         responsible_unit_path, verifier_id, repeat_of, workflow_id, created_at, ${STATE_COLUMNS.join(', ')})
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,${STATE_COLUMNS.map((_, i) => `$${i + 15}`).join(',')})
       ON CONFLICT (id) DO UPDATE SET ${STATE_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
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
        facts.verifierId,
        facts.repeatOf,
        facts.workflowId,
        now,
        ...stateValues(state, now),
      ],
    );
  }

  /** The item's stored state, its row locked until the transaction ends (null if not stored yet). */
  async storedStateForUpdate(itemId: string): Promise<ItemState | null> {
    const [row] = await this.db.query<Array<{ state: ItemState }>>(
      `SELECT state FROM rectification_item WHERE id = $1 FOR UPDATE`,
      [itemId],
    );
    return row?.state ?? null;
  }

  /** Stores a stored item's new state, unless the stored row is of this version or newer. */
  async storeItemState(itemId: string, state: ItemState, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE rectification_item SET ${STATE_COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ')}
        WHERE id = $1 AND version < $${STATE_COLUMNS.indexOf('version') + 2}`,
      [itemId, ...stateValues(state, now)],
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
