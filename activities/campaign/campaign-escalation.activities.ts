import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import {
  type CampaignChange,
  CampaignChangeQueries,
} from '../../libs/database/src/campaign/campaign-change.queries';
import { CampaignNoticeQueries } from '../../libs/database/src/campaign/campaign-notice.queries';
import {
  DocumentSettings,
  issuingOffice,
  returnDocumentNumber,
  takeDocumentNumber,
} from '../../libs/database/src/documents/document-numbers';
import {
  documentNumber,
  documentYear,
  noticeNumber,
  noticeTitle,
} from '../../libs/domain/src/documents/official-document';
import type { Audience, EscalationStep } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import { activePeopleWithRole } from '../notifications/recipients';

/** Escalations are issued by the workflow on its own behalf. */
export const CAMPAIGN_ESCALATION_ACTOR: Actor = {
  id: 'system:escalation',
  name: '系统督办',
  unit: null,
  roles: [],
};

export interface CampaignEscalationInput {
  campaignId: string;
  /** `task:<key>` for a late task, `pledge` for missing responsibility pledges. */
  subject: string;
  /** The units the escalation concerns: a task's lead unit, or the units that have not pledged. */
  units: string[];
  step: EscalationStep;
  /** Times the ladder was re-armed (a moved deadline): a re-armed step issues a new notice. */
  arming: number;
  /** The notice's title, e.g. `黄牌预警：危房改造安居行动`. */
  title: string;
  /** The notification text; a default names the step and the units. */
  body?: string;
  /** When the step fell due (workflow time, ISO); defaults to now. */
  at?: string;
}

/**
 * Records one step of the ladder for a campaign subject, at most once per (campaign, subject,
 * level, arming) however often it is retried: the notice row, a notification for each person the
 * step's audience names, a change-feed row (with NOTIFY) and an audit entry, in one transaction.
 * Returns the notifications of this notice still to deliver (delivered ones are never sent again).
 */
export async function issueCampaignEscalationIn(
  manager: EntityManager,
  input: CampaignEscalationInput,
  documents: DocumentSettings = {},
): Promise<{ notificationIds: string[] }> {
  const { campaignId, subject, units, step, arming } = input;
  const issuedAt = input.at ? new Date(input.at) : new Date();
  // numbered like a ledger's notices: one sequence per issuing office, notice kind and year
  const year = documentYear(issuedAt);
  const office = await issuingOffice(manager, documents.issuingUnitCode);
  const sequence = { issuingUnit: office.code, kind: step.notice.kind, year };
  const notices = new CampaignNoticeQueries(manager);
  const already = await notices.escalationId(campaignId, subject, step.level, arming);
  const serial = already ? null : await takeDocumentNumber(manager, sequence);
  const inserted = await notices.insertEscalation({
    campaignId,
    subject,
    level: step.level,
    arming,
    kind: step.kind,
    label: step.label,
    noticeKind: step.notice.kind,
    colour: step.notice.colour,
    units: units.join(','),
    issuedAt,
    issuingUnit: office.code,
    year,
    serial,
  });
  if (!inserted && serial !== null) await returnDocumentNumber(manager, sequence, serial);
  const noticeId = await notices.escalationId(campaignId, subject, step.level, arming);
  const dedupeKey = `campaign-escalation:${noticeId}`;
  if (!inserted) return { notificationIds: await notices.undelivered(dedupeKey) };

  // the workflow's title begins with the step's label (`通报批评：…`): said once, after the number
  const title = noticeTitle(
    step.notice.kind,
    serial === null ? null : documentNumber(year, serial),
    step.label,
    input.title,
  );
  const taskKey = subject.startsWith('task:') ? subject.slice('task:'.length) : null;
  const body =
    input.body ??
    `${input.title}。责任单位：${units.join('、')}${step.leaderMustAct ? '。请领导作出决定' : ''}。`;
  for (const recipientId of await recipientsOf(manager, step.audience, units)) {
    await notices.notifyOnce({
      recipientId,
      dedupeKey,
      kind: `campaign.escalation.${step.kind}`,
      title,
      body,
      subject: taskKey ? `campaign-task:${campaignId}:${taskKey}` : `campaign:${campaignId}:${subject}`,
    });
  }
  await appendCampaignChange(manager, {
    campaignId,
    at: issuedAt,
    kind: 'escalation',
    taskKey,
    dedupeKey: `escalation:${subject}:${step.level}:${arming}`,
    payload: {
      subject,
      level: step.level,
      kind: step.kind,
      label: step.label,
      noticeKind: step.notice.kind,
      colour: step.notice.colour,
      units,
      arming,
      title: input.title,
      number: serial === null ? null : noticeNumber(step.notice.kind, year, serial),
    },
  });
  await appendAudit(manager, CAMPAIGN_ESCALATION_ACTOR, {
    action: 'campaign.escalate',
    subject: taskKey ? `campaign-task:${campaignId}:${taskKey}` : `campaign:${campaignId}`,
    after: { subject, level: step.level, kind: step.kind, label: step.label, units, arming },
    reason: input.title,
  });
  return { notificationIds: await notices.undelivered(dedupeKey) };
}

/**
 * One row of a campaign's change feed (GET /api/campaigns/:id/events), at most once per dedupe
 * key; a new row wakes the listeners with NOTIFY in the same transaction. Returns whether it was new.
 */
export function appendCampaignChange(manager: EntityManager, change: CampaignChange): Promise<boolean> {
  return new CampaignChangeQueries(manager).append(change);
}

/** The people a step goes to: the units' department people, the command center, leadership. */
async function recipientsOf(
  manager: EntityManager,
  audience: Audience[],
  units: string[],
): Promise<string[]> {
  const ids = new Set<string>();
  const add = (people: string[]) => people.forEach((id) => ids.add(id));
  for (const who of audience) {
    // A campaign task has no single responsible person: the unit's department people stand for it.
    if ((who === 'responsible-unit' || who === 'responsible-person') && units.length > 0)
      add(await activePeopleWithRole(manager, 'department', units));
    if (who === 'command-center') add(await activePeopleWithRole(manager, 'command-center'));
    if (who === 'leadership') add(await activePeopleWithRole(manager, 'leadership'));
  }
  return [...ids].sort();
}

export function createCampaignEscalationActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    /** A step of the ladder for a late task (`task:<key>`) or for missing pledges (`pledge`). */
    async issueCampaignEscalation(input: CampaignEscalationInput): Promise<{ notificationIds: string[] }> {
      return dataSource.transaction((manager) => issueCampaignEscalationIn(manager, input, documents));
    },
  };
}
