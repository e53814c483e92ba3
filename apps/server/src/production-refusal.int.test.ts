import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A production server refuses to start on development stand-ins: main.ts exits 1 with every
 * problem listed, before opening the database (each case: packages/config/src/production.test.ts).
 */
const serverDir = fileURLToPath(new URL('..', import.meta.url));

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    // An unreachable database: a server that got past the checks would fail differently, later.
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const READY = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  SMTP_URL: 'smtp://mail.example.test:587',
  PUBLIC_URL: 'https://retaille.example.test',
};

describe('production refusal', () => {
  it('lists every problem at once', async () => {
    const { code, stderr } = await start({ NODE_ENV: 'production', AUTH_SECRET: READY.AUTH_SECRET });
    expect(code).toBe(1);
    for (const key of ['STRIPE_SECRET_KEY', 'SMTP_URL', 'PUBLIC_URL']) expect(stderr).toContain(key);
  }, 30_000);

  it('gets past the checks when everything is set (then fails on the unreachable database)', async () => {
    const { code, stderr } = await start(READY);
    expect(code).not.toBe(0);
    expect(stderr).not.toMatch(/Invalid configuration/);
  }, 30_000);
});
