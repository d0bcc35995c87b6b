/**
 * The NOTIFY channel the access triggers signal on after a committed change that can change whom a
 * token acts for (migration 1763900070000-access-change-notify): the payload is the person's id, or
 * ACCESS_CHANGE_ALL for everyone.
 */
export const ACCESS_CHANGE_CHANNEL = 'access_change';

/** The payload meaning "anyone's access may have changed" (a unit's code or path, a truncate). */
export const ACCESS_CHANGE_ALL = '*';

/** Subscribes a dedicated connection (not a pooled one) to the access change channel. */
export async function listenForAccessChanges(connection: {
  query(sql: string): Promise<unknown>;
}): Promise<void> {
  await connection.query(`LISTEN ${ACCESS_CHANGE_CHANNEL}`);
}

/** A round trip on the listening connection: it fails when the connection is no longer alive. */
export async function pingAccessChanges(connection: { query(sql: string): Promise<unknown> }): Promise<void> {
  await connection.query('SELECT 1');
}
