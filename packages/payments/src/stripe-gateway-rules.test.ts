import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { CHECKOUT_MAX_TTL_MS, CHECKOUT_MIN_TTL_MS, checkoutExpiresAt } from './payment-gateway.ts';
import { STRIPE_API_VERSION } from './stripe-gateway.ts';

const MIN = 60_000;
const created = new Date('2026-12-04T10:00:00.000Z');
const at = (ms: number) => new Date(created.getTime() + ms);

describe('Stripe API version', () => {
  it('the SDK is pinned exactly and the gateway speaks the version that release targets', () => {
    expect(packageJson.dependencies.stripe).toMatch(/^\d+\.\d+\.\d+$/);
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });
});

describe('checkoutExpiresAt: Stripe wants 30 min to 24 h after the session is created', () => {
  it.each([
    ['a deadline 2 h away is kept', 120 * MIN, 120 * MIN],
    ['a deadline 10 min away (late retry) gets 32 min from creation', 10 * MIN, 32 * MIN],
    ['a deadline already past gets 32 min from creation', -60 * MIN, 32 * MIN],
    ['a deadline 25 h away is cut to 23 h 58', 25 * 60 * MIN, 24 * 60 * MIN - 2 * MIN],
  ])('%s', (_label, deadlineMs, expectedMs) => {
    const expires = checkoutExpiresAt(at(deadlineMs), created);
    expect(expires.getTime() - created.getTime()).toBe(expectedMs);
    expect(expires.getTime() - created.getTime()).toBeGreaterThanOrEqual(CHECKOUT_MIN_TTL_MS);
    expect(expires.getTime() - created.getTime()).toBeLessThanOrEqual(CHECKOUT_MAX_TTL_MS);
  });

  it('counts whole seconds, as Stripe does', () => {
    expect(checkoutExpiresAt(at(120 * MIN + 999), created).getTime() % 1000).toBe(0);
  });
});
