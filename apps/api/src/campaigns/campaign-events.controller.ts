import { Controller, Headers, type MessageEvent, Param, Query, Sse, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { Roles } from '../access/access.decorators';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CampaignErrors } from './campaign.errors';
import { CampaignEventsService } from './campaign-events.service';
import { CampaignIdParam } from './dto/campaign.dto';
import { EventsQuery } from './dto/events-query.dto';
import { VisibleCampaignGuard } from './visible-campaign.guard';

/**
 * The change feed of a campaign as server-sent events, with Nest's `@Sse` and an rxjs Observable:
 * Nest writes the event-stream headers only once the handler has resolved (so a 403 or 404 is still
 * an ordinary JSON error), notices a client that left (also on a paused socket), drops one that
 * stops reading past a bound, and runs the Observable's teardown in every case — what a raw
 * HTTP response would have to do by hand.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignEventsController {
  constructor(private readonly events: CampaignEventsService) {}

  @Sse(':id/events')
  @Roles(...ALL_ROLES)
  @UseGuards(VisibleCampaignGuard)
  @ApiOperation({
    summary:
      'Server-sent events of the campaign’s changes as they are committed: `id:` the change id, `event:` its kind (task, escalation, bulletin, campaign), `data:` its JSON payload; resume with the Last-Event-ID header or `?after=`; a comment line every 15 s',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event id' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'BAD_EVENT_ID'))
  async stream(
    @Param() params: CampaignIdParam,
    @Query() query: EventsQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<Observable<MessageEvent>> {
    const after = lastEventId?.trim() || query.after;
    return this.events.stream(params.id, await this.events.cursor(params.id, after));
  }
}
