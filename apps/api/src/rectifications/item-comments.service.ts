import { Injectable } from '@nestjs/common';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import type { ItemDetailView } from './dto/rectification-view.dto';
import { RectificationsService } from './rectifications.service';

/** Comments on items: whoever may see an item may comment on it; the comment is audited. */
@Injectable()
export class ItemCommentsService {
  constructor(
    private readonly audit: AuditService,
    private readonly reading: RectificationsService,
  ) {}

  async comment(caller: CurrentUser, id: string, body: string): Promise<ItemDetailView> {
    await this.reading.visibleItem(caller, id);
    await this.audit.inTransaction(async (manager) => {
      await new RectificationItemQueries(manager).addComment({
        itemId: id,
        authorId: caller.id,
        authorName: caller.displayName,
        authorUnit: caller.unitCode,
        body,
      });
      await this.audit.record(manager, auditActor(caller), {
        action: 'rectification.comment',
        subject: `rectification:${id}`,
        after: { body },
      });
    });
    return this.reading.detail(caller, id);
  }
}
