/**
 * A buyer's pickup tour in the browser: the demo designer has two pickups agreed at two demo sites
 * on the next day both are open (inside their opening hours), plans the tour from a point, sees it on the map (or its notice) and as a table,
 * downloads the GPX, records it as the trip driven. Screenshots on a desktop and a phone.
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
import { type Opening, parisDay, sharedSlot } from './support/slots.ts';
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

describe('a pickup tour', () => {
  it('plans two agreed pickups, shows the map and the table, exports GPX and records the trip', async () => {
    const designer = await newPage(browser, 'desktop');
    const workshop = await newPage(browser, 'desktop');
    await signInAs(designer.context, app, demo.designer);
    await signInAs(workshop.context, app, demo.workshop);

    // The workshop's own free lots (the demo network has a hundred other manufactures).
    const me = await query<{ sites: { siteId: string }[] }>(workshop.context, 'account.me');
    const own = new Set(me.sites.map((x) => x.siteId));
    const { items } = await query<{ items: { id: string; siteId: string; priceCents: number | null }[] }>(
      workshop.context,
      'lots.search',
      { sort: 'newest', freeOnly: true, limit: 100 },
    );
    const lots: typeof items = [];
    for (const lot of items) {
      if (own.has(lot.siteId) && lot.priceCents === null && !lots.some((l) => l.siteId === lot.siteId))
        lots.push(lot);
    }
    expect(lots.length).toBeGreaterThanOrEqual(2);
    // The two demo sites closest to each other (at least 1 km apart), and a start between them.
    const sites = await Promise.all(
      lots.map((l) =>
        query<{ lat: number; lon: number; openingHours: Opening[] }>(workshop.context, 'sites.get', {
          id: l.siteId,
        }),
      ),
    );
    const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
      Math.hypot(a.lat - b.lat, (a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180)) * 111;
    let pair: [number, number] = [0, 1];
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < sites.length; i++) {
      for (let j = i + 1; j < sites.length; j++) {
        const d = km(sites[i]!, sites[j]!);
        if (d >= 1 && d < best) [pair, best] = [[i, j], d];
      }
    }
    expect(best).toBeLessThan(100);
    const mid = {
      lat: (sites[pair[0]]!.lat + sites[pair[1]]!.lat) / 2,
      lon: (sites[pair[0]]!.lon + sites[pair[1]]!.lon) / 2,
    };
    // A day both sites are open, within the hours they share, and not a day the designer already
    // has demo pickups agreed (the tour page plans one day's pickups).
    const mine = await query<{ items: { state: string; pickup: { start: string } | null }[] }>(
      designer.context,
      'trades.listMine',
      { role: 'buyer', status: 'all', limit: 100 },
    );
    const busy = new Set(
      mine.items
        .filter((x) => x.state === 'pickup_scheduled' && x.pickup)
        .map((x) => parisDay(new Date(x.pickup!.start))),
    );
    const { day, start, end } = sharedSlot([sites[pair[0]]!, sites[pair[1]]!], { skip: (d) => busy.has(d) });
    for (const lot of [lots[pair[0]]!, lots[pair[1]]!]) {
      const trade = await mutate<{ id: string }>(designer.context, 'trades.request', {
        lotId: lot.id,
        quantity: '1',
      });
      await mutate(workshop.context, 'trades.accept', { id: trade.id });
      await mutate(workshop.context, 'trades.proposePickup', {
        id: trade.id,
        start: start.toISOString(),
        end: end.toISOString(),
      });
      await mutate(designer.context, 'trades.agreePickup', { id: trade.id });
    }

    const { page, errors } = designer;
    await page.goto(`${app.url}/echanges/tournee`);
    await page.getByRole('heading', { name: 'Tournée de retraits' }).waitFor();
    await page.getByRole('combobox', { name: 'Jour' }).click();
    await page.getByRole('option', { name: day, exact: true }).click();
    await page.getByRole('radio', { name: 'Un autre point (latitude, longitude)' }).check();
    await page.getByRole('textbox', { name: 'Latitude' }).fill(mid.lat.toFixed(4).replace('.', ','));
    await page.getByRole('textbox', { name: 'Longitude' }).fill(mid.lon.toFixed(4).replace('.', ','));
    await page.getByRole('button', { name: 'Calculer la tournée' }).click();
    const table = page.getByTestId('tour-table');
    await table.waitFor({ timeout: 15_000 });
    expect(await table.locator('tbody tr').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('tour-km').textContent())
      .toMatch(/Distance\s:\s[1-9][\d\s,]*\skm contre/);
    await page
      .locator('[data-testid="tour-map"] section[data-ready], [data-testid="map-unavailable"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'tour-desktop');

    const gpx = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger (GPX)' }).click();
    const file = await gpx;
    expect(file.suggestedFilename()).toMatch(/^tournee-\d{4}-\d{2}-\d{2}\.gpx$/);

    await page.getByRole('button', { name: 'Enregistrer comme trajet effectué' }).click();
    await page.getByRole('status').filter({ hasText: 'Trajet enregistré' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Trajet enregistré' }).textContent()).toContain(
      '2 échanges',
    );
    // Once recorded, a second recording of the same tour is refused, not a 500.
    await page.getByRole('button', { name: 'Enregistrer comme trajet effectué' }).click();
    await page.getByText('Cet échange est déjà rattaché à un trajet.').first().waitFor();

    const phone = await newPage(browser, 'phone');
    await signInAs(phone.context, app, demo.designer);
    // From « Mes échanges » to the tour page, its agreed pickups listed.
    await phone.page.goto(`${app.url}/echanges`);
    await phone.page.getByTestId('tour-link').click();
    await phone.page.getByRole('heading', { name: 'Tournée de retraits' }).waitFor();
    await phone.page.getByRole('checkbox').first().waitFor();
    await screenshot(phone.page, 'tour-phone');
    expect(errors.filter((e) => !/WebGL|409|Conflict/i.test(e))).toEqual([]);
  });
});
