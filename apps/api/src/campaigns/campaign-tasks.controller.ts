import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendEvidence } from '../common/evidence/evidence-files';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { EVIDENCE_MAX_BYTES, type UploadedEvidence } from '../common/evidence-rules';
import { FileUpload } from '../common/file-upload';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors, WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { CampaignErrors, EVIDENCE_NOT_UPLOADED_HERE, taskRefusals } from './campaign.errors';
import { CampaignTasksService } from './campaign-tasks.service';
import {
  ExtendBody,
  CampaignNoteBody,
  NoteWithEvidenceBody,
  ProgressBody,
  ReasonBody,
  TaskEvidenceParams,
  TaskParams,
} from './dto/campaign.dto';
import { CampaignEvidenceView, TaskDetailView } from './dto/campaign-view.dto';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { LeaderDecisionBody } from '../rectifications/dto/rectification.dto';

/** A task the caller may not see, or that is not there. */
const TASK_SEEN = CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'TASK_NOT_FOUND', 'NOT_YOUR_TASK');
/** A task no step can be taken on (a closed campaign, a group). */
const TASK_WORKABLE = CampaignErrors.pick('CAMPAIGN_CLOSED', 'GROUP_TASK');

/** One campaign task: its timeline and evidence, and the steps of the units and the command center. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/:id/tasks')
export class CampaignTasksController {
  constructor(private readonly tasks: CampaignTasksService) {}

  @Get(':key')
  @Roles(...ALL_ROLES)
  @ApiErrors(TASK_SEEN)
  @ApiOperation({
    summary: 'A task with its timeline, evidence and escalations (a department: its own unit’s)',
  })
  @ApiOkResponse({ type: TaskDetailView })
  detail(@Caller() caller: CurrentUser, @Param() params: TaskParams): Promise<TaskDetailView> {
    return this.tasks.detail(caller, params.id, params.key);
  }

  @Post(':key/progress')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    [EVIDENCE_NOT_UPLOADED_HERE],
    WORKFLOW_COMMAND_ERRORS,
    taskRefusals('NOT_IN_PROGRESS', 'NARRATIVE_REQUIRED', 'QUANTITY_INVALID', 'PERCENT_INVALID'),
  )
  @HttpCode(200)
  @ApiOperation({
    summary: 'The lead or a cooperating unit reports progress: quantity or percentage, narrative, evidence',
  })
  @ApiOkResponse({ type: TaskDetailView })
  progress(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: ProgressBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, {
      type: 'report-progress',
      ...(body.quantityDone !== undefined ? { quantityDone: body.quantityDone } : {}),
      ...(body.percentDone !== undefined ? { percentDone: body.percentDone } : {}),
      narrative: body.narrative,
      evidenceIds: body.evidenceIds ?? [],
    });
  }

  @Post(':key/submit')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    CampaignErrors.pick('NOT_LEAD_UNIT', 'DEPENDENCIES_OPEN'),
    [EVIDENCE_NOT_UPLOADED_HERE],
    WORKFLOW_COMMAND_ERRORS,
    taskRefusals('NOT_IN_PROGRESS'),
  )
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The lead unit submits the task as complete (409 DEPENDENCIES_OPEN while a prerequisite is not accepted)',
  })
  @ApiOkResponse({ type: TaskDetailView })
  submit(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: NoteWithEvidenceBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, {
      type: 'submit',
      note: body.note,
      evidenceIds: body.evidenceIds ?? [],
    });
  }

  @Post(':key/accept')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(TASK_SEEN, TASK_WORKABLE, WORKFLOW_COMMAND_ERRORS, taskRefusals('NOT_SUBMITTED'))
  @HttpCode(200)
  @ApiOperation({ summary: 'The command center accepts a submitted task (sign-off)' })
  @ApiOkResponse({ type: TaskDetailView })
  accept(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: CampaignNoteBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, { type: 'accept', note: body.note });
  }

  @Post(':key/return')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    WORKFLOW_COMMAND_ERRORS,
    taskRefusals('NOT_SUBMITTED', 'REASON_REQUIRED'),
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'The command center returns a submitted task with a reason' })
  @ApiOkResponse({ type: TaskDetailView })
  giveBack(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: ReasonBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, { type: 'return', reason: body.reason });
  }

  @Post(':key/extend')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    WORKFLOW_COMMAND_ERRORS,
    taskRefusals('REASON_REQUIRED', 'DEADLINE_INVALID', 'DEADLINE_NOT_LATER', 'DEADLINE_PASSED'),
  )
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend the deadline (a date means the end of that day, CST); the reason is recorded',
  })
  @ApiOkResponse({ type: TaskDetailView })
  extend(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: ExtendBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, {
      type: 'extend',
      deadline: deadlineInstant(body.deadline).toISOString(),
      reason: body.reason,
    });
  }

  @Post(':key/leader-decision')
  @IdempotentCommand()
  @Roles('leadership')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    WORKFLOW_COMMAND_ERRORS,
    taskRefusals('LEADERSHIP_ONLY', 'NOTHING_TO_DECIDE', 'DECISION_REQUIRED'),
  )
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A leader records the decision on a summons (约谈) or accountability (问责) step awaiting one (409 NOTHING_TO_DECIDE otherwise)',
  })
  @ApiOkResponse({ type: TaskDetailView })
  leaderDecision(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Body() body: LeaderDecisionBody,
  ): Promise<TaskDetailView> {
    return this.tasks.command(caller, params.id, params.key, {
      type: 'leader-decision',
      level: body.level,
      decision: body.decision,
    });
  }

  @Post(':key/evidence')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(
    TASK_SEEN,
    TASK_WORKABLE,
    CommonErrors.pick('FILE_MISSING', 'EVIDENCE_TYPE', 'EVIDENCE_TYPE_MISMATCH'),
  )
  @FileUpload(EVIDENCE_MAX_BYTES)
  @ApiOperation({
    summary:
      'Upload evidence (佐证材料) for the task: jpg, png, pdf, doc(x), xls(x), at most 10 MiB; progress and submissions name it by id',
  })
  @ApiCreatedResponse({ type: CampaignEvidenceView })
  evidence(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @UploadedFile() file: UploadedEvidence | undefined,
  ): Promise<CampaignEvidenceView> {
    return this.tasks.attachEvidence(caller, params.id, params.key, file);
  }

  @Get(':key/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  @ApiErrors(TASK_SEEN, CommonErrors.pick('EVIDENCE_NOT_FOUND'))
  @ApiOperation({ summary: 'Download a piece of evidence' })
  async download(
    @Caller() caller: CurrentUser,
    @Param() params: TaskEvidenceParams,
    @Res() response: FastifyReply,
  ): Promise<void> {
    sendEvidence(
      response,
      await this.tasks.evidenceContent(caller, params.id, params.key, params.evidenceId),
    );
  }
}
