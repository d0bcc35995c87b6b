import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { Notification } from '../../../../libs/database/src/notifications/notification.entity';
import { Caller, Roles } from '../access/access.decorators';
import { queryBoolean } from '../common/query-boolean';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

export class NotificationsQuery {
  @ApiPropertyOptional({ description: 'only unread ones' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'escalation.yellow-warning' }) kind!: string;
  @ApiProperty({ example: '督办单〔2026〕第3号：黄牌预警' }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ example: 'rectification:…' }) subject!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) readAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'when the webhook accepted it' }) deliveredAt!:
    string | null;
}

const view = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  subject: n.subject,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
  deliveredAt: n.deliveredAt?.toISOString() ?? null,
});

/** The caller's own notifications: each person sees only theirs. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: [NotificationView] })
  async list(@Caller() caller: CurrentUser, @Query() query: NotificationsQuery): Promise<NotificationView[]> {
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { recipientId: caller.id, ...(query.unread ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return rows.map(view);
  }

  @Post(':id/read')
  @IdempotentCommand()
  @Roles(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  async markRead(
    @Caller() caller: CurrentUser,
    @Param() params: NotificationIdParam,
  ): Promise<NotificationView> {
    const repository = this.dataSource.getRepository(Notification);
    const row = await repository.findOneBy({ id: params.id, recipientId: caller.id });
    if (!row) throw new NotFoundException({ code: 'NOTIFICATION_NOT_FOUND', message: '通知不存在' });
    if (!row.readAt) {
      row.readAt = new Date();
      await repository.update({ id: row.id }, { readAt: row.readAt });
    }
    return view(row);
  }
}
