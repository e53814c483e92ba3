/**
 * Issue 12, item 2, in the browser: a priced lot needs a payment path. The demo network keeps
 * Électrolab without a payment account (issue 18): a buyer sees « paiement en attente d'activation » and no
 * request form; the workshop publishing a priced lot is asked to enable payments (one click to
 * the onboarding, the lot kept as a draft) or to publish it for free.
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

async function pick(page: Page, label: string, typed: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function choose(page: Page, testId: string, option: RegExp) {
  const select = page.getByTestId(testId);
  const value = await select.evaluate(
    (el, source) =>
      Array.from((el as HTMLSelectElement).options).find((o) => new RegExp(source).test(o.text))?.value,
    option.source,
  );
  if (!value) throw new Error(`no option ${option} in ${testId}`);
  await select.selectOption(value);
}

/**
 * A priced demo lot still waiting for its site's payments, through the search procedure: Électrolab's
 * PMMA (the demo onboards every other site with a priced lot, so the text narrows the search).
 */
async function pricedDemoLot(context: BrowserContext): Promise<{ id: string; title: string }> {
  const input = encodeURIComponent(JSON.stringify({ q: 'PMMA', sort: 'newest', limit: 50 }));
  const r = await context.request.get(`${app.url}/trpc/lots.search?input=${input}`);
  const { items } = (
    (await r.json()) as {
      result: {
        data: { items: { id: string; title: string; priceCents: number | null; paymentPending: boolean }[] };
      };
    }
  ).result.data;
  const lot = items.find((l) => l.priceCents !== null && l.paymentPending);
  if (!lot) throw new Error('no priced demo lot pending payment');
  return lot;
}

/** Fills the post form with a priced oak lot at Électrolab (verified, no payment account). */
async function fillPricedLot(page: Page, title: string) {
  await page.goto(`${app.url}/lots/nouveau`);
  await eventually(() => page.locator('h1').textContent()).toBe('Publier un lot');
  await pick(page, 'Matière', 'chene', /^Chêne/);
  await page.getByLabel('Titre').fill(title);
  await choose(page, 'site-select', /^Électrolab$/);
  await page.getByTestId('quantity-input').fill('6');
  await page.getByLabel('Longueur (cm)').fill('80');
  await page.getByLabel('Largeur (cm)').fill('12');
  await page.getByLabel('Épaisseur (mm)').fill('27');
  await page.getByTestId('price-mode').getByText('À vendre').click();
  await page.getByTestId('price-input').fill('3');
}

describe('priced lots without a payment path', () => {
  it('a buyer sees « paiement en attente d’activation » and cannot request the lot', async () => {
    const { context, page, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    const lot = await pricedDemoLot(context);
    await page.goto(`${app.url}/lots/${lot.id}`);
    await page.getByTestId('lot-payment-pending').waitFor();
    expect(await page.getByTestId('lot-payment-pending').textContent()).toBe(
      'Paiement en attente d’activation',
    );
    await page.getByTestId('payment-pending').waitFor();
    expect(await page.getByTestId('request-quantity').count()).toBe(0);
    await screenshot(page, 'lot-payment-pending-fr-desktop');
    // The server refuses it too, whatever the page shows.
    const r = await context.request.post(`${app.url}/trpc/trades.request`, {
      data: { lotId: lot.id, quantity: 1 },
      headers: { origin: app.url, 'content-type': 'application/json', 'x-retaille-csrf': '1' },
    });
    expect(r.status()).toBe(409);
    expect(JSON.stringify(await r.json())).toContain('trade.sellerPaymentPending');
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    await context.close();
  });

  it('publishing a priced lot asks to enable payments or publish it free', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.workshop);

    // « Publier gratuitement »: the same lot, published free.
    const freeTitle = `Chêne donné ${Date.now() % 100_000}`;
    await fillPricedLot(page, freeTitle);
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    const prompt = page.getByRole('dialog', { name: 'Activer les paiements pour vendre ce lot' });
    await prompt.waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'lot-payment-prompt-fr-phone');
    await prompt.getByRole('button', { name: 'Publier gratuitement' }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}(\?.*)?$/);
    await eventually(() => page.locator('h1').textContent()).toBe(freeTitle);
    await eventually(() => page.getByTestId('lot-price').textContent()).toBe('Gratuit');

    // « Activer les paiements »: kept as a draft, one click to the onboarding, back with payments on.
    const soldTitle = `Chêne à vendre ${Date.now() % 100_000}`;
    await fillPricedLot(page, soldTitle);
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Activer les paiements' }).click();
    await page.waitForURL((u) => /\/sites\/[0-9a-f-]{36}\/paiements$/.test(u.pathname), { timeout: 20_000 });
    await eventually(() => page.getByTestId('payments-state').getAttribute('data-state')).toBe('enabled');

    // The draft is there; published now, priced, and nobody sees a pending payment.
    const input = encodeURIComponent(JSON.stringify({ q: soldTitle, sort: 'newest', limit: 5 }));
    const mine = await context.request.get(`${app.url}/trpc/lots.search?input=${input}`);
    expect(((await mine.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toEqual([]);
    const me = await context.request.get(`${app.url}/trpc/account.me`);
    const siteId = new URL(page.url()).pathname.split('/')[2] as string;
    expect(me.ok()).toBe(true);
    const list = await context.request.get(
      `${app.url}/trpc/lots.listForSite?input=${encodeURIComponent(JSON.stringify({ siteId, status: 'draft' }))}`,
    );
    const drafts = ((await list.json()) as { result: { data: { items: { id: string; title: string }[] } } })
      .result.data.items;
    const draft = drafts.find((l) => l.title === soldTitle);
    expect(draft).toBeDefined();
    await page.goto(`${app.url}/lots/${draft!.id}`);
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await eventually(() => page.getByTestId('lot-price').textContent()).toMatch(/^3,00\s€ \/ pièce$/u);
    expect(await page.getByTestId('lot-payment-pending').count()).toBe(0);
    await context.close();
  });
});
