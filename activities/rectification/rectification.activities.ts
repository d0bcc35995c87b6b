import { DataSource, EntityManager } from 'typeorm';
import type { RectificationItemFacts } from '../../libs/contracts/src/rectification/rectification-item';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { ItemReferenceQueries } from '../../libs/database/src/rectification/item-references.queries';
import { RectificationProjectionQueries } from '../../libs/database/src/rectification/rectification-projection.queries';
import type { Audience, EscalationStep } from '../../libs/domain/src/escalation/ladder';
import type { ItemState } from '../../libs/domain/src/rectification/item-process';
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
  const projection = new RectificationProjectionQueries(manager);
  await projection.storeItem(facts, state, new Date());
  if (!(await projection.appendEvent(facts.itemId, state.version, event, actor))) return false;
  if (event.type === 'leader-decision')
    await projection.recordLeaderDecision(
      facts.itemId,
      event.data.level,
      event.data.decision,
      actor.name,
      event.at,
    );
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
        const projection = new RectificationProjectionQueries(manager);
        if (!(await projection.noticeOfStep(facts.itemId, step.level, input.arming))) {
          // the number's row lock serialises issuers of this kind: a notice issued meanwhile for the
          // same step (a concurrent retry) makes the insert a no-op and the number is given back
          const serial = await takeDocumentNumber(manager, sequence);
          const issued = await projection.issueNotice({
            itemId: facts.itemId,
            level: step.level,
            arming: input.arming,
            kind: step.kind,
            label: step.label,
            noticeKind: step.notice.kind,
            colour: step.notice.colour,
            issuingUnit: office.code,
            year,
            serial,
            leaderMustAct: step.leaderMustAct,
            issuedAt,
          });
          if (!issued) await returnDocumentNumber(manager, sequence, serial);
        }
        const notice = await projection.noticeOfStepOrFail(facts.itemId, step.level, input.arming);
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
  const people = new ItemReferenceQueries(manager);
  for (const who of audience) {
    if (who === 'responsible-person') ids.add(state.responsiblePersonId);
    if (who === 'responsible-unit')
      (await people.activeWithRole('department', facts.responsibleUnit)).forEach((id) => ids.add(id));
    if (who === 'command-center')
      (await people.activeWithRole('command-center')).forEach((id) => ids.add(id));
    if (who === 'leadership') (await people.activeWithRole('leadership')).forEach((id) => ids.add(id));
  }
  return [...ids].sort();
}
