import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.ts';

describe('Stripe emulator settings (simulation mode)', () => {
  it('the quick start keeps it on port 12111 with its state beside the PGlite data', () => {
    expect(loadConfig({}).stripeEmulator).toEqual({ port: 12111, stateFile: '.data/stripe-emulator.json' });
    expect(loadConfig({ PGLITE_DATA_DIR: '/srv/retaille/pglite' }).stripeEmulator).toEqual({
      port: 12111,
      stateFile: '/srv/retaille/stripe-emulator.json',
    });
  });

  it('a throw-away database gets a throw-away emulator (free port, memory only)', () => {
    expect(loadConfig({ PGLITE_DATA_DIR: 'memory://' }).stripeEmulator).toEqual({ port: 0, stateFile: null });
  });

  it('explicit keys win', () => {
    expect(
      loadConfig({
        PGLITE_DATA_DIR: 'memory://',
        STRIPE_EMULATOR_PORT: '4242',
        STRIPE_EMULATOR_STATE_FILE: '/tmp/emulator.json',
      }).stripeEmulator,
    ).toEqual({ port: 4242, stateFile: '/tmp/emulator.json' });
  });

  it('the emulator API key can be fixed, and must look like a test key', () => {
    expect(
      loadConfig({ STRIPE_EMULATOR_SECRET_KEY: 'sk_test_e2e_emulator' }).STRIPE_EMULATOR_SECRET_KEY,
    ).toBe('sk_test_e2e_emulator');
    expect(() => loadConfig({ STRIPE_EMULATOR_SECRET_KEY: 'sk_live_nope_nope' })).toThrow(
      /STRIPE_EMULATOR_SECRET_KEY/,
    );
  });

  it('a Connect webhook secret is its own key', () => {
    const c = loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_a', STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_b' });
    expect([c.STRIPE_WEBHOOK_SECRET, c.STRIPE_CONNECT_WEBHOOK_SECRET]).toEqual(['whsec_a', 'whsec_b']);
  });
});
