import { describe, expect, it } from 'vitest';
import { cookieCacheExpiry, VerifiedSessions } from './verified-sessions.ts';

const session = { userId: 'u1', token: 't1' };

describe('VerifiedSessions', () => {
  it('answers the same header until the cache expires, then forgets it', () => {
    let now = 1_000;
    const verified = new VerifiedSessions(10, () => now);
    verified.remember('a=1', session, 61_000);
    expect(verified.get('a=1')).toMatchObject(session);
    expect(verified.get('a=2')).toBeUndefined();
    now = 60_999;
    expect(verified.get('a=1')).toMatchObject(session);
    now = 61_000;
    expect(verified.get('a=1')).toBeUndefined();
    expect(verified.size).toBe(0);
  });

  it('keeps nothing that has already expired', () => {
    const verified = new VerifiedSessions(10, () => 5_000);
    verified.remember('a=1', session, 5_000);
    verified.remember('a=2', session, Number.NaN);
    expect(verified.size).toBe(0);
  });

  it('drops the oldest answer past its bound', () => {
    const verified = new VerifiedSessions(2, () => 0);
    verified.remember('a', session, 10);
    verified.remember('b', session, 10);
    verified.remember('c', session, 10);
    expect([verified.get('a'), verified.get('b'), verified.get('c')].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});

const data = (payload: unknown) =>
  encodeURIComponent(Buffer.from(JSON.stringify(payload)).toString('base64url'));

describe('cookieCacheExpiry', () => {
  it('reads expiresAt from the compact session_data cookie, with or without the Secure prefix', () => {
    const value = data({ session: {}, expiresAt: 1_765_000_000_000, signature: 'x' });
    expect(cookieCacheExpiry(`better-auth.session_token=abc; better-auth.session_data=${value}`)).toBe(
      1_765_000_000_000,
    );
    expect(cookieCacheExpiry(`__Secure-better-auth.session_data=${value}; other=1`)).toBe(1_765_000_000_000);
  });

  it('gives nothing for a missing, doubled, chunked or malformed cache', () => {
    const value = data({ expiresAt: 5 });
    for (const header of [
      'better-auth.session_token=abc',
      `better-auth.session_data=${value}; __Secure-better-auth.session_data=${value}`,
      `better-auth.session_data.0=${value}`,
      'better-auth.session_data=%E0%A4%A',
      `better-auth.session_data=${data(null)}`,
      `better-auth.session_data=${data({ expiresAt: '5' })}`,
      'better-auth.session_data=not-base64-json',
    ]) {
      expect(cookieCacheExpiry(header)).toBeUndefined();
    }
  });
});
