import { Client, type ClientConfig } from 'pg';
import { Environment } from '../../../../libs/config/src/environment';
import { requireSetting } from '../../../../libs/config/src/require-setting';

/** A dedicated Postgres connection (not a pooled one) listening for notifications. */
export interface ListenConnection {
  /** A round trip (its SQL from a query class), to find a connection that died silently; a failure drops it. */
  check(ping: (client: Client) => Promise<void>): Promise<void>;
  /** Closes it; `onLost` is not called. */
  close(): Promise<void>;
}

export interface ListenConnectionOptions {
  env: Environment;
  /** Names the connection in pg_stat_activity. */
  applicationName: string;
  /** Runs LISTEN on the new connection (the statement lives in a query class). */
  listen: (client: Client) => Promise<void>;
  onNotification: (channel: string, payload: string | undefined) => void;
  /** The connection failed to open or was lost (once per connection, never after `close`). */
  onLost: (connection: ListenConnection, error?: Error) => void;
  /** More pg client settings (timeouts, keep-alive). */
  client?: Omit<ClientConfig, 'connectionString' | 'application_name'>;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Opens a LISTEN connection: the connection once listening, or undefined when it could not be
 * opened (then `onLost` was called). Shared by the campaign change feed and the access cache.
 */
export async function openListenConnection(
  options: ListenConnectionOptions,
): Promise<ListenConnection | undefined> {
  const client = new Client({
    ...options.client,
    connectionString: requireSetting(options.env, 'DATABASE_URL'),
    application_name: options.applicationName,
  });
  let ended = false;
  const end = () => {
    ended = true;
    return client.end().catch(() => undefined);
  };
  const connection: ListenConnection = {
    check: (ping) => ping(client).catch((error: unknown) => drop(asError(error))),
    close: async () => {
      if (!ended) await end();
    },
  };
  const drop = (error?: Error) => {
    if (ended) return;
    void end();
    options.onLost(connection, error);
  };
  client.on('error', drop);
  client.on('end', () => drop());
  client.on('notification', (message) => options.onNotification(message.channel, message.payload));
  try {
    await client.connect();
    await options.listen(client);
  } catch (error) {
    drop(asError(error));
    return undefined;
  }
  return ended ? undefined : connection;
}
