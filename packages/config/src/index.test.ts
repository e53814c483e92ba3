import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('has safe local defaults: PGlite in ./.data, port 3000', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './.data/pglite' });
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://localhost/x', PORT: '8080' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://localhost/x' });
    expect(c.PORT).toBe(8080);
  });

  it('lists every bad key in one error', () => {
    try {
      loadConfig({ PORT: 'abc', NODE_ENV: 'staging', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/NODE_ENV/);
      expect(problems).toMatch(/SEED_DEMO/);
    }
  });
});

describe('secrets', () => {
  it('requires AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }).authSecret).toBe(
      'x'.repeat(40),
    );
  });

  it('defaults payments to simulation, no platform fee and the issue timings', () => {
    const c = loadConfig({});
    expect(c.paymentsMode).toBe('simulation');
    expect(c.PLATFORM_FEE_BPS).toBe(0);
    expect(c.tradeTimings).toEqual({
      requestExpiryMs: 7 * 86_400_000,
      paymentExpiryMs: 86_400_000,
      receiptAutoConfirmMs: 7 * 86_400_000,
      disputeAutoResolveMs: 60 * 86_400_000,
      completionDelayMs: 0,
    });
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x' }).paymentsMode).toBe('live');
    expect(() => loadConfig({ TRADE_PAYMENT_EXPIRY_MINUTES: '2000' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), STRIPE_SECRET_KEY: 'sk_live_x' }),
    ).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default, also in production', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
  });

  it('takes a hop count or a comma list of proxy addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses `true` (every hop) and malformed entries, naming them', () => {
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '1.2.3', '99']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('abuse limits', () => {
  it('has safe defaults', () => {
    const c = loadConfig({});
    expect(c.TRPC_MAX_BATCH_SIZE).toBe(10);
    expect([c.RATE_LIMIT_ANONYMOUS_MAX, c.RATE_LIMIT_USER_MAX, c.RATE_LIMIT_WINDOW_SECONDS]).toEqual([
      300, 3000, 60,
    ]);
    expect([c.AUTH_SIGNIN_ACCOUNT_MAX_FAILURES, c.AUTH_SIGNIN_ACCOUNT_WINDOW_SECONDS]).toEqual([50, 3600]);
    expect(c.AUTH_SIGNIN_MAX_BLOCK_SECONDS).toBe(86_400);
    expect(c.ANONYMOUS_BODY_LIMIT_BYTES).toBe(65_536);
  });
});
