import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendEvidence } from '../common/evidence/evidence-files';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { EVIDENCE_MAX_BYTES } from '../common/evidence-rules';
import { FileUpload } from '../common/file-upload';
import {
  BulkStepBody,
  HouseholdEvidenceParams,
  HouseholdIdParam,
  HouseholdsQuery,
  HouseholdStepBody,
} from './dto/household.dto';
import { BulkStepResult, HouseholdDetailView, HouseholdPage } from './dto/housing-view.dto';
import { HouseholdsService, stepCommand } from './households.service';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

@ApiTags('housing')
@ApiBearerAuth()
@Controller('housing/households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Households of a programme the caller may see, by township, village, stage, overdue, stalled',
  })
  @ApiOkResponse({ type: HouseholdPage })
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
  bulk(@Caller() caller: CurrentUser, @Body() body: BulkStepBody): Promise<BulkStepResult[]> {
    return this.households.bulk(caller, body.householdIds, stepCommand(body.step));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: HouseholdDetailView })
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
  step(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdIdParam,
    @Body() body: HouseholdStepBody,
  ): Promise<HouseholdDetailView> {
    return this.households.step(caller, params.id, stepCommand(body));
  }

  @Post(':id/evidence')
  @IdempotentCommand()
  @Roles('department')
  @FileUpload(EVIDENCE_MAX_BYTES)
  @ApiOperation({ summary: 'Attach a photo or document (jpg, png, pdf, doc(x), xls(x), at most 10 MiB)' })
  @ApiCreatedResponse({ type: HouseholdDetailView })
  evidence(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdIdParam,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<HouseholdDetailView> {
    return this.households.attachEvidence(caller, params.id, file);
  }

  @Get(':id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Download a piece of evidence' })
  async download(
    @Caller() caller: CurrentUser,
    @Param() params: HouseholdEvidenceParams,
    @Res() response: Response,
  ): Promise<void> {
    sendEvidence(response, await this.households.evidenceContent(caller, params.id, params.evidenceId));
  }
}
