import { describe, expect, it } from 'vitest';
import { UnsubscribeTokens } from './unsubscribe-token.ts';

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('a secret of at least thirty-two characters');

  it('gives back the user and the scope it was made for', () => {
    expect(tokens.verify(tokens.create('user-1', 'trade_requested'))).toEqual({
      userId: 'user-1',
      scope: 'trade_requested',
    });
    expect(tokens.verify(tokens.create('user-1', 'all'))).toEqual({ userId: 'user-1', scope: 'all' });
  });

  it('refuses a token whose user or scope was changed, or signed with another secret', () => {
    const token = tokens.create('user-1', 'trade_paid');
    const [, signature] = token.split('.');
    const forged = `${Buffer.from('user-2\ntrade_paid').toString('base64url')}.${signature}`;
    expect(tokens.verify(forged)).toBeNull();
    const other = new UnsubscribeTokens('another secret of at least thirty-two characters');
    expect(other.verify(token)).toBeNull();
    expect(tokens.verify(`${token}x`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('a.b.c')).toBeNull();
    expect(tokens.verify(tokens.create('user-1', 'nonsense' as never))).toBeNull();
  });
});
