import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors, WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import {
  BulkReassignBody,
  ExtensionDecisionBody,
  ItemIdParam,
  LeaderDecisionBody,
  ReasonBody,
  ReassignBody,
} from './dto/rectification.dto';
import { BulkResult, ItemDetailView } from './dto/rectification-view.dto';
import { ItemStepsService } from './item-steps.service';
import { itemStepErrors } from './rectification.errors';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

/** The command center's and leaders' steps: reassigning, deciding extensions, pausing the clock, leaders' decisions. */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('rectifications')
export class ItemOversightController {
  constructor(private readonly items: ItemStepsService) {}

  @Post(':id/reassign')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(itemStepErrors('ITEM_CLOSED', 'SAME_PERSON'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign the responsible person (of the same unit)' })
  async reassign(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReassignBody,
  ): Promise<ItemDetailView> {
    return this.items.command(
      caller,
      params.id,
      await this.items.reassignmentCommand(params.id, body.personId, body.reason),
    );
  }

  @Post('reassign')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(CommonErrors.pick('VALIDATION_FAILED'))
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign many items at once; a result per item' })
  @ApiOkResponse({ type: [BulkResult] })
  bulkReassign(@Caller() caller: CurrentUser, @Body() body: BulkReassignBody): Promise<BulkResult[]> {
    return this.items.bulkReassign(caller, body.itemIds, body.personId, body.reason);
  }

  @Post(':id/extension-decision')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(itemStepErrors('NO_EXTENSION_PENDING'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or refuse a pending extension' })
  decideExtension(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ExtensionDecisionBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, {
      type: 'decide-extension',
      approve: body.approve,
      reason: body.reason,
    });
  }

  @Post(':id/pause')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(itemStepErrors('ITEM_CLOSED', 'ALREADY_PAUSED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the item’s clock (paused time is not overdue)' })
  pause(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'pause', reason: body.reason });
  }

  @Post(':id/resume')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiErrors(itemStepErrors('NOT_PAUSED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  resume(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'resume', reason: body.reason });
  }

  @Post(':id/leader-decision')
  @IdempotentCommand()
  @Roles('leadership')
  @ApiErrors(itemStepErrors('NOTHING_TO_DECIDE'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a leader’s decision on a summons (约谈) or accountability (问责) step' })
  leaderDecision(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: LeaderDecisionBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, {
      type: 'leader-decision',
      level: body.level,
      decision: body.decision,
    });
  }
}
