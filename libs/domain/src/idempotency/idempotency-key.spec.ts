import {
  decideIdempotency,
  IDEMPOTENCY_TTL_MS,
  isReplayableStatus,
  parseIdempotencyKey,
  StoredIdempotencyRecord,
} from './idempotency-key';

describe('parseIdempotencyKey', () => {
  it('takes an absent header as no key', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({ ok: true, key: null });
  });

  it('accepts a UUID and any 1–200 visible ASCII characters', () => {
    expect(parseIdempotencyKey('6f1c2a40-9a0e-4a57-8d43-0e7f4c1b2a33')).toEqual({
      ok: true,
      key: '6f1c2a40-9a0e-4a57-8d43-0e7f4c1b2a33',
    });
    expect(parseIdempotencyKey('a')).toEqual({ ok: true, key: 'a' });
    expect(parseIdempotencyKey('~'.repeat(200))).toEqual({ ok: true, key: '~'.repeat(200) });
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['a space', 'two words'],
    ['a tab', 'a\tb'],
    ['non-ASCII', '重试键'],
    ['a control character', 'a\u0000b'],
  ])('refuses %s', (_name, raw) => {
    expect(parseIdempotencyKey(raw)).toEqual({ ok: false, problem: expect.any(String) });
  });

  it('refuses the header sent twice', () => {
    expect(parseIdempotencyKey(['a', 'b']).ok).toBe(false);
  });
});

describe('decideIdempotency', () => {
  const created = new Date('2026-03-02T08:00:00Z');
  const at = (ms: number) => new Date(created.getTime() + ms);
  const record = (over: Partial<StoredIdempotencyRecord> = {}): StoredIdempotencyRecord => ({
    fingerprint: 'f1',
    completed: false,
    claimedAt: created,
    createdAt: created,
    ...over,
  });
  const LEASE = 60_000;

  it('runs when nothing is stored', () => {
    expect(decideIdempotency(null, 'f1', created, LEASE)).toBe('run');
  });

  it('replays a completed request with the same fingerprint', () => {
    expect(decideIdempotency(record({ completed: true }), 'f1', at(1000), LEASE)).toBe('replay');
  });

  it('refuses another body under the same key, completed or not', () => {
    expect(decideIdempotency(record({ completed: true }), 'f2', at(1000), LEASE)).toBe('reused');
    expect(decideIdempotency(record(), 'f2', at(1000), LEASE)).toBe('reused');
  });

  it('waits for a running first request, and takes over a claim older than the lease', () => {
    expect(decideIdempotency(record(), 'f1', at(LEASE - 1), LEASE)).toBe('wait');
    expect(decideIdempotency(record(), 'f1', at(LEASE), LEASE)).toBe('take-over');
  });

  it('forgets a record after 24 hours, whatever it held', () => {
    expect(decideIdempotency(record({ completed: true }), 'f2', at(IDEMPOTENCY_TTL_MS - 1), LEASE)).toBe(
      'reused',
    );
    expect(decideIdempotency(record({ completed: true }), 'f2', at(IDEMPOTENCY_TTL_MS), LEASE)).toBe('run');
  });

  it('replays 2xx and 4xx answers, not 5xx', () => {
    expect([200, 201, 202, 400, 404, 409, 422, 500, 503].map(isReplayableStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
