import { describe, expect, it } from 'vitest';
import { loadConfig, productionProblems } from './index.ts';

const READY = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  SMTP_URL: 'smtp://mail.example.test:587',
  PUBLIC_URL: 'https://retaille.example.test',
};

describe('productionProblems: what a production server refuses to start with', () => {
  it('accepts a complete production configuration', () => {
    expect(productionProblems(loadConfig(READY))).toEqual([]);
  });

  it('refuses a missing AUTH_SECRET, or a Stripe key without its webhook secret (at load already)', () => {
    expect(() => loadConfig({ ...READY, AUTH_SECRET: '' })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ ...READY, STRIPE_WEBHOOK_SECRET: '' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });

  it.each([
    [
      'no Stripe key: the local emulator',
      { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' },
      'STRIPE_SECRET_KEY',
    ],
    ['no SMTP_URL: the dev outbox', { SMTP_URL: '' }, 'SMTP_URL'],
    ['no PUBLIC_URL', { PUBLIC_URL: '' }, 'PUBLIC_URL'],
  ])('refuses %s', (_case, change, key) => {
    const problems = productionProblems(loadConfig({ ...READY, ...change }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${key}:`));
  });

  it('lists every problem at once', () => {
    const problems = productionProblems(
      loadConfig({ NODE_ENV: 'production', AUTH_SECRET: READY.AUTH_SECRET }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(['STRIPE_SECRET_KEY', 'SMTP_URL', 'PUBLIC_URL']);
  });

  it('asks nothing outside production', () => {
    expect(productionProblems(loadConfig({}))).toEqual([]);
  });
});
