/**
 * Issue 18, done-when: the server starts from an EMPTY data directory (what `pnpm start` runs
 * once the web app is built), loads the demo network, prints the demo accounts; each printed
 * account signs in and visits every main page without a console error. The screenshots of the
 * main pages land in docs/screenshots/ (`pnpm screenshots` refreshes them).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser, newPage, type RunningApp, signInAs, startApp } from './support/app.ts';
import { trpcQuery } from './support/trpc.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

let app: RunningApp;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'retaille-demo-e2e-'));
  [app, browser] = await Promise.all([
    startApp({
      PGLITE_DATA_DIR: join(dataDir, 'pglite'),
      STRIPE_EMULATOR_PORT: String(await freePort()),
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The accounts the start printed under « Comptes de DÉMONSTRATION ». */
function printedAccounts(output: string): string[] {
  const block = output.split('Comptes de DÉMONSTRATION')[1] ?? '';
  return [...block.matchAll(/^\s+(\S+@demo\.retaille\.fr)\s/gm)].map((m) => m[1]!);
}

/** Console errors other than the map's own (headless Chromium without WebGL). */
const realErrors = (errors: string[]) => errors.filter((e) => !/webgl|maplibre/i.test(e));

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${DOCS_SCREENSHOTS}${name}.png`, fullPage: false });
}

/** Main pages per account, each with what must show once it has loaded. */
const common = [
  { path: '/', ready: 'h1' },
  { path: '/lots', ready: '[data-testid="lot-card"], article' },
  { path: '/sites', ready: 'h1' },
  { path: '/demandes', ready: 'h1' },
  { path: '/echanges', ready: 'h1' },
  { path: '/notifications', ready: 'h1' },
  { path: '/impact', ready: 'h1' },
  { path: '/recherches', ready: 'h1' },
  { path: '/compte', ready: 'h1' },
];
const extra: Record<string, { path: string; ready: string }[]> = {
  'atelier@demo.retaille.fr': [{ path: '/mes-sites', ready: 'h1' }],
  'coordination@demo.retaille.fr': [
    { path: '/coordination/verification', ready: 'h1' },
    { path: '/tournees', ready: '[data-testid="pooled-list"] tbody tr' },
  ],
  'admin@demo.retaille.fr': [{ path: '/operations', ready: 'h1' }],
};

describe('the demo from an empty data directory', () => {
  it('prints the demo accounts and the loaded network', () => {
    const output = app.output();
    expect(output).toMatch(
      /Données de démonstration chargées : 101 sites, \d+ lots, \d+ demandes, \d+ échanges/,
    );
    expect(printedAccounts(output)).toEqual([
      'atelier@demo.retaille.fr',
      'createur@demo.retaille.fr',
      'coordination@demo.retaille.fr',
      'admin@demo.retaille.fr',
    ]);
  });

  it('each printed account signs in and visits every main page without a console error', async () => {
    for (const email of printedAccounts(app.output())) {
      const role = email.split('@')[0]!;
      const { page, context, errors } = await newPage(browser, 'desktop');
      // Which request failed, when the console only says « status of 403 ».
      page.on('response', (r) => {
        if (r.status() >= 400)
          errors.push(`${r.status()} ${new URL(r.url()).pathname} on ${new URL(page.url()).pathname}`);
      });
      await signInAs(context, app, email);
      // Something waits for every demo role on first sign-in (the trades' notices are delivered
      // by the job workers once the server is up).
      await expect
        .poll(
          async () => (await trpcQuery<{ unread: number }>(context, app, 'notifications.summary')).unread,
          {
            timeout: 60_000,
          },
        )
        .toBeGreaterThan(0);
      for (const { path, ready } of [...common, ...(extra[email] ?? [])]) {
        await page.goto(`${app.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        expect(page.url(), `${email} ${path}`).not.toMatch(/\/connexion/);
        if (path === '/notifications') await page.getByTestId('notification').first().waitFor();
        if (role === 'createur' || (role === 'atelier' && path === '/echanges')) {
          await shot(page, `${role}${path === '/' ? '-accueil' : path.replaceAll('/', '-')}`);
        } else if (role === 'coordination' && path === '/impact') {
          await shot(page, 'coordination-impact');
        } else if (role === 'admin' && path === '/operations') {
          await shot(page, 'admin-operations');
        }
      }
      expect(realErrors(errors), email).toEqual([]);
      await context.close();
    }
  }, 300_000);

  it('the designer sees a living marketplace: trades waiting, notifications, lots with photos', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, 'createur@demo.retaille.fr');
    await page.goto(`${app.url}/echanges`);
    await page.getByTestId('trade-row').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('trade-row').count()).toBeGreaterThanOrEqual(3);
    await page.goto(`${app.url}/lots`);
    await page.locator('img').first().waitFor();
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('an anonymous phone gets /lots with its first lots in the HTML, and the app adopts that DOM', async () => {
    const html = await (await fetch(`${app.url}/lots`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('data-testid="lot-card"');
    expect(html).toContain('id="retaille-state"');
    const { page, context, errors } = await newPage(browser, 'phone');
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    // The cards of the server's HTML are marked before the app runs; hydration keeps the same nodes.
    await page.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelectorAll('[data-testid="lot-card"]').forEach((card) => {
          Object.assign(card, { fromServer: true });
        });
      }),
    );
    await page.goto(`${app.url}/lots`);
    await page.waitForLoadState('networkidle');
    const adopted = await page.$$eval('[data-testid="lot-card"]', (all) =>
      all.map((card) => (card as Element & { fromServer?: boolean }).fromServer === true),
    );
    expect(adopted.length).toBeGreaterThan(0);
    expect(adopted.every(Boolean)).toBe(true);
    // The app works on that DOM: the filters drawer opens.
    await page.getByTestId('open-filters').click();
    await page.getByTestId('close-filters').waitFor();
    expect(realErrors(errors)).toEqual([]);
    expect(warnings.filter((w) => w.includes('server-rendered'))).toEqual([]);
    await context.close();
  });
});
