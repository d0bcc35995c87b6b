import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Environment } from '../../../../libs/config/src/environment';
import {
  ACCESS_CHANGE_ALL,
  ACCESS_CHANGE_CHANNEL,
  listenForAccessChanges,
  pingAccessChanges,
} from '../../../../libs/database/src/identity/access-change.queries';
import { ListenConnection, openListenConnection } from '../common/listen-connection';
import { AccessCache } from './access-cache';

/** A lost connection is tried again this soon (the cache is bypassed meanwhile). */
export const ACCESS_LISTEN_RETRY_MS = 1_000;
/** The connection is checked this often: a connection that died silently stops the cache within this + the timeout. */
export const ACCESS_LISTEN_PING_MS = 5_000;
const PING_TIMEOUT_MS = 3_000;

/**
 * The API process's LISTEN connection on `access_change` (its own, not a pooled one), feeding the
 * access cache: each notification drops that person's entries (`*`: all). The cache answers only
 * while this connection is up; it is opened at start (when the cache is on), re-opened a second
 * after a failure, checked every few seconds, and closed with the application.
 */
@Injectable()
export class AccessChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AccessChangeListener.name);
  private connection: ListenConnection | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  private closed = false;
  /** Whether the current outage was logged already (one warning per outage, not one a second). */
  private warned = false;

  constructor(
    private readonly cache: AccessCache,
    private readonly env: Environment,
  ) {}

  /** Waits for the first attempt, so a started API caches at once; a failure is retried in the background. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled) await this.connect();
  }

  /** Whether the connection is up (then the cache answers). */
  get listening(): boolean {
    return this.connection !== null;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.connecting;
    const connection = this.connection;
    this.stop(connection);
    await connection?.close();
  }

  private connect(): Promise<void> {
    if (this.closed || this.connection) return Promise.resolve();
    this.connecting ??= (async () => {
      const connection = await openListenConnection({
        env: this.env,
        applicationName: 'campaign-engine-access',
        client: { keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: PING_TIMEOUT_MS },
        listen: listenForAccessChanges,
        onNotification: (channel, payload) => this.notified(channel, payload),
        onLost: (lost, error) => this.lost(lost, error),
      });
      if (!connection) return;
      if (this.closed) {
        await connection.close();
        return;
      }
      this.connection = connection;
      this.warned = false;
      // Everything stored before is gone already; from here on every committed change is notified.
      this.cache.setListening(true);
      this.ping = setInterval(() => void connection.check(pingAccessChanges), ACCESS_LISTEN_PING_MS);
      this.ping.unref();
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** A notification: drops that person's entries, or all of them. */
  private notified(channel: string, payload: string | undefined): void {
    if (channel !== ACCESS_CHANGE_CHANNEL) return;
    if (!payload || payload === ACCESS_CHANGE_ALL) this.cache.forgetAll();
    else this.cache.forgetUser(payload);
  }

  private lost(connection: ListenConnection, error?: Error): void {
    this.stop(connection);
    if (this.closed) return;
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(
        `access change connection lost (the access cache is bypassed until it is back): ${error?.message ?? 'closed'}`,
      );
    }
    this.retry ??= setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, ACCESS_LISTEN_RETRY_MS);
    this.retry.unref();
  }

  /** `connection` no longer counts: the cache is emptied and bypassed. */
  private stop(connection: ListenConnection | null): void {
    if (connection !== null && this.connection === connection) {
      this.connection = null;
      if (this.ping) clearInterval(this.ping);
      this.ping = null;
    }
    if (this.connection === null) this.cache.setListening(false);
  }
}
