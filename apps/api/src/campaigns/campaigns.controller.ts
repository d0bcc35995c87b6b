import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { campaignRefusals, CampaignErrors, EVIDENCE_NOT_UPLOADED_HERE } from './campaign.errors';
import { CampaignReportsService } from './campaign-reports.service';
import { CampaignStepsService } from './campaign-steps.service';
import { CampaignsService } from './campaigns.service';
import {
  BulletinParams,
  CampaignIdParam,
  CampaignNoteBody,
  NoteWithEvidenceBody,
  ReasonBody,
} from './dto/campaign.dto';
import {
  CampaignBulletinSummaryView,
  CampaignBulletinView,
  CampaignDetailView,
  CampaignView,
  FinalReportView,
} from './dto/campaign-view.dto';

/** Campaigns (攻坚行动): list and detail, launch, pledges, pause, resume, close, reports. Plans: CampaignPlansController. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly steps: CampaignStepsService,
    private readonly reports: CampaignReportsService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiErrors()
  @ApiOperation({ summary: 'Campaigns the caller may see (a department: those naming its unit)' })
  @ApiOkResponse({ type: [CampaignView] })
  list(@Caller() caller: CurrentUser): Promise<CampaignView[]> {
    return this.campaigns.list(caller);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  @ApiOperation({ summary: 'A campaign with its current plan (document and resolved), pledges and tasks' })
  @ApiOkResponse({ type: CampaignDetailView })
  detail(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignDetailView> {
    return this.campaigns.detail(caller, params.id);
  }

  @Post(':id/launch')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'ALREADY_LAUNCHED', 'WINDOW_ENDED', 'LAUNCH_PENDING'),
    WORKFLOW_COMMAND_ERRORS,
  )
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Launch: starts the campaign workflow and one per task; answers once tasks are listed and pledges open',
  })
  @ApiOkResponse({ type: CampaignDetailView })
  launch(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignDetailView> {
    return this.steps.launch(caller, params.id);
  }

  @Post(':id/pledges')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(
    CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_PLEDGING_UNIT', 'NOT_LAUNCHED'),
    [EVIDENCE_NOT_UPLOADED_HERE],
    WORKFLOW_COMMAND_ERRORS,
    campaignRefusals('NOT_PLEDGING_UNIT', 'ALREADY_PLEDGED'),
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the caller’s unit’s responsibility pledge (签订责任状)' })
  @ApiOkResponse({ type: CampaignDetailView })
  pledge(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: NoteWithEvidenceBody,
  ): Promise<CampaignDetailView> {
    return this.steps.pledge(caller, params.id, body);
  }

  @Post(':id/pause')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_LAUNCHED', 'CAMPAIGN_CLOSED'),
    WORKFLOW_COMMAND_ERRORS,
    campaignRefusals('ALREADY_PAUSED', 'REASON_REQUIRED'),
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the campaign: deadlines, escalations and the cadence stop' })
  @ApiOkResponse({ type: CampaignDetailView })
  pause(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: ReasonBody,
  ): Promise<CampaignDetailView> {
    return this.steps.step(caller, params.id, { type: 'pause', reason: body.reason });
  }

  @Post(':id/resume')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_LAUNCHED', 'CAMPAIGN_CLOSED'),
    WORKFLOW_COMMAND_ERRORS,
    campaignRefusals('NOT_PAUSED'),
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume: deadlines move on by the time paused' })
  @ApiOkResponse({ type: CampaignDetailView })
  resume(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: ReasonBody,
  ): Promise<CampaignDetailView> {
    return this.steps.step(caller, params.id, { type: 'resume', reason: body.reason });
  }

  @Post(':id/close')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_LAUNCHED', 'CAMPAIGN_CLOSED'),
    WORKFLOW_COMMAND_ERRORS,
    campaignRefusals(),
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the campaign: every task ends and the final report is written' })
  @ApiOkResponse({ type: CampaignDetailView })
  close(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: CampaignNoteBody,
  ): Promise<CampaignDetailView> {
    return this.steps.step(caller, params.id, { type: 'close', note: body.note });
  }

  @Get(':id/final-report')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_CLOSED'))
  @ApiOperation({
    summary: 'Goals against targets, tasks on time / late / unfinished, by unit (409 before close)',
  })
  @ApiOkResponse({ type: FinalReportView })
  finalReport(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<FinalReportView> {
    return this.reports.finalReport(caller, params.id);
  }

  @Get(':id/bulletins')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  @ApiOperation({ summary: 'Weekly bulletins (一周一通报) published so far' })
  @ApiOkResponse({ type: [CampaignBulletinSummaryView] })
  bulletins(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
  ): Promise<CampaignBulletinSummaryView[]> {
    return this.reports.bulletins(caller, params.id);
  }

  @Get(':id/bulletins/:number')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'BULLETIN_NOT_FOUND'))
  @ApiOperation({ summary: 'One bulletin as published: a frozen snapshot as of its time' })
  @ApiOkResponse({ type: CampaignBulletinView })
  bulletin(@Caller() caller: CurrentUser, @Param() params: BulletinParams): Promise<CampaignBulletinView> {
    return this.reports.bulletin(caller, params.id, params.number);
  }
}
