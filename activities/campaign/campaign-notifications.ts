import type { EntityManager } from 'typeorm';

/** Notifications, one per person, at most once per dedupe key; returns their ids. */
export async function notify(
  manager: EntityManager,
  recipients: string[],
  message: { dedupeKey: string; kind: string; title: string; body: string; subject: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (const recipientId of [...new Set(recipients)].sort()) {
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
