import { DataSource, EntityManager } from 'typeorm';
import type { RectificationItemFacts } from '../../libs/contracts/src/rectification/rectification-item';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { User } from '../../libs/database/src/identity/user.entity';
import { EscalationNotice } from '../../libs/database/src/rectification/escalation-notice.entity';
import type { Audience, EscalationStep } from '../../libs/domain/src/escalation/ladder';
import { currentEscalationLevel, ItemState } from '../../libs/domain/src/rectification/item-process';
import type { Actor } from '../../libs/domain/src/process/actor';
import type { TimelineEvent } from '../../libs/domain/src/process/timeline';
import {
  DocumentSettings,
  issuingOffice,
  returnDocumentNumber,
  takeDocumentNumber,
} from '../../libs/database/src/documents/document-numbers';
import { documentNumber, documentYear, noticeTitle } from '../../libs/domain/src/documents/official-document';
import { showDeadlineProse } from '../../libs/domain/src/time/deadline-display';
import { insertNotifications } from '../common/notifications';

export interface ProjectionInput {
  facts: RectificationItemFacts;
  state: ItemState;
  event: TimelineEvent;
  actor: Actor;
}

/**
 * Writes one change of an item into the read model: the item row (only if this version is newer
 * than the stored one), its timeline entry and its audit entry (only the first time this version
 * arrives). A retried or late call changes nothing. Returns whether the version was new.
 */
async function project(
  manager: EntityManager,
  { facts, state, event, actor }: ProjectionInput,
): Promise<boolean> {
  const now = new Date();
  await manager.query(
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
  const inserted: unknown[] = await manager.query(
    `INSERT INTO rectification_event (item_id, version, at, type, actor_id, actor_name, summary, reason, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING version`,
    [
      facts.itemId,
      state.version,
      event.at,
      event.type,
      actor.id,
      actor.name,
      event.summary,
      event.reason,
      JSON.stringify(event.data),
    ],
  );
  if (inserted.length === 0) return false;
  if (event.type === 'leader-decision') {
    await manager.query(
      `UPDATE escalation_notice SET leader_decision = $3, decided_by = $4, decided_at = $5
        WHERE item_id = $1 AND level = $2 AND arming = (SELECT max(arming) FROM escalation_notice WHERE item_id = $1 AND level = $2)`,
      [facts.itemId, event.data.level, event.data.decision, actor.name, event.at],
    );
  }
  await appendAudit(manager, actor, {
    action: `rectification.${event.type}`,
    subject: `rectification:${facts.itemId}`,
    after: { status: state.status, version: state.version, ...event.data },
    reason: event.reason,
  });
  return true;
}

export interface EscalationInput extends Omit<ProjectionInput, 'actor'> {
  step: EscalationStep;
  /** Times the ladder was re-armed: a re-armed step issues a new notice. */
  arming: number;
}

export function createRectificationActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    async projectRectification(input: ProjectionInput): Promise<void> {
      await dataSource.transaction((manager) => project(manager, input));
    },

    /**
     * Records an escalation: the item's new level, a numbered notice and a notification for each
     * person the step concerns, all at most once however often it is retried.
     */
    async issueEscalation(input: EscalationInput): Promise<{ notificationIds: string[] }> {
      return dataSource.transaction(async (manager) => {
        await project(manager, { ...input, actor: input.event.actor });
        const { facts, step, state } = input;
        const issuedAt = new Date(input.event.at);
        const year = documentYear(issuedAt);
        const office = await issuingOffice(manager, documents.issuingUnitCode);
        const sequence = { issuingUnit: office.code, kind: step.notice.kind, year };
        const existing = await manager
          .getRepository(EscalationNotice)
          .findOneBy({ itemId: facts.itemId, level: step.level, arming: input.arming });
        if (!existing) {
          // the number's row lock serialises issuers of this kind: a notice issued meanwhile for the
          // same step (a concurrent retry) makes the insert a no-op and the number is given back
          const serial = await takeDocumentNumber(manager, sequence);
          const inserted = await manager.query<Array<{ id: string }>>(
            `INSERT INTO escalation_notice (item_id, level, arming, kind, label, notice_kind, colour, issuing_unit, year, serial, leader_must_act, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (item_id, level, arming) DO NOTHING RETURNING id`,
            [
              facts.itemId,
              step.level,
              input.arming,
              step.kind,
              step.label,
              step.notice.kind,
              step.notice.colour,
              office.code,
              year,
              serial,
              step.leaderMustAct,
              issuedAt,
            ],
          );
          if (inserted.length === 0) await returnDocumentNumber(manager, sequence, serial);
        }
        const notice = await manager
          .getRepository(EscalationNotice)
          .findOneByOrFail({ itemId: facts.itemId, level: step.level, arming: input.arming });
        const recipients = await recipientsOf(manager, step.audience, facts, state);
        const title = noticeTitle(notice.noticeKind, documentNumber(notice.year, notice.serial), step.label);
        const body = `问题 ${facts.number}「${facts.problem}」：${step.label}。全面整改期限 ${showDeadlineProse(state.deadlines.full)}${
          step.leaderMustAct ? '，请领导作出决定' : ''
        }。`;
        const notificationIds = await insertNotifications(manager, recipients, {
          dedupeKey: `escalation:${notice.id}`,
          kind: `escalation.${step.kind}`,
          title,
          body,
          subject: `rectification:${facts.itemId}`,
        });
        return { notificationIds };
      });
    },
  };
}

/** The people an escalation step goes to, resolved from its audience at the time it fires. */
async function recipientsOf(
  manager: EntityManager,
  audience: Audience[],
  facts: RectificationItemFacts,
  state: ItemState,
): Promise<string[]> {
  const ids = new Set<string>();
  const users = manager.getRepository(User);
  for (const who of audience) {
    if (who === 'responsible-person') ids.add(state.responsiblePersonId);
    const byRole = (role: string, unitCode?: string) =>
      users
        .createQueryBuilder('u')
        .select('u.id')
        .where(':role = ANY(u.roles)', { role })
        .andWhere('u.active')
        .andWhere(unitCode ? 'u.unit_code = :unitCode' : 'TRUE', { unitCode })
        .getMany();
    if (who === 'responsible-unit')
      (await byRole('department', facts.responsibleUnit)).forEach((u) => ids.add(u.id));
    if (who === 'command-center') (await byRole('command-center')).forEach((u) => ids.add(u.id));
    if (who === 'leadership') (await byRole('leadership')).forEach((u) => ids.add(u.id));
  }
  return [...ids].sort();
}
