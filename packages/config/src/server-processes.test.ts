import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const PG = 'postgres://retaille@db:5432/retaille';

describe('SERVER_PROCESSES (node:cluster, ADR 017)', () => {
  it('is one process by default', () => {
    expect(loadConfig({}).SERVER_PROCESSES).toBe(1);
  });

  it('takes several on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: PG, SERVER_PROCESSES: '4' }).SERVER_PROCESSES).toBe(4);
  });

  it('refuses several on PGlite, which belongs to one process, and nonsense counts', () => {
    expect(() => loadConfig({ SERVER_PROCESSES: '2' })).toThrow(
      /SERVER_PROCESSES: more than one process needs PostgreSQL/,
    );
    for (const bad of ['0', '-1', '1.5', '65', 'many']) {
      expect(() => loadConfig({ DATABASE_URL: PG, SERVER_PROCESSES: bad })).toThrow(ConfigError);
    }
  });
});

describe('STRIPE_EMULATOR_URL (a worker joining its primary’s emulator)', () => {
  const joined = {
    STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
    STRIPE_EMULATOR_SECRET_KEY: 'sk_test_emulator_0123456789',
    STRIPE_WEBHOOK_SECRET: 'whsec_sim_0123',
  };

  it('is taken with the emulator’s key and webhook secret', () => {
    expect(loadConfig(joined).STRIPE_EMULATOR_URL).toBe('http://127.0.0.1:12111');
  });

  it('is refused without them, or when it is not plain http', () => {
    expect(() => loadConfig({ ...joined, STRIPE_EMULATOR_SECRET_KEY: '' })).toThrow(
      /STRIPE_EMULATOR_URL: needs/,
    );
    expect(() => loadConfig({ ...joined, STRIPE_WEBHOOK_SECRET: '' })).toThrow(/STRIPE_EMULATOR_URL: needs/);
    expect(() => loadConfig({ ...joined, STRIPE_EMULATOR_URL: 'ftp://127.0.0.1:12111' })).toThrow(
      /STRIPE_EMULATOR_URL/,
    );
  });
});
