import { In, IsNull } from 'typeorm';
import { Queries } from '../queries';
import { Notification } from './notification.entity';

/** What a notification says, and the key that makes it at most once per person. */
export interface NotificationMessage {
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  subject: string;
}

/** In-app notifications: written by the processes, read by their recipient, delivered to the webhook. */
export class NotificationQueries extends Queries {
  private get notifications() {
    return this.db.getRepository(Notification);
  }

  /** A person's notifications (only unread ones if asked), newest first, at most `limit`. */
  ofRecipient(recipientId: string, options: { unreadOnly: boolean; limit: number }): Promise<Notification[]> {
    return this.notifications.find({
      where: { recipientId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: options.limit,
    });
  }

  /** One notification, only if it is this person's. */
  ofRecipientById(recipientId: string, id: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id, recipientId });
  }

  async markRead(id: string, at: Date): Promise<void> {
    await this.notifications.update({ id }, { readAt: at });
  }

  /**
   * The notifications of `message` for these people, in one statement, each made at most once per
   * (recipient, dedupe key): a repeated call finds the rows it made. Their ids, one per recipient in
   * the order given.
   */
  async insertOnce(recipientIds: readonly string[], message: NotificationMessage): Promise<string[]> {
    if (recipientIds.length === 0) return [];
    const rows = await this.prepared<{ id: string; recipient_id: string }>(
      `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
       SELECT DISTINCT recipient, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS recipient
       ON CONFLICT (recipient_id, dedupe_key) DO UPDATE SET kind = EXCLUDED.kind RETURNING id, recipient_id`,
      [recipientIds, message.dedupeKey, message.kind, message.title, message.body, message.subject],
    );
    const idOf = new Map(rows.map((row) => [row.recipient_id, row.id]));
    return recipientIds.map((recipient) => idOf.get(recipient)!);
  }

  /** Those of the given notifications not yet delivered to the webhook, oldest first. */
  undelivered(ids: string[]): Promise<Notification[]> {
    return this.notifications.find({
      where: { id: In(ids), deliveredAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The webhook took them: delivered now, one more attempt counted, no error. */
  async markDelivered(ids: string[]): Promise<void> {
    await this.notifications
      .createQueryBuilder()
      .update()
      .set({
        deliveredAt: new Date(),
        deliveryAttempts: () => 'delivery_attempts + 1',
        lastDeliveryError: null,
      })
      .whereInIds(ids)
      .execute();
  }

  /** The webhook refused them or did not answer: one more attempt counted, and why. */
  async markDeliveryFailed(ids: string[], reason: string): Promise<void> {
    await this.notifications
      .createQueryBuilder()
      .update()
      .set({ deliveryAttempts: () => 'delivery_attempts + 1', lastDeliveryError: reason })
      .whereInIds(ids)
      .execute();
  }
}
