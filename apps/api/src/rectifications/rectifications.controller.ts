import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { CommentBody, ItemIdParam, RectificationsQuery } from './dto/rectification.dto';
import { ItemDetailView, ItemPage } from './dto/rectification-view.dto';
import { ItemCommentsService } from './item-comments.service';
import { RectificationErrors } from './rectification.errors';
import { RectificationsService } from './rectifications.service';

/** Reading items (the list, one item's page) and commenting on them. */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('rectifications')
export class RectificationsController {
  constructor(
    private readonly items: RectificationsService,
    private readonly comments: ItemCommentsService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiErrors(CommonErrors.pick('VALIDATION_FAILED'))
  @ApiOperation({
    summary: 'Items the caller may see, by ledger, unit, status, overdue and escalation level',
  })
  @ApiOkResponse({ type: ItemPage })
  list(@Caller() caller: CurrentUser, @Query() query: RectificationsQuery): Promise<ItemPage> {
    return this.items.list(caller, query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiErrors(RectificationErrors.pick('ITEM_NOT_FOUND'))
  @ApiOkResponse({ type: ItemDetailView })
  detail(@Caller() caller: CurrentUser, @Param() params: ItemIdParam): Promise<ItemDetailView> {
    return this.items.detail(caller, params.id);
  }

  @Post(':id/comments')
  @IdempotentCommand()
  @Roles(...ALL_ROLES)
  @ApiErrors(RectificationErrors.pick('ITEM_NOT_FOUND'))
  @ApiOperation({ summary: 'Comment on an item; visible to everyone who may see it' })
  @ApiCreatedResponse({ type: ItemDetailView })
  comment(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Body() body: CommentBody,
  ): Promise<ItemDetailView> {
    return this.comments.comment(caller, params.id, body.body);
  }
}
