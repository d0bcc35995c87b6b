import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import {
  ACCESS_CHANGE_ALL,
  ACCESS_CHANGE_CHANNEL,
  listenForAccessChanges,
} from '../../libs/database/src/identity/access-change.queries';
import { ApiTokenQueries } from '../../libs/database/src/identity/api-token.queries';
import { AuthenticationQueries } from '../../libs/database/src/identity/authentication.queries';
import { RefreshTokenQueries } from '../../libs/database/src/identity/refresh-token.queries';
import { UserQueries } from '../../libs/database/src/identity/user.queries';
import { UnitQueries } from '../../libs/database/src/organisation/unit.queries';
import { openQueryDatabase, QueryDatabase } from '../support/query-database';
import { addPerson, addUnits } from './identity-fixtures';

const HOUR = 3_600_000;

/**
 * The access_change triggers (migration 1763900070000): which committed writes notify, with which
 * payload, and which notify nothing. Each write runs, then a marker NOTIFY on another channel: once
 * the marker has arrived, every notification the write's commit sent has arrived before it.
 */
describe('access_change notifications', () => {
  let db: QueryDatabase;
  let dataSource: DataSource;
  let listener: Client;
  const received: string[] = [];
  let markers = 0;
  let marked: (() => void) | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openQueryDatabase();
    dataSource = db.dataSource;
    await addUnits(dataSource.manager, [
      ['county', 'county', null],
      ['town_a', 'township', 'county'],
      ['town_b', 'township', 'county'],
    ]);
    ids.alice = await addPerson(dataSource.manager, 'alice', 'town_a');
    ids.bob = await addPerson(dataSource.manager, 'bob', 'town_b');
    listener = new Client({ connectionString: (dataSource.options as { url: string }).url });
    await listener.connect();
    await listenForAccessChanges(listener);
    await listener.query('LISTEN access_spec_marker');
    listener.on('notification', (message: Notification) => {
      if (message.channel === ACCESS_CHANGE_CHANNEL) received.push(message.payload ?? '');
      else marked?.();
    });
  });
  afterAll(async () => {
    await listener?.end();
    await db?.close();
  });

  /** What `write` (committed, or rolled back when it throws) notified, in order. */
  const notifiedBy = async (write: () => Promise<unknown>): Promise<string[]> => {
    received.length = 0;
    await write().catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    const arrived = new Promise<void>((resolve) => (marked = resolve));
    await dataSource.query(`SELECT pg_notify('access_spec_marker', $1)`, [String(++markers)]);
    await arrived;
    return [...received];
  };
  class RolledBack extends Error {}
  const users = () => new UserQueries(dataSource.manager);

  it("a person's access fields notify their id; sign-in failures, locks and the password hash do not", async () => {
    const user = async () => (await users().byId(ids.alice))!;
    expect(await notifiedBy(async () => users().save({ ...(await user()), roles: ['inspector'] }))).toEqual([
      ids.alice,
    ]);
    expect(await notifiedBy(async () => users().save({ ...(await user()), active: false }))).toEqual([
      ids.alice,
    ]);
    expect(await notifiedBy(async () => users().save({ ...(await user()), active: true }))).toEqual([
      ids.alice,
    ]);
    expect(await notifiedBy(async () => users().save({ ...(await user()), unitCode: 'town_b' }))).toEqual([
      ids.alice,
    ]);
    expect(await notifiedBy(async () => users().save({ ...(await user()), displayName: '新名字' }))).toEqual([
      ids.alice,
    ]);
    expect(await notifiedBy(() => users().resetPassword(ids.alice, 'hash-1'))).toEqual([ids.alice]);
    expect(await notifiedBy(() => users().changePassword(ids.alice, 'hash-2'))).toEqual([ids.alice]);
    expect(await notifiedBy(() => users().changePassword(ids.alice, 'hash-3'))).toEqual([]);
    expect(await notifiedBy(() => users().countFailedSignIn(ids.alice))).toEqual([]);
    expect(await notifiedBy(() => users().lockSignIn(ids.alice, new Date(Date.now() + HOUR)))).toEqual([]);
    expect(await notifiedBy(() => users().clearSignInFailures(ids.alice))).toEqual([]);
  });

  it('a rolled-back change notifies nothing', async () => {
    expect(
      await notifiedBy(() =>
        dataSource.transaction(async (manager) => {
          await manager.query(`UPDATE app_user SET active = false WHERE id = $1`, [ids.bob]);
          throw new RolledBack();
        }),
      ),
    ).toEqual([]);
  });

  it("a refresh token's revocation or expiry notifies its person; a new one does not", async () => {
    const tokens = new RefreshTokenQueries(dataSource.manager);
    const sessionId = randomUUID();
    const insert = () =>
      tokens.insert({
        userId: ids.bob,
        sessionId,
        tokenHash: `r-${randomUUID()}`,
        expiresAt: new Date(Date.now() + HOUR),
      });
    expect(await notifiedBy(insert)).toEqual([]);
    const [spent] = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM refresh_token WHERE session_id = $1`,
      [sessionId],
    );
    expect(await notifiedBy(() => tokens.revoke(spent.id))).toEqual([ids.bob]);
    await insert();
    expect(
      await notifiedBy(() =>
        dataSource.query(
          `UPDATE refresh_token SET expires_at = now() WHERE session_id = $1 AND revoked_at IS NULL`,
          [sessionId],
        ),
      ),
    ).toEqual([ids.bob]);
    expect(await notifiedBy(() => tokens.revokeAllOf(ids.bob))).toEqual([ids.bob]);
    expect(
      await notifiedBy(() => dataSource.query(`DELETE FROM refresh_token WHERE user_id = $1`, [ids.bob])),
    ).toEqual([ids.bob]);
  });

  it("an API token's revocation or deletion notifies its person; recording its use does not", async () => {
    const tokens = new ApiTokenQueries(dataSource.manager);
    const token = await tokens.insert({ userId: ids.bob, name: '接口', tokenHash: 'a-1', expiresAt: null });
    const authentication = new AuthenticationQueries(dataSource.manager);
    expect(await notifiedBy(() => authentication.personOfApiToken('a-1'))).toEqual([]);
    await dataSource.query(`UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [
      token.id,
    ]);
    expect(await notifiedBy(() => authentication.touchApiToken(token.id))).toEqual([]);
    expect(await notifiedBy(() => tokens.revoke(ids.bob, token.id))).toEqual([ids.bob]);
    expect(
      await notifiedBy(() => dataSource.query(`DELETE FROM api_token WHERE id = $1`, [token.id])),
    ).toEqual([ids.bob]);
  });

  it("a unit's path or code notifies everyone; its name does not", async () => {
    const units = new UnitQueries(dataSource.manager);
    const town = async () => (await units.byCode('town_b'))!;
    expect(await notifiedBy(async () => units.save({ ...(await town()), name: '乙镇（新）' }))).toEqual([]);
    expect(
      await notifiedBy(() => units.repathBelow('town_a', '/county/town_a/', '/county/town_b/town_a/')),
    ).toEqual([]); // nothing below town_a: no row changed
    expect(await notifiedBy(async () => units.save({ ...(await town()), path: '/county/town_b2/' }))).toEqual(
      [ACCESS_CHANGE_ALL],
    );
    expect(await notifiedBy(async () => units.save({ ...(await town()), path: '/county/town_b/' }))).toEqual([
      ACCESS_CHANGE_ALL,
    ]);
  });

  it("a person's deletion notifies their id", async () => {
    const gone = await addPerson(dataSource.manager, 'gone', 'town_a');
    expect(await notifiedBy(() => dataSource.query(`DELETE FROM app_user WHERE id = $1`, [gone]))).toEqual([
      gone,
    ]);
  });
});
