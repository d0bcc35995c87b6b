import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { BatchesService } from './batches.service';
import {
  BatchBody,
  BatchIdParam,
  BatchItemsQuery,
  BatchPreview,
  BatchPreviewBody,
  BatchView,
} from './dto/batch.dto';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('preview')
  @Roles('department', 'command-center')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How many objects a filter matches, and how many of them the caller may take the step on',
  })
  @ApiOkResponse({ type: BatchPreview })
  preview(@Caller() caller: CurrentUser, @Body() body: BatchPreviewBody): Promise<BatchPreview> {
    return this.batches.preview(caller, body);
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
  start(@Caller() caller: CurrentUser, @Body() body: BatchBody): Promise<BatchView> {
    return this.batches.start(caller, body);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "A batch's progress and its objects' results, paged (the caller's own batches)" })
  @ApiOkResponse({ type: BatchView })
  progress(
    @Caller() caller: CurrentUser,
    @Param() params: BatchIdParam,
    @Query() query: BatchItemsQuery,
  ): Promise<BatchView> {
    return this.batches.progress(caller, params.id, query);
  }
}
