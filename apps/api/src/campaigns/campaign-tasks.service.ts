import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { campaignTaskWorkflowId, taskCommandUpdate } from '../../../../libs/contracts/src/campaign/campaign';
import { noticeNumber } from '../../../../libs/domain/src/documents/official-document';
import { CampaignEvidence } from '../../../../libs/database/src/campaign/campaign-evidence.entity';
import { CampaignTaskQueries } from '../../../../libs/database/src/campaign/campaign-task.queries';
import type { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import type { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import type { TaskCommand } from '../../../../libs/domain/src/campaign/campaign-task';
import { taskNotWorkable } from '../../../../libs/domain/src/campaign/task-access';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { acceptEvidence, UploadedEvidence } from '../common/evidence-rules';
import { CommonErrors } from '../common/errors/common.errors';
import { executeCommandUpdate } from '../common/workflow-wait';
import { Environment } from '../../../../libs/config/src/environment';
import { assertLeads, assertMaySeeTask, assertMayWorkOn, TaskScope } from './campaign-access';
import { CampaignErrors } from './campaign.errors';
import { taskSummary } from './campaign-views';
import { CampaignsService } from './campaigns.service';
import type { CampaignEvidenceView, TaskDetailView } from './dto/campaign-view.dto';
import { timelineEntryView } from '../common/timeline/timeline-entry.view';
import { evidenceView } from '../common/evidence/evidence-view.dto';

const taskNotFound = (key: string) => CampaignErrors.error('TASK_NOT_FOUND', `任务 ${key} 不存在`);

function taskEvidenceView(file: CampaignEvidence): CampaignEvidenceView {
  return { ...evidenceView(file), taskKey: file.taskKey };
}

/** Keys among `dependsOn` not yet accepted; a group counts as accepted when all its sub-tasks are. */
export function openDependencies(
  dependsOn: string[],
  tasks: Array<Pick<CampaignTask, 'key' | 'parentKey' | 'isGroup' | 'status'>>,
): string[] {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const open = (key: string, seen: Set<string>): boolean => {
    const task = byKey.get(key);
    if (!task || seen.has(key)) return true;
    if (!task.isGroup) return task.status !== 'accepted';
    const children = tasks.filter((t) => t.parentKey === key);
    return children.length === 0 || children.some((child) => open(child.key, new Set([...seen, key])));
  };
  return dependsOn.filter((key) => open(key, new Set()));
}

/** A task of a campaign the caller may see, and the unit paths the per-object rules need. */
interface VisibleTask {
  campaign: Campaign;
  task: CampaignTask;
  scope: TaskScope;
}

/**
 * Campaign tasks: the timeline and evidence from the read model, and each step sent to the task's
 * workflow (per-object check here: a department works only on its own unit's tasks; process
 * legality in the workflow's update validator).
 */
@Injectable()
export class CampaignTasksService {
  constructor(
    private readonly queries: CampaignTaskQueries,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** 404 when the campaign is not the caller's to see or has no such task; 403 for another unit's task. */
  async visibleTask(caller: CurrentUser, id: string, key: string): Promise<VisibleTask> {
    const { campaign } = await this.campaigns.visible(caller, id);
    const task = await this.queries.task(id, key);
    if (!task) throw taskNotFound(key);
    const paths = await this.campaigns.unitPaths([task.leadUnit, ...task.cooperatingUnits]);
    const scope: TaskScope = {
      leadPath: paths.get(task.leadUnit) ?? '',
      cooperatingPaths: task.cooperatingUnits
        .map((code) => paths.get(code))
        .filter((path): path is string => path !== undefined),
    };
    assertMaySeeTask(caller, scope);
    return { campaign, task, scope };
  }

  async detail(caller: CurrentUser, id: string, key: string): Promise<TaskDetailView> {
    const { task } = await this.visibleTask(caller, id, key);
    const [events, evidence, escalations] = await Promise.all([
      this.queries.timeline(id, key),
      this.queries.evidence(id, key),
      this.queries.escalations(id, key),
    ]);
    const state = task.state;
    return {
      ...taskSummary(task),
      campaignId: id,
      measure: task.measure,
      returnCount: task.returnCount,
      lastReturnReason: state?.lastReturnReason ?? null,
      extensions: state?.extensions ?? [],
      submission: state?.submission ?? null,
      acceptance: state?.acceptance ?? null,
      timeline: events.map(timelineEntryView),
      evidence: evidence.map(taskEvidenceView),
      escalations: escalations.map((n) => ({
        id: n.id,
        number: n.year !== null && n.serial !== null ? noticeNumber(n.noticeKind, n.year, n.serial) : null,
        html: `/api/campaigns/${id}/tasks/${encodeURIComponent(key)}/notices/${n.id}/html`,
        level: n.level,
        kind: n.kind,
        label: n.label,
        noticeKind: n.noticeKind,
        colour: n.colour,
        unit: n.unit,
        issuedAt: n.issuedAt.toISOString(),
        leaderDecision: n.leaderDecision,
        decidedBy: n.decidedBy,
        decidedAt: n.decidedAt?.toISOString() ?? null,
      })),
      awaitingLeader: task.awaitingLeader,
    };
  }

  /** One step on a task: who may take it is checked here, whether it is legal now by the task workflow. */
  async command(caller: CurrentUser, id: string, key: string, command: TaskCommand): Promise<TaskDetailView> {
    const { campaign, task, scope } = await this.visibleTask(caller, id, key);
    if (command.type === 'report-progress') assertMayWorkOn(caller, scope);
    if (command.type === 'submit') assertLeads(caller, scope);
    this.assertWorkable(campaign, task);
    if (command.type === 'report-progress' || command.type === 'submit')
      await this.campaigns.assertEvidence(id, key, command.evidenceIds);
    if (command.type === 'submit') {
      const open = openDependencies(task.dependsOn, await this.queries.statuses(id));
      if (open.length > 0)
        throw CampaignErrors.error('DEPENDENCIES_OPEN', `须先完成并验收前置任务：${open.join('、')}`, {
          dependsOn: open,
        });
    }
    const workflowId = task.workflowId ?? campaignTaskWorkflowId(id, key);
    await executeCommandUpdate(this.temporal, this.env.COMMAND_WAIT_SECONDS, workflowId, taskCommandUpdate, [
      { command, actor: auditActor(caller) },
    ]);
    return this.detail(caller, id, key);
  }

  private assertWorkable(campaign: Campaign, task: CampaignTask): void {
    const refusal = taskNotWorkable(campaign, task);
    if (refusal) throw CampaignErrors.error(refusal.code, refusal.message);
  }

  /** Stores a file for the task (lead or cooperating unit), audited; steps then name it by id. */
  async attachEvidence(
    caller: CurrentUser,
    id: string,
    key: string,
    file: UploadedEvidence | undefined,
  ): Promise<CampaignEvidenceView> {
    const { campaign, task, scope } = await this.visibleTask(caller, id, key);
    assertMayWorkOn(caller, scope);
    this.assertWorkable(campaign, task);
    const evidence = acceptEvidence(file);
    const actor = auditActor(caller);
    const stored = Object.assign(new CampaignEvidence(), {
      id: randomUUID(),
      campaignId: id,
      taskKey: key,
      fileName: evidence.fileName,
      mediaType: evidence.mediaType,
      sizeBytes: evidence.content.length,
      sha256: evidence.sha256,
      content: evidence.content,
      uploadedBy: actor.name,
      uploadedAt: new Date(),
    });
    await this.audit.inTransaction(async (manager) => {
      await new CampaignTaskQueries(manager).insertEvidence(stored);
      await this.audit.record(manager, actor, {
        action: 'campaign.task.evidence',
        subject: `campaign-task:${id}:${key}`,
        after: {
          evidenceId: stored.id,
          fileName: stored.fileName,
          mediaType: stored.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
        },
      });
    });
    return taskEvidenceView(stored);
  }

  async evidenceContent(
    caller: CurrentUser,
    id: string,
    key: string,
    evidenceId: string,
  ): Promise<CampaignEvidence> {
    await this.visibleTask(caller, id, key);
    const file = await this.queries.evidenceWithContent(id, key, evidenceId);
    if (!file) throw CommonErrors.error('EVIDENCE_NOT_FOUND');
    return file;
  }
}
