import { Injectable } from '@nestjs/common';
import { Notification } from '../../../../libs/database/src/notifications/notification.entity';
import { NotificationQueries } from '../../../../libs/database/src/notifications/notification.queries';
import type { CurrentUser } from '../access/current-user';
import { NotificationView } from './notifications.dto';
import { NotificationsErrors } from './notifications.errors';

/** The most notifications one list answers. */
const LIST_LIMIT = 500;

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
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationQueries) {}

  /** Newest first, at most 500. */
  async list(caller: CurrentUser, unreadOnly: boolean): Promise<NotificationView[]> {
    return (await this.notifications.ofRecipient(caller.id, { unreadOnly, limit: LIST_LIMIT })).map(view);
  }

  /** Marks one read (once: a second time keeps the first time); 404 when it is not the caller's. */
  async markRead(caller: CurrentUser, id: string): Promise<NotificationView> {
    const row = await this.notifications.ofRecipientById(caller.id, id);
    if (!row) throw NotificationsErrors.error('NOTIFICATION_NOT_FOUND');
    if (!row.readAt) {
      row.readAt = new Date();
      await this.notifications.markRead(row.id, row.readAt);
    }
    return view(row);
  }
}
