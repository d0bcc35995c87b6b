import type { UnitActor } from '../../../domain/src/access/unit-reach';
import type { TaskScope } from '../../../domain/src/campaign/task-access';
import type { TaskFilter } from '../../../domain/src/campaign/task-filter';
import { Queries } from '../queries';
import { CampaignEscalation } from './campaign-escalation.entity';
import { CampaignEvidence } from './campaign-evidence.entity';
import { CampaignTaskEvent } from './campaign-task-event.entity';
import { CampaignTask } from './campaign-task.entity';
import { Campaign } from './campaign.entity';
import { matchingTasks } from './task-matches';

/**
 * Campaign tasks as the API and the batch steps read them: one task, its timeline, evidence and
 * escalation notices, the tasks a filter matches; and the evidence files units upload.
 */
export class CampaignTaskQueries extends Queries {
  task(campaignId: string, key: string): Promise<CampaignTask | null> {
    return this.db.getRepository(CampaignTask).findOneBy({ campaignId, key });
  }

  /** The campaign and one of its tasks; throws when either is not in the read model. */
  async campaignAndTask(
    campaignId: string,
    key: string,
  ): Promise<{ campaign: Campaign; task: CampaignTask }> {
    const [campaign, task] = await Promise.all([
      this.db.getRepository(Campaign).findOneByOrFail({ id: campaignId }),
      this.db.getRepository(CampaignTask).findOneByOrFail({ campaignId, key }),
    ]);
    return { campaign, task };
  }

  /** Every task's key, parent, grouping and status: what the dependency rule needs. */
  statuses(
    campaignId: string,
  ): Promise<Array<Pick<CampaignTask, 'key' | 'parentKey' | 'isGroup' | 'status'>>> {
    return this.db.getRepository(CampaignTask).find({
      where: { campaignId },
      select: { key: true, parentKey: true, isGroup: true, status: true },
    });
  }

  /** The tasks a filter matches that the actor may see, in plan order, with their scopes (matchingTasks). */
  matching(
    campaignId: string,
    filter: TaskFilter,
    actor: UnitActor,
  ): Promise<Array<{ task: CampaignTask; scope: TaskScope }>> {
    return matchingTasks(this.db, campaignId, filter, actor);
  }

  /** A task's timeline, oldest first. */
  timeline(campaignId: string, taskKey: string): Promise<CampaignTaskEvent[]> {
    return this.db
      .getRepository(CampaignTaskEvent)
      .find({ where: { campaignId, taskKey }, order: { version: 'ASC' } });
  }

  /** A task's evidence files (without their content), in upload order. */
  evidence(campaignId: string, taskKey: string): Promise<CampaignEvidence[]> {
    return this.db
      .getRepository(CampaignEvidence)
      .find({ where: { campaignId, taskKey }, order: { uploadedAt: 'ASC' } });
  }

  /** One evidence file of a task with its content, or null. */
  evidenceWithContent(
    campaignId: string,
    taskKey: string,
    evidenceId: string,
  ): Promise<CampaignEvidence | null> {
    return this.db
      .getRepository(CampaignEvidence)
      .createQueryBuilder('f')
      .addSelect('f.content')
      .where('f.id = :evidenceId AND f.campaign_id = :campaignId AND f.task_key = :taskKey', {
        evidenceId,
        campaignId,
        taskKey,
      })
      .getOne();
  }

  async insertEvidence(file: CampaignEvidence): Promise<void> {
    await this.db.getRepository(CampaignEvidence).insert(file);
  }

  /** A task's escalation notices in the order they were issued. */
  escalations(campaignId: string, taskKey: string): Promise<CampaignEscalation[]> {
    return this.db.getRepository(CampaignEscalation).find({
      where: { campaignId, subject: `task:${taskKey}` },
      order: { issuedAt: 'ASC', level: 'ASC' },
    });
  }

  escalation(campaignId: string, taskKey: string, id: string): Promise<CampaignEscalation | null> {
    return this.db
      .getRepository(CampaignEscalation)
      .findOneBy({ id, campaignId, subject: `task:${taskKey}` });
  }
}
