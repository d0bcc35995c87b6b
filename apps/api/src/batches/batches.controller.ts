import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CampaignErrors } from '../campaigns/campaign.errors';
import { CommonErrors } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { HousingErrors } from '../housing/housing.errors';
import { BatchErrors } from './batch.errors';
import { BatchPreviewService } from './batch-preview.service';
import { BatchProgressService } from './batch-progress.service';
import { BatchStartService } from './batch-start.service';
import {
  BatchBody,
  BatchIdParam,
  BatchItemsQuery,
  BatchPreview,
  BatchPreviewBody,
  BatchView,
} from './dto/batch.dto';

/** What checking a batch's filter may answer: a unit outside the caller's reach, a programme or campaign not found. */
const FILTER_ERRORS = [
  ...CommonErrors.pick('OTHER_UNIT'),
  ...HousingErrors.pick('PROGRAMME_NOT_FOUND'),
  ...CampaignErrors.pick('CAMPAIGN_NOT_FOUND'),
];

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly previews: BatchPreviewService,
    private readonly starts: BatchStartService,
    private readonly progresses: BatchProgressService,
  ) {}

  @Post('preview')
  @Roles('department', 'command-center')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How many objects a filter matches, and how many of them the caller may take the step on',
  })
  @ApiOkResponse({ type: BatchPreview })
  @ApiErrors(FILTER_ERRORS)
  preview(@Caller() caller: CurrentUser, @Body() body: BatchPreviewBody): Promise<BatchPreview> {
    return this.previews.preview(caller, body);
  }

  @Post()
  @IdempotentCommand()
  @Roles('department', 'command-center')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Take one step on every object the filter matches, as a tracked batch: the matches are frozen at the start, each object gets its own result',
  })
  @ApiAcceptedResponse({ type: BatchView })
  @ApiErrors(FILTER_ERRORS, CommonErrors.pick('TEMPORAL_UNAVAILABLE'), BatchErrors.pick('BATCH_NOT_FOUND'))
  start(@Caller() caller: CurrentUser, @Body() body: BatchBody): Promise<BatchView> {
    return this.starts.start(caller, body);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "A batch's progress and its objects' results, paged (the caller's own batches)" })
  @ApiOkResponse({ type: BatchView })
  @ApiErrors(BatchErrors.pick('BATCH_NOT_FOUND'))
  progress(
    @Caller() caller: CurrentUser,
    @Param() params: BatchIdParam,
    @Query() query: BatchItemsQuery,
  ): Promise<BatchView> {
    return this.progresses.progress(caller, params.id, query);
  }
}
