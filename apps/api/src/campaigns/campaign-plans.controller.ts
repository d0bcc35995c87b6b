import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { fieldInvalid } from '../common/validation-failed';
import { campaignRefusals, CampaignErrors } from './campaign.errors';
import { CampaignPlansService } from './campaign-plans.service';
import { AddTaskBody, CampaignIdParam, PlanRevisionQuery, PlanVersionParams } from './dto/campaign.dto';
import { CampaignDetailView, PlanVersionSummaryView, PlanVersionView } from './dto/campaign-view.dto';
import { planDocument, PlanConsumes } from './plan-body';

const PLAN_BODY = {
  description:
    'the plan document (CampaignPlanDocument) as JSON, or as YAML with Content-Type application/yaml; see examples/campaigns/bairi-2018.yaml',
  schema: { type: 'object' },
};

/** A new plan version, as a revision or an added task: refused here, or by the running campaign's workflow. */
const PLAN_REVISION_ERRORS = [
  ...CampaignErrors.pick(
    'CAMPAIGN_NOT_FOUND',
    'CAMPAIGN_CLOSED',
    'ALREADY_LAUNCHED',
    'PLAN_INVALID',
    'PLAN_CHANGE_REFUSED',
  ),
  ...WORKFLOW_COMMAND_ERRORS,
  ...campaignRefusals('REASON_REQUIRED', 'PLAN_VERSION_STALE', 'PLAN_CHANGE_REFUSED'),
];

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

/** Campaign plans (攻坚行动计划): a draft from a plan, its versions, revisions and added tasks. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignPlansController {
  constructor(private readonly plans: CampaignPlansService) {}

  @Post()
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(CampaignErrors.pick('PLAN_INVALID', 'YAML_INVALID', 'PLAN_TOO_LARGE'))
  @ApiOperation({
    summary:
      'Store a plan as a draft campaign: every problem is answered at once with its path (422 PLAN_INVALID)',
  })
  @PlanConsumes()
  @ApiBody(PLAN_BODY)
  @ApiCreatedResponse({ type: CampaignDetailView })
  create(@Caller() caller: CurrentUser, @Body() body: unknown): Promise<CampaignDetailView> {
    return this.plans.create(caller, planDocument(body));
  }

  @Get(':id/plan-versions')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  @ApiOkResponse({ type: [PlanVersionSummaryView] })
  planVersions(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
  ): Promise<PlanVersionSummaryView[]> {
    return this.plans.planVersions(caller, params.id);
  }

  @Get(':id/plan-versions/:version')
  @Roles(...ALL_ROLES)
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'PLAN_VERSION_NOT_FOUND'))
  @ApiOkResponse({ type: PlanVersionView })
  planVersion(@Caller() caller: CurrentUser, @Param() params: PlanVersionParams): Promise<PlanVersionView> {
    return this.plans.planVersionView(caller, params.id, params.version);
  }

  @Post(':id/plan')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(PLAN_REVISION_ERRORS, CampaignErrors.pick('REASON_REQUIRED', 'YAML_INVALID', 'PLAN_TOO_LARGE'))
  @ApiOperation({
    summary:
      'A new plan version: JSON {document, reason} or YAML with ?reason=. A running campaign applies it without losing progress, or it is refused (422 PLAN_CHANGE_REFUSED)',
  })
  @PlanConsumes()
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
  @ApiErrors(PLAN_REVISION_ERRORS)
  @ApiOperation({ summary: 'Add a task (or a sub-task of parentKey): a new plan version with it appended' })
  @ApiCreatedResponse({ type: CampaignDetailView })
  addTask(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Body() body: AddTaskBody,
  ): Promise<CampaignDetailView> {
    return this.plans.addTask(caller, params.id, body);
  }
}
