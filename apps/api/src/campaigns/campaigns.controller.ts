import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { CampaignPlansService } from './campaign-plans.service';
import { CampaignsService } from './campaigns.service';
import {
  AddTaskBody,
  BulletinParams,
  CampaignIdParam,
  CampaignNoteBody,
  NoteWithEvidenceBody,
  PlanRevisionQuery,
  PlanVersionParams,
  ReasonBody,
} from './dto/campaign.dto';
import {
  CampaignBulletinSummaryView,
  CampaignBulletinView,
  CampaignDetailView,
  CampaignView,
  FinalReportView,
  PlanVersionSummaryView,
  PlanVersionView,
} from './dto/campaign-view.dto';
import { planDocument, YAML_TYPES } from './plan-body';
import { fieldInvalid } from '../common/validation-failed';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

const PLAN_BODY = {
  description:
    'the plan document (CampaignPlanDocument) as JSON, or as YAML with Content-Type application/yaml; see examples/campaigns/bairi-2018.yaml',
  schema: { type: 'object' },
};

/** A plan revision: JSON `{document, reason}`, or a YAML document with `?reason=`. */
function revision(
  body: unknown,
  query: PlanRevisionQuery,
): { document: unknown; reason: string | undefined } {
  if (typeof body === 'string') return { document: planDocument(body), reason: query.reason };
  const problem = (field: string, message: string, detail: string) => fieldInvalid(field, detail, message);
  if (typeof body !== 'object' || body === null || !('document' in body))
    throw problem(
      'document',
      'JSON 请求体应为 {document, reason}（或以 YAML 提交计划、理由写在 ?reason=）',
      '不能缺少',
    );
  const reason = 'reason' in body ? body.reason : query.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '' || reason.length > 1000))
    throw problem('reason', '修改理由应为 1 至 1000 字的文字', '须为 1 至 1000 字的文字');
  return { document: body.document, reason };
}

/** Campaigns (攻坚行动): plans and their versions, launch, pledges, pause, resume, close, reports. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly plans: CampaignPlansService,
  ) {}

  @Post()
  @IdempotentCommand()
  @Roles('command-center')
  @ApiOperation({
    summary:
      'Store a plan as a draft campaign: every problem is answered at once with its path (422 PLAN_INVALID)',
  })
  @ApiConsumes('application/json', ...YAML_TYPES)
  @ApiBody(PLAN_BODY)
  @ApiCreatedResponse({ type: CampaignDetailView })
  create(@Caller() caller: CurrentUser, @Body() body: unknown): Promise<CampaignDetailView> {
    return this.plans.create(caller, planDocument(body));
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Campaigns the caller may see (a department: those naming its unit)' })
  @ApiOkResponse({ type: [CampaignView] })
  list(@Caller() caller: CurrentUser): Promise<CampaignView[]> {
    return this.campaigns.list(caller);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'A campaign with its current plan (document and resolved), pledges and tasks' })
  @ApiOkResponse({ type: CampaignDetailView })
  detail(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignDetailView> {
    return this.campaigns.detail(caller, params.id);
  }

  @Get(':id/plan-versions')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [PlanVersionSummaryView] })
  planVersions(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
  ): Promise<PlanVersionSummaryView[]> {
    return this.plans.planVersions(caller, params.id);
  }

  @Get(':id/plan-versions/:version')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: PlanVersionView })
  planVersion(@Caller() caller: CurrentUser, @Param() params: PlanVersionParams): Promise<PlanVersionView> {
    return this.plans.planVersionView(caller, params.id, params.version);
  }

  @Post(':id/plan')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiOperation({
    summary:
      'A new plan version: JSON {document, reason} or YAML with ?reason=. A running campaign applies it without losing progress, or it is refused (422 PLAN_CHANGE_REFUSED)',
  })
  @ApiConsumes('application/json', ...YAML_TYPES)
  @ApiBody({
    description: 'JSON: { document: CampaignPlanDocument, reason?: string }; YAML: the document itself',
    schema: { type: 'object' },
  })
  @ApiCreatedResponse({ type: CampaignDetailView })
  revisePlan(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Query() query: PlanRevisionQuery,
    @Body() body: unknown,
  ): Promise<CampaignDetailView> {
    const { document, reason } = revision(body, query);
    return this.plans.revisePlan(caller, params.id, document, reason);
  }

  @Post(':id/tasks')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiOperation({ summary: 'Add a task (or a sub-task of parentKey): a new plan version with it appended' })
  @ApiCreatedResponse({ type: CampaignDetailView })
  addTask(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: AddTaskBody,
  ): Promise<CampaignDetailView> {
    return this.plans.addTask(caller, params.id, body);
  }

  @Post(':id/launch')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Launch: starts the campaign workflow and one per task; answers once tasks are listed and pledges open',
  })
  @ApiOkResponse({ type: CampaignDetailView })
  launch(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignDetailView> {
    return this.campaigns.launch(caller, params.id);
  }

  @Post(':id/pledges')
  @IdempotentCommand()
  @Roles('department')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the caller’s unit’s responsibility pledge (签订责任状)' })
  @ApiOkResponse({ type: CampaignDetailView })
  pledge(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: NoteWithEvidenceBody,
  ): Promise<CampaignDetailView> {
    return this.campaigns.pledge(caller, params.id, body);
  }

  @Post(':id/pause')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the campaign: deadlines, escalations and the cadence stop' })
  @ApiOkResponse({ type: CampaignDetailView })
  pause(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: ReasonBody,
  ): Promise<CampaignDetailView> {
    return this.campaigns.step(caller, params.id, { type: 'pause', reason: body.reason });
  }

  @Post(':id/resume')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume: deadlines move on by the time paused' })
  @ApiOkResponse({ type: CampaignDetailView })
  resume(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: ReasonBody,
  ): Promise<CampaignDetailView> {
    return this.campaigns.step(caller, params.id, { type: 'resume', reason: body.reason });
  }

  @Post(':id/close')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the campaign: every task ends and the final report is written' })
  @ApiOkResponse({ type: CampaignDetailView })
  close(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: CampaignNoteBody,
  ): Promise<CampaignDetailView> {
    return this.campaigns.step(caller, params.id, { type: 'close', note: body.note });
  }

  @Get(':id/final-report')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Goals against targets, tasks on time / late / unfinished, by unit (409 before close)',
  })
  @ApiOkResponse({ type: FinalReportView })
  finalReport(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<FinalReportView> {
    return this.campaigns.finalReport(caller, params.id);
  }

  @Get(':id/bulletins')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Weekly bulletins (一周一通报) published so far' })
  @ApiOkResponse({ type: [CampaignBulletinSummaryView] })
  bulletins(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
  ): Promise<CampaignBulletinSummaryView[]> {
    return this.campaigns.bulletins(caller, params.id);
  }

  @Get(':id/bulletins/:number')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One bulletin as published: a frozen snapshot as of its time' })
  @ApiOkResponse({ type: CampaignBulletinView })
  bulletin(@Caller() caller: CurrentUser, @Param() params: BulletinParams): Promise<CampaignBulletinView> {
    return this.campaigns.bulletin(caller, params.id, params.number);
  }
}
