import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendEvidence } from '../common/evidence/evidence-files';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { EVIDENCE_FILE_ERRORS, EVIDENCE_MAX_BYTES } from '../common/evidence-rules';
import { FileUpload } from '../common/file-upload';
import {
  BulkStepBody,
  HouseholdEvidenceParams,
  HouseholdIdParam,
  HouseholdsQuery,
  HouseholdStepBody,
} from './dto/household.dto';
import { BulkStepResult, HouseholdDetailView, HouseholdPage } from './dto/housing-view.dto';
import { HouseholdEvidenceService } from './household-evidence.service';
import { stepCommand } from './household-step-command';
import { HouseholdStepsService } from './household-steps.service';
import { HOUSEHOLD_REFUSAL_CODES } from '../../../../libs/domain/src/housing/household-process';
import { householdStepErrors, HousingErrors } from './housing.errors';
import { HouseholdsService } from './households.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors, WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

@ApiTags('housing')
@ApiBearerAuth()
@Controller('housing/households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly steps: HouseholdStepsService,
    private readonly evidenceFiles: HouseholdEvidenceService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Households of a programme the caller may see, by township, village, stage, overdue, stalled',
  })
  @ApiOkResponse({ type: HouseholdPage })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  list(@Caller() caller: CurrentUser, @Query() query: HouseholdsQuery): Promise<HouseholdPage> {
    return this.households.list(caller, query);
  }

  @Post('steps')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('department', 'command-center')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record one step for many households; each is checked on its own, with a result per household',
  })
  @ApiOkResponse({ type: [BulkStepResult] })
  @ApiErrors(HousingErrors.pick('NOT_YOUR_HOUSEHOLD'))
  bulk(@Caller() caller: CurrentUser, @Body() body: BulkStepBody): Promise<BulkStepResult[]> {
    return this.steps.bulk(caller, body.householdIds, stepCommand(body.step));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: HouseholdDetailView })
  @ApiErrors(HousingErrors.pick('HOUSEHOLD_NOT_FOUND'))
  detail(@Caller() caller: CurrentUser, @Param() params: HouseholdIdParam): Promise<HouseholdDetailView> {
    return this.households.detail(caller, params.id);
  }

  @Post(':id/steps')
  @IdempotentCommand()
  @Roles('department', 'command-center')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take a step: record-appraisal, approve, reject, file-objection, resolve-objection, record-start, record-completion, sign-acceptance, record-move-in, retry-payment, withdraw',
  })
  @ApiOkResponse({ type: HouseholdDetailView })
  @ApiErrors(householdStepErrors('UNSTORABLE_TEXT', ...HOUSEHOLD_REFUSAL_CODES), WORKFLOW_COMMAND_ERRORS)
  step(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdIdParam,
    @Body() body: HouseholdStepBody,
  ): Promise<HouseholdDetailView> {
    return this.steps.step(caller, params.id, stepCommand(body));
  }

  @Post(':id/evidence')
  @IdempotentCommand()
  @Roles('department')
  @FileUpload(EVIDENCE_MAX_BYTES, EVIDENCE_FILE_ERRORS)
  @ApiOperation({ summary: 'Attach a photo or document (jpg, png, pdf, doc(x), xls(x), at most 10 MiB)' })
  @ApiCreatedResponse({ type: HouseholdDetailView })
  @ApiErrors(householdStepErrors('DUPLICATE_EVIDENCE'), WORKFLOW_COMMAND_ERRORS)
  evidence(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdIdParam,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<HouseholdDetailView> {
    return this.evidenceFiles.attachEvidence(caller, params.id, file);
  }

  @Get(':id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Download a piece of evidence' })
  @ApiErrors(HousingErrors.pick('HOUSEHOLD_NOT_FOUND'), CommonErrors.pick('EVIDENCE_NOT_FOUND'))
  async download(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdEvidenceParams,
    @Res() response: FastifyReply,
  ): Promise<void> {
    sendEvidence(response, await this.evidenceFiles.evidenceContent(caller, params.id, params.evidenceId));
  }
}
