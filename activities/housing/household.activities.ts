import { DataSource, EntityManager } from 'typeorm';
import type { HouseholdPipelineInput } from '../../libs/contracts/src/housing/household-pipeline';
import { appendAudit, AuditActor } from '../../libs/database/src/audit/audit-trail';
import { HouseholdProjectionQueries } from '../../libs/database/src/housing/household-projection.queries';
import type { Audience } from '../../libs/domain/src/escalation/ladder';
import {
  householdEscalationLevel,
  type EscalationRules,
} from '../../libs/domain/src/housing/household-escalation';
import type { HouseholdState } from '../../libs/domain/src/housing/household-process';
import { STAGE_LABELS } from '../../libs/domain/src/housing/household-stages';
import type { TimelineEvent } from '../../libs/domain/src/process/timeline';
import { activePeopleWithRole } from '../notifications/recipients';
import { insertNotifications } from '../common/notifications';

/** People to tell about a change: an escalation step, or a refused subsidy. */
export interface HouseholdNotice {
  kind: string;
  label: string;
  audience: Array<Audience | 'housing-bureau'>;
}

export interface HouseholdProjection extends Omit<HouseholdPipelineInput, 'state'> {
  state: HouseholdState;
  event: TimelineEvent;
  notice?: HouseholdNotice;
}

/**
 * Writes one change of a household into the read model, all in one transaction: the household row
 * (only if this version is newer than the stored one), the stage counters, the timeline entry,
 * the audit entry and the notifications. A retried or late call changes nothing and returns the
 * notifications the first call made.
 */
async function project(manager: EntityManager, input: HouseholdProjection): Promise<string[]> {
  const { facts, state, event } = input;
  const rows = new HouseholdProjectionQueries(manager);
  const dedupeKey = `household:${facts.householdId}:v${state.version}`;
  const current = await rows.lockRow(facts.householdId);
  if (!current) throw new Error(`household ${facts.householdId} is not in the read model`);
  // The row holds a version this workflow never reached (a step projected by a local activity
  // whose workflow task was then lost with the server): this step replaces it.
  const replaces = current.version === state.version && !(await rows.storedStateIs(facts.householdId, state));
  if (replaces) await rows.dropVersionsAfter(facts.householdId, state.version - 1);
  else if (current.version === state.version) return rows.notificationIdsOf(dedupeKey);
  // A later version may be projected first: a step's projection retried through a database outage
  // while the projection of a timer that fired meanwhile was not. The row keeps the later state;
  // this version still gets its timeline entry, audit entry and notifications, once.
  if (replaces || current.version < state.version) await writeRow(rows, input, current.stage);
  const written = await rows.appendEvent({
    householdId: facts.householdId,
    version: state.version,
    at: event.at,
    type: event.type,
    stage: state.stage,
    actorId: event.actor.id,
    actorName: event.actor.name,
    summary: event.summary,
    reason: event.reason,
    data: event.data,
  });
  if (!written) return rows.notificationIdsOf(dedupeKey);
  await appendAudit(manager, event.actor, {
    action: `household.${event.type}`,
    subject: `household:${facts.householdId}`,
    after: { stage: state.stage, version: state.version, ...event.data },
    reason: event.reason,
  });
  if (!input.notice) return [];
  const title = `${input.notice.label}：${facts.headName}户（${facts.householdNo}）`;
  const body = `${event.summary}。当前阶段：${STAGE_LABELS[state.stage]}。${event.reason ?? ''}`;
  return insertNotifications(manager, await recipientsOf(manager, input), {
    dedupeKey,
    kind: input.notice.kind,
    title,
    body,
    subject: `household:${facts.householdId}`,
  });
}

/**
 * The columns of a household row that its workflow's state decides, by column name. The one
 * mapping from state to row: the projection writes it, and the dashboards benchmark seeds rows
 * with it (bench/dashboards-seed.ts).
 */
export function householdStateColumns(
  state: HouseholdState,
  rules: EscalationRules,
): Record<string, unknown> {
  return {
    stage: state.stage,
    approval_level: state.approval?.level ?? null,
    notice_ends_at: state.approval?.notice?.endsAt ?? null,
    open_objections: state.approval?.objections.filter((o) => o.status === 'open').length ?? 0,
    stage_entered_at: state.stageEnteredAt,
    last_progress_at: state.lastProgressAt,
    started_at: state.startedAt,
    completed_at: state.completedAt,
    accepted_at: state.acceptedAt,
    paid_at: state.paidAt,
    moved_in_at: state.movedInAt,
    withdrawn_at: state.withdrawn?.at ?? null,
    payment_status: state.payment?.status ?? null,
    escalation_level: householdEscalationLevel(state, rules),
    house_rating: state.houseRating,
    acceptance_signed_units: state.acceptanceSignatures
      .map((s) => s.unit)
      .filter((unit): unit is string => unit !== null),
    state: JSON.stringify(state),
    version: state.version,
  };
}

/**
 * The household row and its stage counters, from the workflow's state. The other counters
 * (`household_tally`) follow the row by the table's triggers, in this transaction.
 */
function writeRow(
  rows: HouseholdProjectionQueries,
  input: Pick<HouseholdProjection, 'facts' | 'rules' | 'state'>,
  previousStage: string,
): Promise<void> {
  const { facts, state } = input;
  return rows.writeRow(
    facts.householdId,
    householdStateColumns(state, input.rules),
    facts,
    previousStage,
    state.stage,
  );
}

export type ReconcileOutcome = 'in-step' | 'behind' | 'repaired';

const RECONCILER: AuditActor = { id: 'system:reconciler', name: '系统（读模型校正）', unit: null, roles: [] };

/**
 * Brings a household's read model back to its workflow's own state (`workflowState`, from the
 * `state` query) when the row is ahead of it: a step projected by the local activity inside a
 * workflow task that the server then lost. The row is rewritten from the workflow's state, the
 * timeline entries of versions the workflow never reached are removed, and the repair is audited.
 * A row behind the workflow is left alone: its projection is still on the way.
 */
export async function reconcileHousehold(
  manager: EntityManager,
  input: Pick<HouseholdProjection, 'facts' | 'rules'>,
  workflowState: HouseholdState,
): Promise<ReconcileOutcome> {
  const { facts } = input;
  const rows = new HouseholdProjectionQueries(manager);
  const current = await rows.lockRowComparedWith(facts.householdId, workflowState);
  if (!current) return 'in-step';
  if (current.version < workflowState.version) return 'behind';
  if (current.version === workflowState.version && current.same) return 'in-step';
  await writeRow(rows, { ...input, state: workflowState }, current.stage);
  const removed = await rows.dropVersionsAfter(facts.householdId, workflowState.version);
  await appendAudit(manager, RECONCILER, {
    action: 'household.reconciled',
    subject: `household:${facts.householdId}`,
    before: { stage: current.stage, version: current.version },
    after: { stage: workflowState.stage, version: workflowState.version, timelineEntriesRemoved: removed },
    reason: '读模型领先于流程（该步骤未被流程引擎持久接受），已按流程状态校正',
  });
  return 'repaired';
}

async function recipientsOf(manager: EntityManager, input: HouseholdProjection): Promise<string[]> {
  const ids = new Set<string>();
  const add = (people: string[]) => people.forEach((id) => ids.add(id));
  for (const who of input.notice?.audience ?? []) {
    if (who === 'responsible-person' || who === 'responsible-unit')
      add(await activePeopleWithRole(manager, 'department', [input.facts.village, input.facts.township]));
    if (who === 'housing-bureau')
      add(await activePeopleWithRole(manager, 'department', [input.rules.parties.approvers.county]));
    if (who === 'command-center') add(await activePeopleWithRole(manager, 'command-center'));
    if (who === 'leadership') add(await activePeopleWithRole(manager, 'leadership'));
  }
  return [...ids].sort();
}

export function createHouseholdActivities(dataSource: DataSource) {
  return {
    async projectHousehold(input: HouseholdProjection): Promise<{ notificationIds: string[] }> {
      return { notificationIds: await dataSource.transaction((manager) => project(manager, input)) };
    },
  };
}
