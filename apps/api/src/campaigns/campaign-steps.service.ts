import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import { Environment } from '../../../../libs/config/src/environment';
import {
  CampaignCommand,
  campaignLaunchedUpdate,
  CampaignWorkflowInput,
} from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignId, DeadlineAt, ProcessKind } from '../../../../libs/contracts/src/search-attributes';
import type { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import { pledgingUnits } from '../../../../libs/domain/src/campaign/campaign-rules';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { campaignWorkflow } from '../../../../workflows/campaign/campaign.workflow';
import { auditActor, CurrentUser } from '../access/current-user';
import { commandUpdateId } from '../common/idempotency/idempotency-context';
import { startWithUpdate, StartWithUpdateOutcome } from '../common/start-with-update';
import { CampaignErrors } from './campaign.errors';
import { CampaignsService } from './campaigns.service';
import type { CampaignDetailView } from './dto/campaign-view.dto';

/**
 * The campaign-level steps: the launch of the campaign workflow, a unit's pledge, and the command
 * center's pause, resume and close, each sent to the workflow as an update (per-object check here,
 * process legality in the workflow).
 */
@Injectable()
export class CampaignStepsService {
  constructor(
    private readonly campaigns: CampaignsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
  ) {}

  /**
   * Starts the campaign workflow with the current plan and answers once the launch is in the read
   * model (tasks listed, pledges open). Bounded: with the workers down the launch still happens
   * once they are back (503 LAUNCH_PENDING).
   */
  async launch(caller: CurrentUser, id: string): Promise<CampaignDetailView> {
    const campaign = await this.campaigns.campaign(id);
    if (campaign.status !== 'draft') throw CampaignErrors.error('ALREADY_LAUNCHED');
    if (campaign.windowEnd.getTime() <= Date.now()) throw CampaignErrors.error('WINDOW_ENDED');
    const plan = await this.campaigns.planVersion(id, campaign.planVersion);
    const input: CampaignWorkflowInput = {
      campaignId: id,
      planVersion: plan.version,
      plan: plan.resolved,
      launchedBy: auditActor(caller),
    };
    let outcome: StartWithUpdateOutcome<unknown>;
    try {
      outcome = await startWithUpdate<typeof campaignWorkflow, unknown>(
        this.temporal,
        campaignLaunchedUpdate,
        {
          workflowType: 'campaignWorkflow',
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          workflowId: campaign.workflowId,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [input],
          typedSearchAttributes: new TypedSearchAttributes([
            { key: ProcessKind, value: 'campaign' },
            { key: CampaignId, value: id },
            { key: DeadlineAt, value: campaign.windowEnd },
          ]),
          updateId: commandUpdateId(campaign.workflowId),
          waitSeconds: this.env.REGISTRATION_WAIT_SECONDS,
        },
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw CampaignErrors.error('ALREADY_LAUNCHED');
      throw error;
    }
    if (!outcome.done)
      throw CampaignErrors.error('LAUNCH_PENDING', undefined, {
        campaignId: id,
        workflowId: campaign.workflowId,
      });
    return this.campaigns.detail(caller, id);
  }

  /** A department signs its unit's responsibility pledge (签订责任状). */
  async pledge(
    caller: CurrentUser,
    id: string,
    body: { note: string; evidenceIds?: string[] },
  ): Promise<CampaignDetailView> {
    const { campaign, plan } = await this.campaigns.visible(caller, id);
    if (!pledgingUnits(plan.resolved).includes(caller.unitCode))
      throw CampaignErrors.error('NOT_PLEDGING_UNIT');
    this.assertLaunched(campaign);
    await this.campaigns.assertEvidence(id, null, body.evidenceIds ?? []);
    await this.campaigns.send(caller, campaign, {
      type: 'pledge',
      unit: caller.unitCode,
      note: body.note,
      evidenceIds: body.evidenceIds ?? [],
    });
    return this.campaigns.detail(caller, id);
  }

  /** Pause, resume or close: the command center's steps on the whole campaign. */
  async step(
    caller: CurrentUser,
    id: string,
    command: Extract<CampaignCommand, { type: 'pause' | 'resume' | 'close' }>,
  ): Promise<CampaignDetailView> {
    const campaign = await this.campaigns.campaign(id);
    this.assertLaunched(campaign);
    if (campaign.status === 'closed') throw CampaignErrors.error('CAMPAIGN_CLOSED', '攻坚行动已结束');
    await this.campaigns.send(caller, campaign, command);
    return this.campaigns.detail(caller, id);
  }

  private assertLaunched(campaign: Campaign): void {
    if (campaign.status === 'draft') throw CampaignErrors.error('NOT_LAUNCHED');
  }
}
