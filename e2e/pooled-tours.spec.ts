/**
 * A pooled tour in the browser: the demo designer has pickups agreed at two demo sites of one
 * département, on a day both sites and the coordinator's depot are open and inside their hours;
 * the demo coordinator plans shared tours there from the depot, proposes them, and lands on the
 * tour page; the designer accepts their stops on a phone, the seller accepts too, and the
 * coordinator records the tour as the trip driven. Screenshots on a desktop and a phone.
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
import { type Opening, sharedSlot } from './support/slots.ts';
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

interface Site {
  id: string;
  name: string;
  departementCode: string;
  communeInsee: string;
  openingHours: Opening[];
}

/** The coordinator's depot below: open on weekdays, 7 h to 19 h. */
const DEPOT_HOURS: Opening[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, fromMin: 420, toMin: 1140 }));

describe('a pooled tour', () => {
  it('is planned and proposed by a coordinator, accepted by the buyer and the seller, recorded', async () => {
    const coordinator = await newPage(browser, 'desktop');
    const designer = await newPage(browser, 'phone');
    const workshop = await newPage(browser, 'desktop');
    await signInAs(coordinator.context, app, demo.coordinator);
    await signInAs(designer.context, app, demo.designer);
    await signInAs(workshop.context, app, demo.workshop);

    const { items } = await query<{ items: { id: string; siteId: string; priceCents: number | null }[] }>(
      workshop.context,
      'lots.search',
      { sort: 'newest', freeOnly: true, limit: 100 },
    );
    // The workshop's own free lots (the demo network has a hundred other manufactures).
    const me = await query<{ sites: { siteId: string }[] }>(workshop.context, 'account.me');
    const own = new Set(me.sites.map((x) => x.siteId));
    const free = items.filter((l) => l.priceCents === null && own.has(l.siteId));
    const sites = new Map<string, Site>();
    for (const l of free) {
      if (!sites.has(l.siteId))
        sites.set(l.siteId, await query<Site>(workshop.context, 'sites.get', { id: l.siteId }));
    }
    // A département with free lots at two different sites.
    const byDep = new Map<string, typeof free>();
    for (const l of free) {
      const dep = sites.get(l.siteId)!.departementCode;
      const list = byDep.get(dep) ?? [];
      if (!list.some((x) => x.siteId === l.siteId)) list.push(l);
      byDep.set(dep, list);
    }
    const [dep, lots] = [...byDep.entries()].find(([, l]) => l.length >= 2)!;

    // A day the two seller sites and the depot are open, within the hours they share.
    const { day, start, end } = sharedSlot(
      [...lots.slice(0, 2).map((l) => sites.get(l.siteId)!), { openingHours: DEPOT_HOURS }],
      { daysAhead: 2 },
    );
    const tradeIds: string[] = [];
    for (const lot of lots.slice(0, 2)) {
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
      tradeIds.push(trade.id);
    }
    // The coordinator's own depot, in another commune of the département (a site of theirs).
    const communes = await query<{ insee: string; postalCodes: string[]; departementCode: string }[]>(
      coordinator.context,
      'geo.searchCommunes',
      { q: dep, limit: 20 },
    );
    const taken = new Set(lots.map((l) => sites.get(l.siteId)!.communeInsee));
    const other = communes.find(
      (c) => c.departementCode === dep && c.postalCodes.length > 0 && !taken.has(c.insee),
    )!;
    const depot = await mutate<Site>(coordinator.context, 'sites.create', {
      name: 'Dépôt de la coordination',
      description: '',
      address: '1 place de la Mairie',
      postalCode: other.postalCodes[0],
      communeInsee: other.insee,
      sectors: ['bois'],
      territoryType: 'metropolis',
      openingHours: DEPOT_HOURS,
    });

    const { page, errors } = coordinator;
    // The depot's opening hours, as the site page shows them in French.
    await page.goto(`${app.url}/sites/${depot.id}`);
    await expect
      .poll(() => page.getByTestId('site-opening-hours').textContent())
      .toBe('lun.–ven. 7\u00a0h–19\u00a0h');
    await screenshot(page, 'site-opening-hours-desktop');
    await page.goto(`${app.url}/tournees`);
    await page.getByRole('heading', { name: 'Tournées partagées', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Département (code)' }).fill(dep);
    await page.getByLabel('Jour').fill(day);
    await page.getByRole('combobox', { name: 'Dépôt (site de départ et de retour)' }).click();
    await page
      .getByRole('option', { name: new RegExp(`^${depot.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `) })
      .click();
    await page.getByRole('textbox', { name: 'Véhicules' }).fill('1');
    await page.getByRole('button', { name: 'Calculer les tournées' }).click();
    await page.getByTestId('pooled-result').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('pooled-stop').count()).toBeGreaterThanOrEqual(2);
    // One vehicle through both sites: fewer km than a round trip to each.
    await expect
      .poll(() => page.getByTestId('pooled-result').locator('p').first().textContent())
      .toMatch(/^1 véhicule\(s\)\s:\s[1-9][\d\s,]*\skm contre [1-9][\d\s,]*\skm/);
    await page.getByRole('button', { name: 'Proposer aux parties' }).click();
    await page.waitForURL(/\/tournees\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const tourId = page.url().split('/').pop()!;
    await page.getByText('proposée aux parties').first().waitFor();
    await page
      .locator('[data-testid="pooled-map-1"] section[data-ready], [data-testid="map-unavailable"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'pooled-tour-desktop');

    // The buyer is told, and accepts their stops on a phone.
    const notices = await query<{ items: { kind: string; payload: { tourId?: string } }[] }>(
      designer.context,
      'notifications.list',
      {},
    );
    expect(notices.items.some((n) => n.kind === 'pooled_tour_proposed' && n.payload.tourId === tourId)).toBe(
      true,
    );
    await designer.page.goto(`${app.url}/tournees/${tourId}`);
    for (let i = 0; i < tradeIds.length; i++) {
      await designer.page.getByRole('button', { name: 'Accepter' }).first().click();
      await expect
        .poll(() => designer.page.getByText('Acheteur : accepté').count(), { timeout: 10_000 })
        .toBe(i + 1);
    }
    await screenshot(designer.page, 'pooled-tour-phone');
    // The seller accepts too (through the API here); the coordinator records the tour.
    for (const tradeId of tradeIds) {
      await mutate(workshop.context, 'pooledTours.respond', { tourId, tradeId, accept: true });
    }
    await page.reload();
    await page.getByRole('button', { name: 'Enregistrer comme trajet effectué' }).click();
    await page.getByRole('status').filter({ hasText: 'enregistré' }).waitFor();
    await page.getByText('enregistrée comme trajet').first().waitFor();
    expect(errors.filter((e) => !/WebGL/i.test(e))).toEqual([]);
    expect(designer.errors.filter((e) => !/WebGL/i.test(e))).toEqual([]);
  });
});
