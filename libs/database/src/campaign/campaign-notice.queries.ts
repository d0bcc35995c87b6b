import type { CampaignBulletinPayload } from '../../../domain/src/campaign/campaign-progress';
import { Queries } from '../queries';

/** A ladder step's notice row as it is first written. */
export interface EscalationNoticeRow {
  campaignId: string;
  subject: string;
  level: number;
  arming: number;
  kind: string;
  label: string;
  noticeKind: string;
  colour: string | null;
  units: string;
  issuedAt: Date;
  issuingUnit: string;
  year: number;
  serial: number | null;
}

/** A notification as a campaign activity makes it, at most once per (recipient, dedupe key). */
export interface CampaignNotification {
  recipientId: string;
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  subject: string;
}

/**
 * What the campaign's activities publish: escalation notices (one per campaign, subject, level and
 * arming), weekly bulletins (one per number) and the notifications they send.
 */
export class CampaignNoticeQueries extends Queries {
  /** The id of the notice of a ladder step, if it was issued. */
  async escalationId(
    campaignId: string,
    subject: string,
    level: number,
    arming: number,
  ): Promise<string | undefined> {
    const [notice] = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM campaign_escalation WHERE campaign_id = $1 AND subject = $2 AND level = $3 AND arming = $4`,
      [campaignId, subject, level, arming],
    );
    return notice?.id;
  }

  /** The notice of a ladder step; false when it was already there. */
  async insertEscalation(row: EscalationNoticeRow): Promise<boolean> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO campaign_escalation (campaign_id, subject, level, arming, kind, label, notice_kind, colour, unit, issued_at, issuing_unit, year, serial)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (campaign_id, subject, level, arming) DO NOTHING RETURNING id`,
      [
        row.campaignId,
        row.subject,
        row.level,
        row.arming,
        row.kind,
        row.label,
        row.noticeKind,
        row.colour,
        row.units,
        row.issuedAt,
        row.issuingUnit,
        row.year,
        row.serial,
      ],
    );
    return inserted.length > 0;
  }

  /** A published bulletin's id and payload, if there is one with this number. */
  async bulletin(
    campaignId: string,
    number: number,
  ): Promise<{ id: string; payload: CampaignBulletinPayload } | undefined> {
    const [bulletin] = await this.db.query<Array<{ id: string; payload: CampaignBulletinPayload }>>(
      `SELECT id, payload FROM campaign_bulletin WHERE campaign_id = $1 AND number = $2`,
      [campaignId, number],
    );
    return bulletin;
  }

  /** A bulletin, frozen once written; false when this number was already published. */
  async insertBulletin(
    campaignId: string,
    number: number,
    asOf: string,
    payload: CampaignBulletinPayload,
  ): Promise<boolean> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO campaign_bulletin (campaign_id, number, as_of, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (campaign_id, number) DO NOTHING RETURNING id`,
      [campaignId, number, asOf, JSON.stringify(payload)],
    );
    return inserted.length > 0;
  }

  /** A notification, unless the recipient already has one under this dedupe key. */
  async notifyOnce(notification: CampaignNotification): Promise<void> {
    await this.db.query(
      `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (recipient_id, dedupe_key) DO NOTHING`,
      [
        notification.recipientId,
        notification.dedupeKey,
        notification.kind,
        notification.title,
        notification.body,
        notification.subject,
      ],
    );
  }

  /** Ids of the notifications made under a dedupe key that have not been delivered yet. */
  async undelivered(dedupeKey: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM notification WHERE dedupe_key = $1 AND delivered_at IS NULL ORDER BY id`,
      [dedupeKey],
    );
    return rows.map((r) => r.id);
  }
}
