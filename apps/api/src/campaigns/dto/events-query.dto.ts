import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Where a change feed starts: after this event id (as `Last-Event-ID` does; the header wins). */
export class EventsQuery {
  @ApiPropertyOptional({
    example: '0',
    description:
      'resume after this event id (0: the whole history); without it (and without a Last-Event-ID header) the stream starts with the next change',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: '须为事件编号（非负整数）' })
  after?: string;
}
