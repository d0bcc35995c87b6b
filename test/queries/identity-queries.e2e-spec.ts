import { randomUUID } from 'node:crypto';
import { ApiTokenQueries } from '../../libs/database/src/identity/api-token.queries';
import { AuthenticationQueries } from '../../libs/database/src/identity/authentication.queries';
import { RefreshTokenQueries } from '../../libs/database/src/identity/refresh-token.queries';
import { UserQueries } from '../../libs/database/src/identity/user.queries';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { addPerson, addUnits } from './identity-fixtures';

const HOUR = 3_600_000;

describe('identity query classes on the real Postgres', () => {
  let db: QueryDatabase;
  let users: UserQueries;
  let refreshTokens: RefreshTokenQueries;
  let apiTokens: ApiTokenQueries;
  let authentication: AuthenticationQueries;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openQueryDatabase();
    const manager = db.dataSource.manager;
    users = new UserQueries(manager);
    refreshTokens = new RefreshTokenQueries(manager);
    apiTokens = new ApiTokenQueries(manager);
    authentication = new AuthenticationQueries(manager);
    await addUnits(manager, [
      ['county', 'county', null],
      ['town_a', 'township', 'county'],
      ['town_b', 'township', 'county'],
      ['vil_a1', 'village', 'town_a'],
    ]);
    ids.chief = await addPerson(manager, 'chief', 'county', ['command-center']);
    ids.alice = await addPerson(manager, 'alice', 'town_a');
    ids.adam = await addPerson(manager, 'adam', 'town_a');
    ids.vera = await addPerson(manager, 'vera', 'vil_a1');
    ids.bob = await addPerson(manager, 'bob', 'town_b');
    ids.gone = await addPerson(manager, 'gone', 'town_b');
    await users.save({ ...(await users.byId(ids.gone))!, active: false });
  });
  afterAll(() => db.close());

  describe('UserQueries', () => {
    it('lists people in unit path order, then by username, within the units asked for', async () => {
      const names = async (paths: { own?: string; within?: string }) =>
        (await users.listedUnder(paths)).map((u) => u.username);
      expect(await names({})).toEqual(['chief', 'adam', 'alice', 'vera', 'bob', 'gone']);
      expect(await names({ own: '/county/town_a/' })).toEqual(['adam', 'alice', 'vera']);
      expect(await names({ own: '/county/town_a/', within: '/county/town_a/vil_a1/' })).toEqual(['vera']);
      expect(await names({ own: '/county/town_a/', within: '/county/town_b/' })).toEqual([]);
    });

    it("reads a department's people list through indexes, not by scanning people or units", async () => {
      const plans = await db.plansOf(() => users.listedUnder({ own: '/county/town_a/' }));
      expect(plans).toHaveLength(1);
      expect(sequentialScans(plans[0].nodes)).toEqual([]);
    });

    it('finds people by id, ids and username, without their password hash', async () => {
      const alice = await users.byId(ids.alice);
      expect(alice).toMatchObject({ username: 'alice', unitCode: 'town_a', active: true, failedLogins: 0 });
      expect(alice?.passwordHash).toBeUndefined();
      expect(await users.byId(randomUUID())).toBeNull();
      expect((await users.byIds([ids.alice, ids.bob])).map((u) => u.username).sort()).toEqual([
        'alice',
        'bob',
      ]);
      expect(await users.exists(ids.bob)).toBe(true);
      expect(await users.exists(randomUUID())).toBe(false);
      expect(await users.usernameTaken('alice')).toBe(true);
      expect(await users.usernameTaken('nobody')).toBe(false);
      expect([...(await users.allUsernames())].sort()).toEqual([
        'adam',
        'alice',
        'bob',
        'chief',
        'gone',
        'vera',
      ]);
    });

    it('locks a person for the rest of a transaction', async () => {
      await db.dataSource.transaction(async (manager) => {
        expect((await new UserQueries(manager).byIdForUpdate(ids.adam))?.username).toBe('adam');
        const [lock] = await manager.query<Array<{ mode: string }>>(
          `SELECT mode FROM pg_locks WHERE locktype = 'relation' AND relation = 'app_user'::regclass AND pid = pg_backend_pid()`,
        );
        expect(lock.mode).toBe('RowShareLock');
      });
    });

    it('creates a person with the table defaults, and answers their password hash only when asked', async () => {
      const created = await users.insert({
        username: 'carol',
        displayName: '卡罗尔',
        unitCode: 'town_b',
        roles: ['department'],
        passwordHash: 'hash-1',
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created).toMatchObject({ active: true, mustChangePassword: false });
      expect((await users.withPasswordByUsername('carol'))?.passwordHash).toBe('hash-1');
      expect((await users.withPasswordById(created.id)).passwordHash).toBe('hash-1');
      expect(await users.withPasswordByUsername('nobody')).toBeNull();
      await expect(users.withPasswordById(randomUUID())).rejects.toThrow();
    });

    it('counts wrong passwords, locks sign-in and lifts the lock', async () => {
      expect(await users.countFailedSignIn(ids.bob)).toBe(1);
      expect(await users.countFailedSignIn(ids.bob)).toBe(2);
      const until = new Date(Date.now() + HOUR);
      await users.lockSignIn(ids.bob, until);
      expect(await users.byId(ids.bob)).toMatchObject({ failedLogins: 0, lockedUntil: until });
      await users.countFailedSignIn(ids.bob);
      await users.clearSignInFailures(ids.bob);
      expect(await users.byId(ids.bob)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it("resets a password (a new one due, no lock) and records the person's own change", async () => {
      await users.lockSignIn(ids.adam, new Date(Date.now() + HOUR));
      await users.resetPassword(ids.adam, 'reset-hash');
      expect(await users.withPasswordById(ids.adam)).toMatchObject({
        passwordHash: 'reset-hash',
        mustChangePassword: true,
        lockedUntil: null,
      });
      await users.changePassword(ids.adam, 'own-hash');
      expect(await users.withPasswordById(ids.adam)).toMatchObject({
        passwordHash: 'own-hash',
        mustChangePassword: false,
      });
    });

    it('answers the active people holding a role, optionally of some units', async () => {
      const named = async (role: string, units?: string[]) =>
        (await users.activeIdsWithRole(role, units))
          .map((id) => Object.keys(ids).find((k) => ids[k] === id))
          .sort();
      expect(await named('department', ['town_b'])).toEqual(['bob']);
      expect(await named('department', ['town_a', 'vil_a1'])).toEqual(['adam', 'alice', 'vera']);
      expect(await named('command-center')).toEqual(['chief']);
      expect(await named('leadership')).toEqual([]);
    });

    it('tells whether an admin exists, under the first-admin lock', async () => {
      await db.dataSource.transaction(async (manager) => {
        const queries = new UserQueries(manager);
        await queries.lockFirstAdminCreation();
        expect(await queries.anyAdmin()).toBe(false);
        await addPerson(manager, 'root', 'county', ['admin']);
        expect(await queries.anyAdmin()).toBe(true);
      });
    });
  });

  describe('sessions and API tokens', () => {
    it('spends refresh tokens once and closes every session of a person', async () => {
      const sessionId = randomUUID();
      const expiresAt = new Date(Date.now() + HOUR);
      await refreshTokens.insert({ userId: ids.alice, sessionId, tokenHash: 'r1', expiresAt });
      await refreshTokens.insert({ userId: ids.alice, sessionId: randomUUID(), tokenHash: 'r2', expiresAt });
      const spend = (hash: string) =>
        db.dataSource.transaction((m) => new RefreshTokenQueries(m).byHashForUpdate(hash));
      const first = await spend('r1');
      expect(first).toMatchObject({ userId: ids.alice, sessionId, revokedAt: null });
      expect(await authentication.personOfSession(ids.alice, sessionId)).toMatchObject({
        username: 'alice',
        unit_path: '/county/town_a/',
        roles: ['department'],
        must_change_password: false,
      });
      await refreshTokens.revoke(first!.id);
      expect((await spend('r1'))?.revokedAt).toBeInstanceOf(Date);
      expect(await authentication.personOfSession(ids.alice, sessionId)).toBeUndefined();
      await refreshTokens.revokeAllOf(ids.alice);
      expect((await spend('r2'))?.revokedAt).toBeInstanceOf(Date);
      expect(await spend('unknown')).toBeNull();
    });

    it('answers no person for an expired session or a deactivated person', async () => {
      const expired = randomUUID();
      await refreshTokens.insert({
        userId: ids.vera,
        sessionId: expired,
        tokenHash: 'r-expired',
        expiresAt: new Date(Date.now() - HOUR),
      });
      expect(await authentication.personOfSession(ids.vera, expired)).toBeUndefined();
      const deactivated = randomUUID();
      await refreshTokens.insert({
        userId: ids.gone,
        sessionId: deactivated,
        tokenHash: 'r-gone',
        expiresAt: new Date(Date.now() + HOUR),
      });
      expect(await authentication.personOfSession(ids.gone, deactivated)).toBeUndefined();
    });

    it('finds the person of a session through indexes on every request', async () => {
      const sessionId = randomUUID();
      await refreshTokens.insert({
        userId: ids.chief,
        sessionId,
        tokenHash: 'r-chief',
        expiresAt: new Date(Date.now() + HOUR),
      });
      const plans = await db.plansOf(() => authentication.personOfSession(ids.chief, sessionId));
      expect(plans).toHaveLength(1);
      expect(sequentialScans(plans[0].nodes)).toEqual([]);
    });

    it("issues, lists and revokes a person's API tokens; a live token names its person and records its use", async () => {
      const first = await apiTokens.insert({
        userId: ids.bob,
        name: '省平台',
        tokenHash: 't1',
        expiresAt: null,
      });
      const second = await apiTokens.insert({
        userId: ids.bob,
        name: '已过期',
        tokenHash: 't2',
        expiresAt: new Date(Date.now() - HOUR),
      });
      expect((await apiTokens.ofUser(ids.bob)).map((t) => t.name)).toEqual(['省平台', '已过期']);
      expect(await apiTokens.ofUser(ids.alice)).toEqual([]);

      const person = await authentication.personOfApiToken('t1');
      expect(person).toMatchObject({ id: ids.bob, token_id: first.id, unit_path: '/county/town_b/' });
      expect((await apiTokens.ofUser(ids.bob))[0].lastUsedAt).toBeInstanceOf(Date);
      expect(await authentication.personOfApiToken('t2')).toBeUndefined();

      expect(await apiTokens.revoke(ids.alice, first.id)).toBe(false);
      expect(await apiTokens.revoke(ids.bob, first.id)).toBe(true);
      expect(await apiTokens.revoke(ids.bob, first.id)).toBe(false);
      expect(await authentication.personOfApiToken('t1')).toBeUndefined();
      expect(second.revokedAt).toBeNull();
    });
  });
});
