/**
 * A designer's bill of materials to a basket in the browser: the demo designer imports a CSV of
 * lines that the demo lots within 200 km can cover and one they cannot (a 19,9 m oak piece), sees
 * the plan (lots, total, tour), posts the wanted request for the uncovered line, then « Tout
 * demander » leads to the basket page, one requested trade per lot. Screenshots, desktop and phone.
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

interface LotRow {
  id: string;
  siteId: string;
  materialKey: string;
  unit: string;
  available: number;
  paymentPending: boolean;
}

const query = <T>(context: BrowserContext, path: string, input?: unknown) =>
  trpcQuery<T>(context, app, path, input);

describe('bill of materials sourcing', () => {
  it('plans a CSV bill of materials, posts the missing request, requests everything as one basket', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    const { items } = await query<{ items: LotRow[] }>(context, 'lots.search', {
      point: { kind: 'home' },
      radiusKm: 200,
      sort: 'distance',
      limit: 50,
    });
    const chosen: LotRow[] = [];
    for (const lot of items) {
      if (lot.paymentPending || lot.available < 1 || chosen.some((c) => c.materialKey === lot.materialKey))
        continue;
      if (chosen.length < 2) chosen.push(lot);
    }
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    const csv = [
      'id;material;quantity;unit;min_length_mm',
      ...chosen.map((l, i) => `ligne${i + 1};${l.materialKey};1;${l.unit};`),
      'plateau-geant;oak;1;piece;19990',
    ].join('\n');

    await page.goto(`${app.url}/demandes`);
    await page.getByTestId('sourcing-link').click();
    await page.getByRole('heading', { name: 'Nomenclature', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Rayon (km)' }).fill('200');
    await page.getByTestId('bom-use-csv').check();
    await page.getByTestId('bom-csv').fill(csv);
    await page.getByTestId('bom-plan').click();
    const result = page.getByTestId('bom-plan-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('bom-plan-status').textContent()).toMatch(/Plan optimal|Meilleur plan/);
    expect(await page.getByTestId('bom-picks').locator('tbody tr').count()).toBeGreaterThanOrEqual(
      chosen.length,
    );
    expect(await page.getByTestId('bom-plan-total').textContent()).toMatch(
      /Total estimé\s:\s[\d\s\u202f,]+\s€/,
    );
    await page.getByTestId('bom-tour-km').waitFor();
    await expect.poll(() => page.getByTestId('bom-uncovered').textContent()).toContain('plateau-geant');
    await screenshot(page, 'sourcing-plan-desktop');

    // « Publier une demande »: the wanted request for the uncovered line, through requests.create.
    await page.getByTestId('bom-publish-plateau-geant').click();
    await page.getByRole('button', { name: 'Demande publiée' }).waitFor();
    const mine = await query<{ items: { title: string; minLengthMm: number | null }[] }>(
      context,
      'requests.listMine',
      {},
    );
    expect(mine.items.find((r) => r.title.includes('plateau-geant'))?.minLengthMm).toBe(19990);

    await page.getByTestId('bom-request-all').dblclick();
    await page.waitForURL(/\/nomenclature\/paniers\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const rows = page.getByTestId('basket-trades').locator('tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('basket-trade-state').allTextContents()).toEqual(
      Array(count).fill('Demandé'),
    );
    await screenshot(page, 'sourcing-basket-desktop');
    // The double click made one basket.
    const baskets = await query<{ id: string; tradeCount: number }[]>(context, 'sourcing.basket.list');
    expect(baskets).toHaveLength(1);
    expect(baskets[0]!.tradeCount).toBe(count);
    // The same key again (a retried click) is the same basket, not a second set of trades.
    const basketId = page.url().split('/').pop()!;
    const basket = await query<{
      key: string;
      trades: { lotId: string; lineId: string; quantity: number }[];
    }>(context, 'sourcing.basket.get', { id: basketId });
    const again = await trpcMutate<{ id: string }>(context, app, 'sourcing.createBasket', {
      key: basket.key,
      title: 'Encore',
      picks: basket.trades.map((x) => ({
        lineId: x.lineId.split(', ')[0],
        lotId: x.lotId,
        quantity: x.quantity,
      })),
    });
    expect(again.id).toBe(basketId);

    const phone = await newPage(browser, 'phone');
    await signInAs(phone.context, app, demo.designer);
    await phone.page.goto(`${app.url}/nomenclature`);
    await phone.page.getByRole('heading', { name: 'Nomenclature', level: 1 }).waitFor();
    await phone.page.getByTestId('bom-line-0').waitFor();
    await screenshot(phone.page, 'sourcing-form-phone');
    await phone.page.goto(`${app.url}/nomenclature/paniers/${basketId}`);
    await phone.page.getByTestId('basket-cards').waitFor();
    await screenshot(phone.page, 'sourcing-basket-phone');
    expect(errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });
});
