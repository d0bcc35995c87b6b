import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { CurrentUser } from '../access/current-user';
import { CampaignErrors } from './campaign.errors';
import { ProgressService } from './progress.service';

/**
 * Refuses a change-feed request before the stream opens. With any interceptor around an `@Sse`
 * handler, Nest writes the 200 event-stream headers before the handler's promise settles, so a
 * refusal thrown by the handler would come too late; a guard runs before both.
 */
@Injectable()
export class VisibleCampaignGuard implements CanActivate {
  constructor(private readonly progress: ProgressService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{
      user: CurrentUser;
      params: { id: string };
      query: { after?: string };
      headers: Record<string, string | undefined>;
    }>();
    // A malformed id is left to the validation pipe, which names it (400).
    if (!isUUID(request.params.id)) return true;
    await this.progress.visibleCampaign(request.user, request.params.id);
    const after = request.headers['last-event-id']?.trim() || request.query.after;
    if (after !== undefined && !/^\d{1,18}$/.test(after)) throw CampaignErrors.error('BAD_EVENT_ID');
    return true;
  }
}
