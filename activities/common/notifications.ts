import type { EntityManager } from 'typeorm';

/** What a notification says, and the key that makes it at most once per person. */
export interface NotificationMessage {
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  subject: string;
}

/**
 * The notifications of one message, one per recipient in the order given, at most once per
 * (recipient, dedupe key): a repeated activity finds the rows it made. Returns their ids. Every
 * process (rectification, housing, campaign) writes its notifications through this.
 */
export async function insertNotifications(
  manager: EntityManager,
  recipients: readonly string[],
  message: NotificationMessage,
): Promise<string[]> {
  const ids: string[] = [];
  for (const recipientId of recipients) {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (recipient_id, dedupe_key) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
      [recipientId, message.dedupeKey, message.kind, message.title, message.body, message.subject],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Notifications, one per person (each named once, in id order), at most once per dedupe key; returns their ids. */
export function notify(
  manager: EntityManager,
  recipients: string[],
  message: NotificationMessage,
): Promise<string[]> {
  return insertNotifications(manager, [...new Set(recipients)].sort(), message);
}
