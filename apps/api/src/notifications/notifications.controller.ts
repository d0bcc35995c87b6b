import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { NotificationIdParam, NotificationsQuery, NotificationView } from './notifications.dto';
import { NotificationsErrors } from './notifications.errors';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications: each person sees only theirs. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: [NotificationView] })
  @ApiErrors()
  list(@Caller() caller: CurrentUser, @Query() query: NotificationsQuery): Promise<NotificationView[]> {
    return this.notifications.list(caller, Boolean(query.unread));
  }

  @Post(':id/read')
  @IdempotentCommand()
  @Roles(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @ApiErrors(NotificationsErrors.pick('NOTIFICATION_NOT_FOUND'))
  markRead(@Caller() caller: CurrentUser, @Param() params: NotificationIdParam): Promise<NotificationView> {
    return this.notifications.markRead(caller, params.id);
  }
}
