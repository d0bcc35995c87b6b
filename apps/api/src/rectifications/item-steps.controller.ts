import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExtensionRequestBody, ItemIdParam, NoteBody, ReasonBody, ReopenBody } from './dto/rectification.dto';
import { ItemDetailView } from './dto/rectification-view.dto';
import { ItemStepsService } from './item-steps.service';
import { itemStepErrors } from './rectification.errors';

const iso = (value?: string) => (value ? deadlineInstant(value).toISOString() : null);

/** The steps of the responsible unit (progress, basic done, submit, extension) and of the verifier (accept, reject, reopen). */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('rectifications/:id')
export class ItemStepsController {
  constructor(private readonly items: ItemStepsService) {}

  @Post('progress')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(itemStepErrors('ITEM_CLOSED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'The responsible unit reports progress (整改进展)' })
  progress(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'record-progress', note: body.note });
  }

  @Post('basic-done')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(itemStepErrors('NOT_RECTIFYING'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark basic rectification done (基本整改到位)' })
  basicDone(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'mark-basic-done', note: body.note });
  }

  @Post('submit')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(itemStepErrors('CANNOT_SUBMIT'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit for close-out (申请销号)' })
  submit(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'submit', note: body.note });
  }

  @Post('accept')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(itemStepErrors('NOT_SUBMITTED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'The verifier accepts: the item is closed (销号)' })
  accept(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'accept', note: body.note });
  }

  @Post('reject')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(itemStepErrors('NOT_SUBMITTED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'The verifier rejects with a reason: back to rectification' })
  reject(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'reject', reason: body.reason });
  }

  @Post('extension-request')
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(
    itemStepErrors('ITEM_CLOSED', 'EXTENSION_PENDING', 'DEADLINE_PASSED', 'NOT_LATER', 'BASIC_AFTER_FULL'),
    WORKFLOW_COMMAND_ERRORS,
  )
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for an extension (延期) before the deadline passes' })
  requestExtension(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ExtensionRequestBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, {
      type: 'request-extension',
      newBasic: iso(body.newBasicDeadline),
      newFull: iso(body.newFullDeadline)!,
      reason: body.reason,
    });
  }

  @Post('reopen')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(itemStepErrors('NOT_CLOSED'), WORKFLOW_COMMAND_ERRORS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-check (回头看): reopen a closed item with a reason (inspectors, the command center)',
  })
  reopen(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReopenBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, {
      type: 'reopen',
      reason: body.reason,
      newBasic: iso(body.newBasicDeadline),
      newFull: iso(body.newFullDeadline),
    });
  }
}
