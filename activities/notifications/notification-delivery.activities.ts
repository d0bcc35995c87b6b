import { log } from '@temporalio/activity';
import { DataSource, In, IsNull } from 'typeorm';
import { User } from '../../libs/database/src/identity/user.entity';
import { Notification } from '../../libs/database/src/notifications/notification.entity';

export interface WebhookSettings {
  url?: string;
  timeoutMs: number;
}

/**
 * Delivers notifications to the configured webhook. Each is marked delivered after a 2xx answer;
 * a failure throws so Temporal retries the rest later. Every request carries `Idempotency-Key`
 * (the notification id): if a worker dies between the receiver's answer and the mark, the retry
 * repeats the same key and the receiver drops the duplicate.
 */
export function createNotificationDeliveryActivities(dataSource: DataSource, webhook: WebhookSettings) {
  return {
    async deliverNotifications({
      notificationIds,
    }: {
      notificationIds: string[];
    }): Promise<{ delivered: number }> {
      if (!webhook.url || notificationIds.length === 0) return { delivered: 0 };
      const repository = dataSource.getRepository(Notification);
      const pending = await repository.find({
        where: { id: In(notificationIds), deliveredAt: IsNull() },
        order: { createdAt: 'ASC' },
      });
      const recipients = new Map(
        (await dataSource.getRepository(User).findBy({ id: In(pending.map((n) => n.recipientId)) })).map(
          (u) => [u.id, u],
        ),
      );
      const failures: string[] = [];
      for (const notification of pending) {
        const recipient = recipients.get(notification.recipientId);
        try {
          const response = await fetch(webhook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': notification.id },
            body: JSON.stringify({
              id: notification.id,
              kind: notification.kind,
              title: notification.title,
              body: notification.body,
              subject: notification.subject,
              recipient: recipient
                ? {
                    id: recipient.id,
                    username: recipient.username,
                    displayName: recipient.displayName,
                    unitCode: recipient.unitCode,
                  }
                : null,
              createdAt: notification.createdAt.toISOString(),
            }),
            signal: AbortSignal.timeout(webhook.timeoutMs),
          });
          if (!response.ok) throw new Error(`webhook answered ${response.status}`);
          await repository.update(
            { id: notification.id },
            {
              deliveredAt: new Date(),
              deliveryAttempts: notification.deliveryAttempts + 1,
              lastDeliveryError: null,
            },
          );
        } catch (error) {
          const message = (error as Error).message;
          failures.push(`${notification.id}: ${message}`);
          await repository.update(
            { id: notification.id },
            { deliveryAttempts: notification.deliveryAttempts + 1, lastDeliveryError: message },
          );
        }
      }
      if (failures.length > 0) {
        log.warn('webhook delivery failed; will retry', { failures });
        throw new Error(
          `${failures.length} of ${pending.length} notifications not delivered: ${failures[0]}`,
        );
      }
      return { delivered: pending.length };
    },
  };
}
