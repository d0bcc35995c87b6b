import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ErrorBody } from '../common/error-body';
import { CampaignIdParam } from './dto/campaign.dto';
import { CampaignProgressView } from './dto/progress-view.dto';
import { ProgressService } from './progress.service';

/** The battle map (挂图作战): every role; a department only for a campaign that names its unit. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get(':id/progress')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'The battle map in data: goals against targets, every task with status, percentage, deadline, days left or overdue, escalation level, lead and cooperating units; pledges; counts',
  })
  @ApiOkResponse({ type: CampaignProgressView })
  @ApiNotFoundResponse({
    type: ErrorBody,
    description: 'no such campaign, or one that does not name the department’s unit',
  })
  get(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignProgressView> {
    return this.progress.progress(caller, params.id);
  }
}
