import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RectificationItemFacts } from '../../libs/contracts/src/rectification/rectification-item';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { ItemReferenceQueries } from '../../libs/database/src/rectification/item-references.queries';
import { RectificationProjectionQueries } from '../../libs/database/src/rectification/rectification-projection.queries';
import type { Audience, EscalationStep } from '../../libs/domain/src/escalation/ladder';
import type { ItemState, ItemStatus } from '../../libs/domain/src/rectification/item-process';
import { applyStateChange, type StateChange } from '../../libs/domain/src/process/state-change';
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

/** An item's whole state, with its facts: how a new item is first projected (and an escalation). */
export interface ProjectionInput {
  facts: RectificationItemFacts;
  state: ItemState;
  event: TimelineEvent;
  actor: Actor;
}

/** A step's change of an item's state: how every step after registration is projected. */
export interface ItemChangeProjection {
  itemId: string;
  /** The status the step left, for the audit entry. */
  status: ItemStatus;
  change: StateChange<ItemState>;
  event: TimelineEvent;
  actor: Actor;
}

/** Which item, version and status a projection is of, whichever its shape. */
export function projectedVersion(input: ProjectionInput | ItemChangeProjection) {
  return 'change' in input
    ? { itemId: input.itemId, version: input.change.to, status: input.status }
    : { itemId: input.facts.itemId, version: input.state.version, status: input.state.status };
}

/**
 * Writes one change of an item into the read model: the item row (only if this version is newer
 * than the stored one), its timeline entry and its audit entry (only the first time this version
 * arrives). A retried or late call changes nothing. Returns whether the version was new.
 */
async function project(
  manager: EntityManager,
  input: ProjectionInput | ItemChangeProjection,
): Promise<boolean> {
  const projection = new RectificationProjectionQueries(manager);
  const { itemId, version, status } = projectedVersion(input);
  if ('change' in input) await storeChange(projection, input);
  else await projection.storeItem(input.facts, input.state, new Date());
  const { event, actor } = input;
  if (!(await projection.appendEvent(itemId, version, event, actor))) return false;
  if (event.type === 'leader-decision')
    await projection.recordLeaderDecision(
      itemId,
      event.data.level,
      event.data.decision,
      actor.name,
      event.at,
    );
  await appendAudit(manager, actor, {
    action: `rectification.${event.type}`,
    subject: `rectification:${itemId}`,
    after: { status, version, ...event.data },
    reason: event.reason,
  });
  return true;
}

/**
 * Applies a change to the stored state of the version it was made from. A version stored already
 * makes it stale (the row keeps the later state); a change that arrives before the version it
 * applies to is retried until that one is stored.
 */
async function storeChange(
  projection: RectificationProjectionQueries,
  { itemId, change }: ItemChangeProjection,
): Promise<void> {
  const stored = await projection.storedStateForUpdate(itemId);
  if (!stored || stored.version < change.from)
    throw ApplicationFailure.retryable(
      `item ${itemId} is stored at version ${stored?.version ?? 'none'}: the change to version ${change.to} waits for version ${change.from}`,
      'ProjectionAhead',
    );
  if (stored.version >= change.to) return;
  await projection.storeItemState(itemId, applyStateChange(stored, change), new Date());
}

export interface EscalationInput extends Omit<ProjectionInput, 'actor'> {
  step: EscalationStep;
  /** Times the ladder was re-armed: a re-armed step issues a new notice. */
  arming: number;
}

export function createRectificationActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    async projectRectification(input: ProjectionInput | ItemChangeProjection): Promise<void> {
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
