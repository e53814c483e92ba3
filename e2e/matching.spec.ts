/**
 * Matching end to end: a coordinator runs the network-wide allocation and reads the totals
 * against the greedy baseline and the flows table; a designer sees the ranked, explained
 * proposals of her request and the notification of a new matching lot. The map may not render
 * in headless Chromium (no WebGL 2): then its "carte indisponible" notice must show instead.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demo,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  signInAs,
  startApp,
} from './support/app.ts';
import { trpcMutate, trpcQuery } from './support/trpc.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const query = <T>(context: BrowserContext, path: string, input?: unknown) =>
  trpcQuery<T>(context, app, path, input);

const mutate = <T>(context: BrowserContext, path: string, input: unknown) =>
  trpcMutate<T>(context, app, path, input);

/** The map rendered, or its fallback notice (headless Chromium often has no WebGL 2). */
async function mapOrNotice(page: Page): Promise<'map' | 'notice'> {
  await page
    .locator('[data-testid="flows-map"] section[data-ready], [data-testid="map-unavailable"]')
    .first()
    .waitFor({ timeout: 20_000 });
  return (await page.getByTestId('map-unavailable').count()) > 0 ? 'notice' : 'map';
}

let runPath = '';

describe('matching: network allocation, proposals and notifications', () => {
  it('a coordinator runs the allocation of the whole network and reads totals, map and flows', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/coordination/allocation`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Allocation du réseau');
    // The account menu offers the page to coordinators.
    await page
      .getByRole('button', { name: /Coordination/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'Allocation du réseau' }).waitFor();
    await page.keyboard.press('Escape');

    expect(await page.getByTestId('allocation-scope').inputValue()).toBe('');
    await page.getByTestId('allocation-start').click();
    await page.waitForURL(/\?run=[0-9a-f-]{36}$/);
    runPath = new URL(page.url()).pathname + new URL(page.url()).search;
    await page.locator('[data-testid="allocation-run"][data-status="done"]').waitFor({ timeout: 30_000 });

    // Totals side by side: optimal, greedy, optimum at greedy's kg — in French formats.
    const totals = page.getByTestId('allocation-totals');
    await totals.waitFor();
    for (const header of ['Allocation optimale', 'Au plus proche d’abord', 'Optimum à quantité égale']) {
      await totals.getByRole('columnheader', { name: header }).waitFor();
    }
    const kgRow = (await page.getByTestId('totals-kg').textContent()) ?? '';
    expect(kgRow).toMatch(/Matière appariée[\d\s\u202f,]+\u202fkg/u);
    expect(await page.getByTestId('totals-tkm').textContent()).toMatch(/t·km/);
    expect(await page.getByTestId('allocation-explanation').textContent()).toMatch(/optimum/);

    // The flows: a table sortable by mass and distance; the map or its notice.
    const rows = page.getByTestId('flow-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const mapState = await mapOrNotice(page);
    if (mapState === 'notice') await page.getByText('Carte indisponible').waitFor();

    const kgs = async () =>
      (await page.getByTestId('flow-kg').allTextContents()).map((s) =>
        Number(s.replace(/[\s\u202f]|kg/gu, '').replace(',', '.')),
      );
    const byKg = await kgs();
    expect(byKg).toEqual([...byKg].sort((a, b) => b - a));
    await page.getByTestId('sort-distance').click();
    await page.getByTestId('sort-distance').click();
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/Distance/);
    const kms = (await page.getByTestId('flow-distance').allTextContents()).map((s) =>
      Number(s.replace(/[\s\u202f]|km/gu, '').replace(',', '.')),
    );
    expect(kms).toEqual([...kms].sort((a, b) => a - b));
    await page.getByTestId('sort-kg').click();

    // The run is listed among the recent ones.
    await page.getByTestId('recent-runs').getByText('tout le réseau').first().waitFor();
    await page.getByRole('alert').filter({ hasText: 'Allocation lancée.' }).waitFor({ state: 'detached' });
    await screenshot(page, 'allocation-fr-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the same run on a phone, reached from the menu', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Allocation du réseau' }).click();
    await page.waitForURL(/\/coordination\/allocation$/);
    await page.goto(`${app.url}${runPath}`);
    await page.locator('[data-testid="allocation-run"][data-status="done"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('flow-row').first().waitFor();
    await mapOrNotice(page);
    await screenshot(page, 'allocation-fr-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a coordinator leaves out the losing pairs and reads which and why', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/coordination/allocation`);
    await page.getByRole('checkbox', { name: /Écarter les paires/ }).check();
    await page.getByTestId('allocation-start').click();
    await page.waitForURL((url) => url.search !== '' && `${url.pathname}${url.search}` !== runPath);
    await page.locator('[data-testid="allocation-run"][data-status="done"]').waitFor({ timeout: 30_000 });
    const section = page.getByTestId('allocation-left-out');
    await section.getByRole('heading', { name: 'Paires écartées' }).waitFor();
    const rows = section.locator('tbody tr');
    if ((await rows.count()) > 0) {
      expect(await section.textContent()).toMatch(/paires? écartées?/);
      expect(await rows.first().textContent()).toContain('Le transport dépasse ce qui est évité');
    } else {
      await section.getByText(/Aucune paire écartée/).waitFor();
    }
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'allocation-left-out');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a designer sees ranked proposals for her request, explained in French with the distance', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    const mine = await query<{ items: { id: string; title: string; status: string }[] }>(
      context,
      'requests.listMine',
    );
    const open = mine.items.filter((r) => r.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    // The first of her requests that has proposals (the demo network has lots near Paris).
    let found = '';
    for (const r of open) {
      const proposals = await query<unknown[]>(
        context,
        `matching.forRequest?input=${encodeURIComponent(JSON.stringify({ requestId: r.id }))}`,
      );
      if (proposals.length > 0) {
        found = r.id;
        break;
      }
    }
    expect(found).not.toBe('');
    await page.goto(`${app.url}/demandes/${found}/propositions`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Propositions pour votre demande');
    const first = page.getByTestId('proposal').first();
    await first.waitFor();
    const sentence = (await first.getByTestId('proposal-explanation').textContent()) ?? '';
    expect(sentence).toMatch(/^Pourquoi cette proposition\s: à [\d,]+\s?km, /u);
    expect(sentence).toMatch(/transport ≈ [\d,]+ kg CO2e/u);
    await first.getByRole('progressbar', { name: /^Score \d+ sur 100$/ }).waitFor();
    await first.getByRole('link', { name: 'Voir le lot →' }).waitFor();
    await screenshot(page, 'proposals-fr-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'proposals-fr-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a new matching lot notifies the designer: bell count, notifications page, mark read', async () => {
    // A workshop near Paris publishes denim: it fits the designer's « Denim pour sacs » (40 km).
    const workshop = await browser.newContext();
    await signInAs(workshop, app, demo.workshop);
    const me = await query<{ sites: { siteId: string; name: string; verified: boolean }[] }>(
      workshop,
      'account.me',
    );
    const site = me.sites.find((s) => s.name === 'Électrolab') ?? me.sites.find((s) => s.verified);
    expect(site).toBeDefined();
    const title = `Chutes de denim brut ${Date.now() % 100_000}`;
    const lot = await mutate<{ id: string }>(workshop, 'lots.create', {
      siteId: site!.siteId,
      title,
      materialKey: 'denim',
      condition: 'offcut',
      unit: 'kg',
      quantity: 12,
      free: true,
      publish: true,
    });
    // The workshop sees, on its lot's page, the open request it fits.
    const owner = await workshop.newPage();
    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.goto(`${app.url}/lots/${lot.id}`);
    const proposal = owner.getByTestId('proposal').filter({ hasText: 'Denim pour sacs' });
    await proposal.first().waitFor();
    expect(await proposal.first().getByTestId('proposal-explanation').textContent()).toMatch(/à [\d,]+ km/u);
    await owner.getByRole('heading', { name: 'Propositions' }).scrollIntoViewIfNeeded();
    await screenshot(owner, 'lot-proposals-fr-phone');
    await workshop.close();

    const { page, context, errors } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.designer);
    await page.goto(`${app.url}/notifications`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Notifications');
    const item = page.getByTestId('notification').filter({ hasText: title });
    // The fan-out is a background job (pg-boss): reload until the worker has delivered it.
    await expect
      .poll(
        async () => {
          const n = await item.count();
          if (n === 0) await page.reload();
          return n;
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBeGreaterThan(0);
    expect(await item.first().getAttribute('data-read')).toBe('false');
    expect(await item.first().textContent()).toMatch(/Denim pour sacs/);
    expect(await item.first().textContent()).toMatch(/à [\d,]+\u202fkm/u);
    const bell = page.getByTestId('notifications-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toMatch(/^[1-9]/);
    await screenshot(page, 'notifications-fr-phone');

    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, 'notifications-fr-desktop');
    await item.first().getByRole('button', { name: 'Marquer comme lu' }).click();
    await expect.poll(() => item.first().getAttribute('data-read')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});
