import { Injectable, Logger, type MessageEvent, OnModuleDestroy } from '@nestjs/common';
import { Observable } from 'rxjs';
import { Environment } from '../../../../libs/config/src/environment';
import {
  CHANGE_CHANNEL,
  CampaignChangeQueries,
  listenForCampaignChanges,
  type FeedCursor,
} from '../../../../libs/database/src/campaign/campaign-change.queries';
import { ListenConnection, openListenConnection } from '../common/listen-connection';

/** A feed re-reads the table this often even without a notification: a missed one loses nothing. */
export const POLL_MS = 5_000;
/** A comment line this often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** A row whose transaction may still be overtaken by an older one is re-checked this soon. */
const HELD_BACK_RETRY_MS = 200;
const BATCH = 200;

interface Feed {
  campaignId: string;
  cursor: FeedCursor;
  emit: (event: MessageEvent) => void;
  end: () => void;
  running: boolean;
  again: boolean;
  stopped: boolean;
  retry: NodeJS.Timeout | null;
}

/**
 * The change feed behind GET /api/campaigns/:id/events. One shared connection of the API LISTENs on
 * `campaign_change` (writers NOTIFY in the same transaction as the row); each open stream reads its
 * campaign's rows after its cursor when notified, and every POLL_MS anyway, so a notification lost
 * while the connection was down loses no event. The connection is opened with the first stream,
 * re-opened after a failure, and closed with the application, which also ends every open stream.
 */
@Injectable()
export class CampaignEventsService implements OnModuleDestroy {
  private readonly logger = new Logger(CampaignEventsService.name);
  private readonly feeds = new Map<string, Set<Feed>>();
  private listener: ListenConnection | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly changes: CampaignChangeQueries,
    private readonly env: Environment,
  ) {}

  /**
   * Where a stream starts: after the event `after` (Last-Event-ID or `?after=`; 0 is the beginning),
   * or, without one, at the next change — every row whose transaction had not ended yet is still to come.
   */
  cursor(campaignId: string, after: string | undefined): Promise<FeedCursor> {
    return after === undefined ? this.changes.horizon() : this.changes.after(campaignId, after);
  }

  /** A campaign's changes after `cursor` as server-sent events, then each new one as it is committed. */
  stream(campaignId: string, cursor: FeedCursor): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const feed: Feed = {
        campaignId,
        cursor,
        emit: (event) => subscriber.next(event),
        end: () => subscriber.complete(),
        running: false,
        again: false,
        stopped: false,
        retry: null,
      };
      if (this.closed) {
        subscriber.complete();
        return;
      }
      const feeds = this.feeds.get(campaignId) ?? new Set<Feed>();
      feeds.add(feed);
      this.feeds.set(campaignId, feeds);
      void this.listen();
      const poll = setInterval(() => {
        void this.listen();
        this.pump(feed);
      }, POLL_MS);
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), HEARTBEAT_MS);
      subscriber.next({ comment: 'connected' });
      this.pump(feed);
      return () => {
        feed.stopped = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        if (feed.retry) clearTimeout(feed.retry);
        feeds.delete(feed);
        if (feeds.size === 0 && this.feeds.get(campaignId) === feeds) this.feeds.delete(campaignId);
      };
    });
  }

  /** Open streams, for tests and health. */
  openStreams(): number {
    let n = 0;
    for (const feeds of this.feeds.values()) n += feeds.size;
    return n;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const feeds of [...this.feeds.values()]) for (const feed of [...feeds]) feed.end();
    this.feeds.clear();
    await this.connecting;
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
  }

  /** Opens the shared LISTEN connection if it is not open (nor opening); failures are retried by the next poll. */
  private listen(): Promise<void> {
    if (this.closed || this.listener) return Promise.resolve();
    this.connecting ??= (async () => {
      const listener = await openListenConnection({
        env: this.env,
        applicationName: 'campaign-engine-events',
        listen: listenForCampaignChanges,
        onNotification: (channel, payload) => {
          if (channel === CHANGE_CHANNEL && payload) this.wake(payload);
        },
        onLost: (lost, error) => {
          if (this.listener === lost) this.listener = null;
          if (error && !this.closed) this.logger.warn(`change feed connection lost: ${error.message}`);
        },
      });
      if (!listener) return;
      if (this.closed) {
        await listener.close();
        return;
      }
      this.listener = listener;
      // Whatever was written while nobody listened.
      for (const campaignId of this.feeds.keys()) this.wake(campaignId);
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private wake(campaignId: string): void {
    for (const feed of this.feeds.get(campaignId) ?? []) this.pump(feed);
  }

  /** Reads a feed's next rows; one read at a time per feed, and one more if woken meanwhile. */
  private pump(feed: Feed): void {
    if (feed.stopped) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = true;
    this.read(feed)
      .catch((error: unknown) =>
        this.logger.warn(
          `change feed of campaign ${feed.campaignId}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        feed.running = false;
        if (feed.again) {
          feed.again = false;
          this.pump(feed);
        }
      });
  }

  private async read(feed: Feed): Promise<void> {
    for (;;) {
      const rows = await this.changes.rowsAfter(feed.campaignId, feed.cursor, BATCH);
      for (const row of rows) {
        if (feed.stopped) return;
        if (!row.safe) {
          // An older transaction is still running: it may yet commit a row that comes first.
          feed.retry ??= setTimeout(() => {
            feed.retry = null;
            this.pump(feed);
          }, HELD_BACK_RETRY_MS);
          return;
        }
        feed.emit({ id: row.id, type: row.kind, data: { at: row.at.toISOString(), ...row.payload } });
        feed.cursor = { xid: row.xid, id: row.id };
      }
      if (rows.length < BATCH) return;
    }
  }
}
