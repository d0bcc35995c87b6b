import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { LeaderQueueEntryView } from './leader-queue.dto';
import { LeaderQueueService } from './leader-queue.service';

@ApiTags('leader-queue')
@ApiBearerAuth()
@Controller('leader-queue')
export class LeaderQueueController {
  constructor(private readonly queue: LeaderQueueService) {}

  @Get()
  @Roles('leadership')
  @ApiOperation({
    summary:
      'Summons (约谈) and accountability (问责) steps of rectification items and campaign tasks awaiting a leader’s decision, oldest first',
  })
  @ApiOkResponse({ type: [LeaderQueueEntryView] })
  @ApiErrors()
  list(): Promise<LeaderQueueEntryView[]> {
    return this.queue.list();
  }
}
