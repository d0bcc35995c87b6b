import { log } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { UserQueries } from '../../libs/database/src/identity/user.queries';
import { Notification } from '../../libs/database/src/notifications/notification.entity';
import { NotificationQueries } from '../../libs/database/src/notifications/notification.queries';
import { WebhookFormat, WebhookMessage, webhookRefusal, webhookRequest } from './webhook-formats';

export interface WebhookSettings {
  url?: string;
  timeoutMs: number;
  /** `generic` (one JSON per notification), `dingtalk` or `wecom` (one robot message per notice). */
  format?: WebhookFormat;
  /** DingTalk's 加签 secret: each request is signed with `timestamp` and `sign`. */
  secret?: string;
  /** WEBHOOK_SIGNING_SECRET: every request carries `X-Signature-Timestamp` and `X-Signature`. */
  signingSecret?: string;
}

/**
 * Delivers notifications to the configured webhook. Each is marked delivered after the receiver
 * took it; a failure throws so Temporal retries the rest later. Every request carries
 * `Idempotency-Key` (the notification id): if a worker dies between the receiver's answer and the
 * mark, the retry repeats the same key and the receiver drops the duplicate.
 *
 * A group robot (DingTalk, WeCom) posts to one group: the notifications of one notice (one per
 * person, same dedupe key) go as one message naming the people, and are marked delivered together.
 */
export function createNotificationDeliveryActivities(dataSource: DataSource, webhook: WebhookSettings) {
  const format = webhook.format ?? 'generic';
  return {
    async deliverNotifications({
      notificationIds,
    }: {
      notificationIds: string[];
    }): Promise<{ delivered: number }> {
      if (!webhook.url || notificationIds.length === 0) return { delivered: 0 };
      const url = webhook.url;
      const notifications = new NotificationQueries(dataSource.manager);
      const pending = await notifications.undelivered(notificationIds);
      const recipients = new Map(
        (await new UserQueries(dataSource.manager).byIds(pending.map((n) => n.recipientId))).map((u) => [
          u.id,
          u,
        ]),
      );
      const groups = new Map<string, Notification[]>();
      for (const notification of pending) {
        const key = format === 'generic' ? notification.id : notification.dedupeKey;
        groups.set(key, [...(groups.get(key) ?? []), notification]);
      }
      const failures: string[] = [];
      for (const group of groups.values()) {
        const [first] = group;
        const message: WebhookMessage = {
          id: first.id,
          kind: first.kind,
          title: first.title,
          body: first.body,
          subject: first.subject,
          createdAt: first.createdAt,
          recipients: group.flatMap((n) => {
            const user = recipients.get(n.recipientId);
            return user
              ? [
                  {
                    id: user.id,
                    username: user.username,
                    displayName: user.displayName,
                    unitCode: user.unitCode,
                  },
                ]
              : [];
          }),
        };
        const ids = group.map((n) => n.id);
        try {
          const request = webhookRequest(format, url, message, {
            secret: webhook.secret,
            signingSecret: webhook.signingSecret,
            now: new Date(),
          });
          const response = await fetch(request.url, {
            method: 'POST',
            headers: request.headers,
            body: request.body,
            signal: AbortSignal.timeout(webhook.timeoutMs),
          });
          const refusal = webhookRefusal(format, response.status, await response.text());
          if (refusal) throw new Error(refusal);
          await notifications.markDelivered(ids);
        } catch (error) {
          const reason = (error as Error).message;
          failures.push(`${first.id}: ${reason}`);
          await notifications.markDeliveryFailed(ids, reason);
        }
      }
      if (failures.length > 0) {
        log.warn('webhook delivery failed; will retry', { failures });
        throw new Error(
          `${failures.length} of ${groups.size} webhook messages not delivered: ${failures[0]}`,
        );
      }
      return { delivered: pending.length };
    },
  };
}
