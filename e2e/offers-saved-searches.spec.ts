/**
 * Issue 12, items 5 and 6, in the browser: the workshop offers a lot from its proposals to the
 * designer of a fitting request, who accepts from the notice (the trade starts accepted); the
 * designer saves a lot search and finds it at /recherches. Screenshots of each page.
 */
import type { Browser, BrowserContext } from 'playwright-core';
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
import { trpcQuery } from './support/trpc.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

const query = <T>(context: BrowserContext, path: string, input?: unknown) =>
  trpcQuery<T>(context, app, path, input);

describe('offers and saved searches', () => {
  it('the workshop offers a free lot to the designer’s request; the designer accepts in one click', async () => {
    const workshop = await newPage(browser, 'desktop');
    await signInAs(workshop.context, app, demo.workshop);
    const designer = await newPage(browser, 'phone');
    await signInAs(designer.context, app, demo.designer);

    // A free demo lot that fits one of the designer's open requests.
    const mine = await query<{ items: { id: string; status: string }[] }>(
      designer.context,
      'requests.listMine',
    );
    const open = new Set(mine.items.filter((r) => r.status === 'open').map((r) => r.id));
    // The workshop's own free lots (the demo network has a hundred other manufactures).
    const me = await query<{ sites: { siteId: string }[] }>(workshop.context, 'account.me');
    const own = new Set(me.sites.map((x) => x.siteId));
    const lots = await query<{ items: { id: string; siteId: string; priceCents: number | null }[] }>(
      workshop.context,
      'lots.search',
      {
        sort: 'newest',
        freeOnly: true,
        limit: 100,
      },
    );
    let pair: { lotId: string; requestId: string } | null = null;
    for (const lot of lots.items.filter((l) => own.has(l.siteId))) {
      const proposals = await query<{ requestId: string }[]>(workshop.context, 'matching.forLot', {
        lotId: lot.id,
      });
      const hit = proposals.find((p) => open.has(p.requestId));
      if (hit) {
        pair = { lotId: lot.id, requestId: hit.requestId };
        break;
      }
    }
    expect(pair).not.toBeNull();

    await workshop.page.goto(`${app.url}/lots/${pair!.lotId}`);
    const card = workshop.page
      .getByTestId('proposal')
      .filter({ has: workshop.page.getByTestId('offer-lot') })
      .first();
    await card.waitFor();
    await card.getByTestId('offer-lot').click();
    await workshop.page.getByTestId('offer-quantity').fill('1');
    await workshop.page.getByRole('button', { name: 'Envoyer la proposition' }).click();
    await workshop.page.getByTestId('offer-sent').waitFor();
    await screenshot(workshop.page, 'lot-proposals-offer-fr-desktop');

    await designer.page.goto(`${app.url}/notifications`);
    const notice = designer.page
      .getByTestId('notification')
      .filter({ hasText: 'vous propose le lot' })
      .first();
    await notice.waitFor();
    await screenshot(designer.page, 'notifications-offer-fr-phone');
    await notice.getByRole('button', { name: 'Accepter l’offre' }).click();
    await designer.page.waitForURL(/\/echanges\/[0-9a-f-]{36}$/);
    await eventually(() => designer.page.getByTestId('trade-state').first().getAttribute('data-state')).toBe(
      'accepted',
    );
    await designer.page.goto(`${app.url}/echanges`);
    await designer.page.getByTestId('trades-list').waitFor();
    await screenshot(designer.page, 'trades-list-paged-fr-phone');
    await workshop.context.close();
    await designer.context.close();
  });

  it('a designer saves a lot search and finds it at /recherches', async () => {
    const { context, page, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    await page.goto(`${app.url}/lots?matiere=oak&longueur=60&rayon=30&autour=domicile`);
    await page.getByTestId('save-search').click();
    await page.getByTestId('save-search-name').fill('Chêne ≥ 60 cm à 30 km');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Recherche enregistrée').first().waitFor();
    await page.goto(`${app.url}/recherches`);
    const saved = page.getByTestId('saved-search').filter({ hasText: 'Chêne ≥ 60 cm à 30 km' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('à 30 km');
    await screenshot(page, 'saved-searches-fr-desktop');
    await saved.getByRole('link', { name: /Voir les lots/ }).click();
    await page.waitForURL((u) => u.pathname === '/lots' && u.searchParams.get('matiere') === 'oak');
    expect(errors).toEqual([]);
    await context.close();
  });
});
