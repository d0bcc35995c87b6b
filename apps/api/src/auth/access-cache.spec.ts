import type { CurrentUser } from '../access/current-user';
import { AccessCache, copyOfUser } from './access-cache';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';

const person = (id: string, roles: CurrentUser['roles'] = ['department']): CurrentUser => ({
  id,
  username: id === ALICE ? 'alice' : 'bob',
  displayName: id === ALICE ? '爱丽丝' : '鲍勃',
  unitCode: 'dept_a',
  unitPath: '/county/dept_a/',
  roles,
  via: { kind: 'session' },
  mustChangePassword: false,
});

describe('the access cache', () => {
  let clock: number;
  let cache: AccessCache;
  const fill = (key: string, user: CurrentUser, validUntil: Date | null = null) =>
    cache.store(cache.begin(user.id), key, user, validUntil);

  beforeEach(() => {
    clock = 1_000_000;
    cache = new AccessCache(30_000, () => clock);
    cache.setListening(true);
  });

  it('answers a stored person until the TTL has passed, then asks again', () => {
    expect(fill('s:alice', person(ALICE))).toBe(true);
    clock += 29_999;
    expect(cache.get('s:alice')?.user).toMatchObject({ id: ALICE, username: 'alice' });
    clock += 1;
    expect(cache.get('s:alice')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps an answer no longer than the token's own end", () => {
    expect(fill('s:alice', person(ALICE), new Date(clock + 5_000))).toBe(true);
    clock += 5_000;
    expect(cache.get('s:alice')).toBeUndefined();
    expect(fill('s:alice', person(ALICE), new Date(clock))).toBe(false);
  });

  it("drops one person's entries on their change, and only theirs", () => {
    fill('s:alice:1', person(ALICE));
    fill('s:alice:2', person(ALICE));
    fill('t:alice', { ...person(ALICE), via: { kind: 'api-token', tokenId: 't1' } });
    fill('s:bob', person(BOB));
    cache.forgetUser(ALICE);
    expect(cache.get('s:alice:1')).toBeUndefined();
    expect(cache.get('s:alice:2')).toBeUndefined();
    expect(cache.get('t:alice')).toBeUndefined();
    expect(cache.get('s:bob')?.user.id).toBe(BOB);
    expect(cache.size).toBe(1);
  });

  it('drops everything on "all"', () => {
    fill('s:alice', person(ALICE));
    fill('s:bob', person(BOB));
    cache.forgetAll();
    expect(cache.get('s:alice')).toBeUndefined();
    expect(cache.get('s:bob')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  describe('a lookup that read the row before a change committed', () => {
    it("is not stored when the person's notification came while it ran", () => {
      const ticket = cache.begin(ALICE);
      cache.forgetUser(ALICE); // the notification (or this process's own change) arrives first
      expect(cache.store(ticket, 's:alice', person(ALICE, ['admin']), null)).toBe(false);
      expect(cache.get('s:alice')).toBeUndefined();
      // The next lookup, begun after the change, is stored.
      expect(fill('s:alice', person(ALICE))).toBe(true);
    });

    it('is not stored after "all" came while it ran', () => {
      const ticket = cache.begin(ALICE);
      cache.forgetAll();
      expect(cache.store(ticket, 's:alice', person(ALICE), null)).toBe(false);
    });

    it("is stored when only someone else's change came (a session names its person)", () => {
      const ticket = cache.begin(ALICE);
      cache.forgetUser(BOB);
      expect(cache.store(ticket, 's:alice', person(ALICE), null)).toBe(true);
    });

    it('of an API token (its person unknown until it answers) is not stored after any change', () => {
      const ticket = cache.begin();
      cache.forgetUser(BOB);
      const viaToken: CurrentUser = { ...person(ALICE), via: { kind: 'api-token', tokenId: 't1' } };
      expect(cache.store(ticket, 't:hash', viaToken, null)).toBe(false);
      expect(cache.store(cache.begin(), 't:hash', viaToken, null)).toBe(true);
    });

    it('is not stored when the connection was lost and came back while it ran', () => {
      const ticket = cache.begin(ALICE);
      cache.setListening(false);
      cache.setListening(true);
      expect(cache.store(ticket, 's:alice', person(ALICE), null)).toBe(false);
    });

    it('is not stored under another person than the ticket names', () => {
      expect(cache.store(cache.begin(ALICE), 's:alice', person(BOB), null)).toBe(false);
    });
  });

  it('is emptied and bypassed while not listening (startup, lost connection, reconnecting)', () => {
    const starting = new AccessCache(30_000, () => clock);
    expect(starting.active).toBe(false);
    expect(starting.store(starting.begin(ALICE), 's:alice', person(ALICE), null)).toBe(false);
    expect(starting.get('s:alice')).toBeUndefined();

    fill('s:alice', person(ALICE));
    const running = cache.begin(BOB);
    cache.setListening(false);
    expect(cache.size).toBe(0);
    expect(cache.get('s:alice')).toBeUndefined();
    expect(cache.store(running, 's:bob', person(BOB), null)).toBe(false);
    expect(fill('s:alice', person(ALICE))).toBe(false);
    cache.setListening(true);
    expect(cache.get('s:alice')).toBeUndefined();
    expect(fill('s:alice', person(ALICE))).toBe(true);
  });

  it('is off with a TTL of 0, even while listening', () => {
    const off = new AccessCache(0, () => clock);
    off.setListening(true);
    expect(off.enabled).toBe(false);
    expect(off.store(off.begin(ALICE), 's:alice', person(ALICE), null)).toBe(false);
    expect(off.get('s:alice')).toBeUndefined();
  });

  it('keeps at most its limit of entries, dropping the oldest', () => {
    const small = new AccessCache(30_000, () => clock, 2);
    small.setListening(true);
    small.store(small.begin(ALICE), 'a', person(ALICE), null);
    small.store(small.begin(BOB), 'b', person(BOB), null);
    small.store(small.begin(ALICE), 'c', person(ALICE), null);
    expect(small.size).toBe(2);
    expect(small.get('a')).toBeUndefined();
    expect(small.get('b')?.user.id).toBe(BOB);
    expect(small.get('c')?.user.id).toBe(ALICE);
  });

  it("gives each request its own copy: changing one does not change the cache's", () => {
    const stored = person(ALICE);
    fill('s:alice', stored);
    stored.roles.push('admin');
    const mine = copyOfUser(cache.get('s:alice')!.user);
    mine.roles.push('admin');
    mine.unitPath = '/elsewhere/';
    expect(cache.get('s:alice')!.user).toMatchObject({ roles: ['department'], unitPath: '/county/dept_a/' });
  });
});
