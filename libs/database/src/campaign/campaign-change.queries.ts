import { Queries } from '../queries';

/** The NOTIFY channel writers of campaign_change signal on (payload: the campaign id). */
export const CHANGE_CHANNEL = 'campaign_change';

/** Subscribes a dedicated connection (not a pooled one) to the change feed's NOTIFY channel. */
export async function listenForCampaignChanges(connection: {
  query(sql: string): Promise<unknown>;
}): Promise<void> {
  await connection.query(`LISTEN ${CHANGE_CHANNEL}`);
}

/**
 * A position in a campaign's change feed: after the row `id` written by transaction `xid` (rows are
 * delivered in the order (xid, id), see FEED_SQL), or, with `xid` null, after the row `id` by id alone.
 */
export interface FeedCursor {
  xid: string | null;
  id: string;
}

/** One row of the feed, and whether every older transaction has ended (then nothing can come before it). */
export interface ChangeRow {
  id: string;
  kind: string;
  task_key: string | null;
  at: Date;
  payload: Record<string, unknown>;
  xid: string;
  safe: boolean;
}

/** One change of a campaign, as writers append it. */
export interface CampaignChange {
  campaignId: string;
  at: Date | string;
  kind: string;
  taskKey: string | null;
  dedupeKey: string;
  payload: Record<string, unknown>;
}

/** The oldest transaction still running, as a 32-bit xid (what a row's `xmin` is). */
const HORIZON = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296)::text::xid`;

/**
 * The next rows of a feed. A bigserial id is taken when a row is inserted, not when its transaction
 * commits: a row numbered 11 may be visible while row 10, from a transaction still running, is not
 * yet — a reader that moved its cursor past 11 would never see 10. So rows are read in the order of
 * the transaction that wrote them (`xmin`, then id; `age()` keeps the comparison right across xid
 * wrap-around), and a row is only delivered ("safe") once every older transaction has ended: then
 * nothing can appear before it any more. Within one transaction, and whenever writers do not
 * overlap, this is id order.
 */
const FEED_SQL = `
  SELECT c.id::text AS id, c.kind, c.task_key, c.at, c.payload, c.xmin::text AS xid,
         age(c.xmin) > age(h.horizon) AS safe
    FROM campaign_change c, (SELECT ${HORIZON} AS horizon) h
   WHERE c.campaign_id = $1
     AND CASE WHEN $2::xid IS NULL THEN c.id > $3::bigint
              ELSE age(c.xmin) < age($2::xid) OR (c.xmin = $2::xid AND c.id > $3::bigint) END
   ORDER BY age(c.xmin) DESC, c.id
   LIMIT $4`;

/** A campaign's change feed (campaign_change): appended by the activities, read by GET /api/campaigns/:id/events. */
export class CampaignChangeQueries extends Queries {
  /** The cursor of "from the next change on": before every transaction still running. */
  async horizon(): Promise<FeedCursor> {
    const [{ xid }] = await this.db.query<Array<{ xid: string }>>(`SELECT ${HORIZON}::text AS xid`);
    return { xid, id: '0' };
  }

  /** The cursor after the row `after` of this campaign (by id alone when there is no such row). */
  async after(campaignId: string, after: string): Promise<FeedCursor> {
    const [row] = await this.db.query<Array<{ xid: string }>>(
      `SELECT xmin::text AS xid FROM campaign_change WHERE id = $1 AND campaign_id = $2`,
      [after, campaignId],
    );
    return { xid: row?.xid ?? null, id: after };
  }

  /** Up to `limit` rows after the cursor, in delivery order (see FEED_SQL). */
  rowsAfter(campaignId: string, cursor: FeedCursor, limit: number): Promise<ChangeRow[]> {
    return this.db.query<ChangeRow[]>(FEED_SQL, [campaignId, cursor.xid, cursor.id, limit]);
  }

  /**
   * One row of the feed, at most once per dedupe key; a new row wakes the listeners with NOTIFY in
   * the same transaction. Returns whether it was new.
   */
  async append(change: CampaignChange): Promise<boolean> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO campaign_change (campaign_id, at, kind, task_key, dedupe_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id, dedupe_key) DO NOTHING RETURNING id`,
      [
        change.campaignId,
        change.at,
        change.kind,
        change.taskKey,
        change.dedupeKey,
        JSON.stringify(change.payload),
      ],
    );
    if (rows.length === 0) return false;
    await this.db.query(`SELECT pg_notify('${CHANGE_CHANNEL}', $1)`, [change.campaignId]);
    return true;
  }
}
