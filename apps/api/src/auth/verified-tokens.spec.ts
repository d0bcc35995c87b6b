import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const exp = 1_800_000_000; // seconds
  let now: number;
  const tokens = (max?: number) => new VerifiedTokens<{ sub: string; exp?: number }>(max, () => now);

  beforeEach(() => {
    now = exp * 1000 - 60_000;
  });

  it('answers a verified token by its exact text until the second of its exp, and not from then on', () => {
    const held = tokens();
    held.remember('a.b.c', { sub: 'p1', exp });
    expect(held.get('a.b.c')).toEqual({ sub: 'p1', exp });
    expect(held.get('a.b.C')).toBeUndefined();
    now = exp * 1000 - 1;
    expect(held.get('a.b.c')?.sub).toBe('p1');
    now = exp * 1000;
    expect(held.get('a.b.c')).toBeUndefined();
    expect(held.size).toBe(0);
  });

  it('keeps neither a token without exp nor one already expired', () => {
    const held = tokens();
    held.remember('no-exp', { sub: 'p1' });
    held.remember('expired', { sub: 'p1', exp: Math.floor(now / 1000) });
    expect(held.get('no-exp')).toBeUndefined();
    expect(held.get('expired')).toBeUndefined();
    expect(held.size).toBe(0);
  });

  it('holds at most its bound, dropping the least recently used', () => {
    const held = tokens(2);
    held.remember('t1', { sub: 'p1', exp });
    held.remember('t2', { sub: 'p2', exp });
    held.get('t1');
    held.remember('t3', { sub: 'p3', exp });
    expect(held.get('t2')).toBeUndefined();
    expect(held.get('t1')?.sub).toBe('p1');
    expect(held.get('t3')?.sub).toBe('p3');
  });
});
