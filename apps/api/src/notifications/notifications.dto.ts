import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { queryBoolean } from '../common/query-boolean';

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
