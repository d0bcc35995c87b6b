import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendEvidence } from '../common/evidence/evidence-files';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { Caller, Roles } from '../access/access.decorators';
import { FileUpload } from '../common/file-upload';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { LedgerIdParam } from '../ledgers/dto/ledger.dto';
import {
  BulkReassignBody,
  CommentBody,
  EvidenceParams,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  ItemIdParam,
  LeaderDecisionBody,
  NoteBody,
  ReasonBody,
  ReassignBody,
  RectificationsQuery,
  RegisterItemBody,
  ReopenBody,
} from './dto/rectification.dto';
import { BulkResult, ItemDetailView, ItemPage } from './dto/rectification-view.dto';
import { EVIDENCE_MAX_BYTES } from '../common/evidence-rules';
import { RectificationsService } from './rectifications.service';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

const iso = (value?: string) => (value ? deadlineInstant(value).toISOString() : null);

@ApiTags('rectifications')
@ApiBearerAuth()
@Controller()
export class RectificationsController {
  constructor(private readonly items: RectificationsService) {}

  @Post('ledgers/:id/items')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiOperation({
    summary: 'Register a problem: one plan, one responsible person, two deadlines; starts its workflow',
  })
  @ApiCreatedResponse({ type: ItemDetailView })
  register(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerIdParam,
    @Body() body: RegisterItemBody,
  ): Promise<ItemDetailView> {
    return this.items.register(caller, params.id, body);
  }

  @Get('rectifications')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Items the caller may see, by ledger, unit, status, overdue and escalation level',
  })
  @ApiOkResponse({ type: ItemPage })
  list(@Caller() caller: CurrentUser, @Query() query: RectificationsQuery): Promise<ItemPage> {
    return this.items.list(caller, query);
  }

  @Get('rectifications/:id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: ItemDetailView })
  detail(@Caller() caller: CurrentUser, @Param() params: ItemIdParam): Promise<ItemDetailView> {
    return this.items.detail(caller, params.id);
  }

  @Post('rectifications/:id/progress')
  @IdempotentCommand()
  @Roles('department')
  @HttpCode(200)
  @ApiOperation({ summary: 'The responsible unit reports progress (整改进展)' })
  progress(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'record-progress', note: body.note });
  }

  @Post('rectifications/:id/evidence')
  @IdempotentCommand()
  @Roles('department')
  @FileUpload(EVIDENCE_MAX_BYTES)
  @ApiOperation({
    summary:
      'Attach evidence (佐证材料): jpg, png, pdf, doc(x), xls(x), at most 10 MiB; kept with its SHA-256',
  })
  @ApiCreatedResponse({ type: ItemDetailView })
  evidence(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<ItemDetailView> {
    return this.items.attachEvidence(caller, params.id, file);
  }

  @Get('rectifications/:id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Download a piece of evidence' })
  async download(
    @Caller() caller: CurrentUser,
    @Param() params: EvidenceParams,
    @Res() response: Response,
  ): Promise<void> {
    sendEvidence(response, await this.items.evidenceContent(caller, params.id, params.evidenceId));
  }

  @Post('rectifications/:id/basic-done')
  @IdempotentCommand()
  @Roles('department')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark basic rectification done (基本整改到位)' })
  basicDone(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'mark-basic-done', note: body.note });
  }

  @Post('rectifications/:id/submit')
  @IdempotentCommand()
  @Roles('department')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit for close-out (申请销号)' })
  submit(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'submit', note: body.note });
  }

  @Post('rectifications/:id/accept')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'The verifier accepts: the item is closed (销号)' })
  accept(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: NoteBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'accept', note: body.note });
  }

  @Post('rectifications/:id/reject')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'The verifier rejects with a reason: back to rectification' })
  reject(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'reject', reason: body.reason });
  }

  @Post('rectifications/:id/reassign')
  @IdempotentCommand()
  @Roles('command-center')
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

  @Post('rectifications/reassign')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign many items at once; a result per item' })
  @ApiOkResponse({ type: [BulkResult] })
  bulkReassign(@Caller() caller: CurrentUser, @Body() body: BulkReassignBody): Promise<BulkResult[]> {
    return this.items.bulkReassign(caller, body.itemIds, body.personId, body.reason);
  }

  @Post('rectifications/:id/extension-request')
  @IdempotentCommand()
  @Roles('department')
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

  @Post('rectifications/:id/extension-decision')
  @IdempotentCommand()
  @Roles('command-center')
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

  @Post('rectifications/:id/pause')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the item’s clock (paused time is not overdue)' })
  pause(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'pause', reason: body.reason });
  }

  @Post('rectifications/:id/resume')
  @IdempotentCommand()
  @Roles('command-center')
  @HttpCode(200)
  resume(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: ReasonBody,
  ): Promise<ItemDetailView> {
    return this.items.command(caller, params.id, { type: 'resume', reason: body.reason });
  }

  @Post('rectifications/:id/reopen')
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
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

  @Post('rectifications/:id/leader-decision')
  @IdempotentCommand()
  @Roles('leadership')
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

  @Post('rectifications/:id/comments')
  @IdempotentCommand()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Comment on an item; visible to everyone who may see it' })
  @ApiCreatedResponse({ type: ItemDetailView })
  comment(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: CommentBody,
  ): Promise<ItemDetailView> {
    return this.items.comment(caller, params.id, body.body);
  }
}
