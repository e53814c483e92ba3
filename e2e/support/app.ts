/**
 * End-to-end harness: starts the real server (built web app, embedded database, demo data) on a
 * free port, and drives Debian's Chromium through playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningApp {
  url: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM (a clean shutdown), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the server with the demo loaded. Without settings of its own, the spec gets a copy of
 * the demo the run loaded once (`loadedDemo`): the same rows, a few seconds instead of a full
 * load. With settings (or E2E_FRESH_DEMO=true), the demo is loaded for this server alone, in
 * memory unless the settings name a data directory.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const template = Object.keys(env).length === 0 ? await loadedDemo() : null;
  if (!template) return launch(env);
  const copy = await mkdtemp(join(tmpdir(), 'retaille-e2e-app-'));
  await cp(template, copy, { recursive: true });
  const app = await launch({
    PGLITE_DATA_DIR: join(copy, 'pglite'),
    STRIPE_EMULATOR_STATE_FILE: join(copy, 'stripe-emulator.json'),
    STRIPE_EMULATOR_PORT: String(await freePort()),
  });
  return {
    ...app,
    stop: async () => {
      await app.stop();
      await rm(copy, { recursive: true, force: true });
    },
  };
}

/**
 * The run's loaded demo (data directory and Stripe emulator state): the first spec asking for
 * it starts a server on an empty directory, waits for the demo to load, and stops it cleanly;
 * the specs run one after the other (fileParallelism: false), so no lock is needed.
 */
async function loadedDemo(): Promise<string | null> {
  if (process.env.E2E_FRESH_DEMO === 'true') return null;
  let root: string;
  try {
    root = inject('demoSnapshotDir');
  } catch {
    return null;
  }
  if (!root) return null;
  const template = join(root, 'template');
  const ready = join(root, 'ready');
  if (existsSync(ready)) return template;
  await rm(template, { recursive: true, force: true });
  const app = await launch({
    PGLITE_DATA_DIR: join(template, 'pglite'),
    STRIPE_EMULATOR_STATE_FILE: join(template, 'stripe-emulator.json'),
    STRIPE_EMULATOR_PORT: String(await freePort()),
  });
  await app.stop(60_000);
  await writeFile(ready, new Date().toISOString());
  return template;
}

async function launch(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DATA_DIR: 'memory://',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // better-auth checks the Origin of every request against its own URL.
      PUBLIC_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  // The demo network (100 manufactures, their lots and trades) loads before the server listens.
  const deadline = Date.now() + 290_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    // Not left running behind a failed suite on a shared machine.
    child.kill('SIGKILL');
    throw new Error(`server did not start:\n${output}`);
  }
  return {
    url,
    output: () => output,
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Debian's Chromium, headless and quiet (no sync, updates or background traffic); audit:web uses them too. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;

export async function newPage(
  browser: Browser,
  viewport: keyof typeof viewports,
  locale = 'fr-FR',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: viewports[viewport],
    locale,
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  untilAppReady(page);
  return { context, page, errors };
}

/**
 * `/` and `/lots` are prerendered: they show before the app runs, but a click on a button then
 * does nothing yet. After a navigation to an app page, `goto` and `reload` also wait until the
 * app has drawn itself over the HTML (`<html data-app-ready>`, set by App.tsx).
 */
function untilAppReady(page: Page) {
  const ready = async <T extends { headers(): Record<string, string> } | null>(response: T) => {
    // A prerendered page loads its code through the build's boot loader (assets/boot-*.js).
    const prerendered =
      response?.headers()['content-type']?.startsWith('text/html') &&
      (await page.locator('script[src^="/assets/boot-"]').count()) > 0;
    if (prerendered)
      await page.locator('html[data-app-ready]').waitFor({ state: 'attached', timeout: 30_000 });
    return response;
  };
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, options) => ready(await goto(url, options));
  page.reload = async (options) => ready(await reload(options));
}

/** Signs a browser context in through the auth API (the cookie lands in the context). */
export async function signInAs(context: BrowserContext, app: RunningApp, email: string): Promise<void> {
  const r = await context.request.post(`${app.url}/api/auth/sign-in/email`, {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: app.url },
  });
  if (!r.ok()) throw new Error(`sign-in as ${email} failed: ${r.status()} ${await r.text()}`);
}

export const DEMO_PASSWORD = 'retaille-demo-2026';
export const demo = {
  workshop: 'atelier@demo.retaille.fr',
  designer: 'createur@demo.retaille.fr',
  coordinator: 'coordination@demo.retaille.fr',
  admin: 'admin@demo.retaille.fr',
} as const;

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
