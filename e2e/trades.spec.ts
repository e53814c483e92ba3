/**
 * Trades end to end, in the browser, between the demo workshop (seller, owner of every demo site)
 * and the demo designer (buyer): a free donation from request to completion, then a paid trade
 * through the Stripe emulator's hosted checkout page ("mode simulation"), after the seller site
 * was onboarded through the UI. Screenshots of the list, a trade page and the pickup slip on a
 * phone and a desktop.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demo,
  launchBrowser,
  newPage,
  type RunningApp,
  SCREENSHOTS,
  screenshot,
  signInAs,
  startApp,
  type viewports,
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

interface LotHit {
  id: string;
  title: string;
  siteId: string;
  priceCents: number | null;
}

/** A demo lot by its exact title, through the search procedure (no transformer: `result.data`). */
async function findLot(context: BrowserContext, title: string): Promise<LotHit> {
  const input = encodeURIComponent(JSON.stringify({ q: title, sort: 'newest', limit: 50 }));
  const r = await context.request.get(`${app.url}/trpc/lots.search?input=${input}`);
  if (!r.ok()) throw new Error(`lots.search: ${r.status()} ${await r.text()}`);
  const { items } = ((await r.json()) as { result: { data: { items: LotHit[] } } }).result.data;
  const lot = items.find((l) => l.title === title);
  if (!lot) throw new Error(`no demo lot "${title}" in ${items.map((l) => l.title).join(', ')}`);
  return lot;
}

async function signedInPage(email: string, viewport: keyof typeof viewports = 'desktop') {
  const session = await newPage(browser, viewport);
  await signInAs(session.context, app, email);
  return session;
}

/** expect.poll with a patient default: transitions run Stripe calls and timers before answering. */
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

const stateOf = (page: Page) => page.getByTestId('trade-state').first().getAttribute('data-state');

/** Reloads the trade page until its state badge reads `state` (the other side acted meanwhile). */
async function openTrade(page: Page, id: string, state: string) {
  await page.goto(`${app.url}/echanges/${id}`);
  await page.getByTestId('trade-state').first().waitFor();
  await eventually(() => stateOf(page)).toBe(state);
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

/** Requests a quantity on the lot page; returns the new trade's id. */
async function requestQuantity(
  page: Page,
  lotId: string,
  quantity: string,
  message: string,
): Promise<string> {
  await page.goto(`${app.url}/lots/${lotId}`);
  await page.getByTestId('request-quantity').fill(quantity);
  await page.getByLabel('Message au vendeur').fill(message);
  await button(page, 'Envoyer la demande').click();
  await page.getByTestId('request-sent').waitFor();
  await page.getByRole('link', { name: 'Voir l’échange' }).click();
  await page.waitForURL(/\/echanges\/[0-9a-f-]{36}$/);
  await eventually(() => stateOf(page)).toBe('requested');
  return new URL(page.url()).pathname.split('/').pop() as string;
}

/** The seller accepts from the inbox of "Mes échanges". */
async function acceptFromInbox(page: Page, lotTitle: string) {
  await page.goto(`${app.url}/echanges`);
  const item = page.getByTestId('inbox-item').filter({ hasText: lotTitle }).first();
  await item.waitFor();
  await item.getByRole('button', { name: 'Accepter', exact: true }).click();
  await eventually(() => page.getByTestId('inbox-item').filter({ hasText: lotTitle }).count()).toBe(0);
}

/** Pickup, handover with a weight, receipt: the second half of every trade. */
async function pickupToCompletion(seller: Page, buyer: Page, id: string, from: 'accepted' | 'paid') {
  // The seller proposes the default slot (tomorrow 10:00–12:00); the buyer agrees.
  await openTrade(seller, id, from);
  await seller.getByTestId('propose-pickup').getByRole('button', { name: 'Proposer un créneau' }).click();
  await eventually(() => stateOf(seller)).toBe('pickup_proposed');
  await seller.getByText(/Vous avez proposé/).waitFor();

  await openTrade(buyer, id, 'pickup_proposed');
  await button(buyer, 'Accepter ce créneau').click();
  await eventually(() => stateOf(buyer)).toBe('pickup_scheduled');
  await eventually(() => buyer.getByTestId('trade-pickup').textContent()).toMatch(/^Convenu\s: /);

  // Handover with the measured weight: an empty weight is refused in French first.
  await openTrade(seller, id, 'pickup_scheduled');
  await button(seller, 'Confirmer la remise').click();
  await seller.getByText('Indiquez un poids.').waitFor();
  await seller.getByLabel('Poids mesuré à la remise (kg)').fill('12,5');
  if (from === 'accepted') {
    // The free lot travelled in a shared tour: its loop distance is asked for, next to its field.
    await seller.getByLabel('Comment le lot a voyagé').selectOption('shared_tour');
    await button(seller, 'Confirmer la remise').click();
    const distance = seller.getByRole('textbox', { name: /Distance totale de la tournée/ });
    await eventually(() => distance.getAttribute('aria-invalid')).toBe('true');
    await seller.getByText('Indiquez la distance totale de la tournée.').waitFor();
    // The card alone: a full-page screenshot resizes the viewport, which re-lays out the trade page
    // and resets the form.
    await seller
      .locator('section[aria-labelledby="next-step"]')
      .screenshot({ path: `${SCREENSHOTS}trade-handover-tour-distance-fr-desktop.png` });
    await distance.fill('18,5');
  }
  await button(seller, 'Confirmer la remise').click();
  await eventually(() => stateOf(seller)).toBe('handed_over');
  await eventually(() => seller.getByTestId('trade-handover-kg').textContent()).toMatch(/^12,5\s?kg$/u);

  // The buyer confirms receipt with the same weight: the trade completes (no completion delay).
  await openTrade(buyer, id, 'handed_over');
  await buyer.getByLabel('Poids constaté (kg, facultatif)').fill('12,5');
  await button(buyer, 'Confirmer la réception').click();
  await eventually(() => stateOf(buyer)).toMatch(/^(received|completed)$/);
  await openTrade(buyer, id, 'completed');
  await buyer.getByText('Échange terminé').first().waitFor();
  await buyer.getByText('Cet échange est clos.').waitFor();
}

const FREE_LOT = 'Chutes de contreplaqué bouleau 15 mm';
const PAID_LOT = 'Plaques de PMMA (plexiglas) couleur';

describe('trades: a free donation and a paid trade through the Stripe emulator', () => {
  let freeTradeId = '';

  it('a free trade goes from request to completion between the designer and the workshop', async () => {
    const designer = await signedInPage(demo.designer);
    const workshop = await signedInPage(demo.workshop);
    const lot = await findLot(designer.context, FREE_LOT);
    expect(lot.priceCents).toBeNull();

    // The simulation banner shows on every page while the emulator stands in for Stripe.
    await designer.page.goto(`${app.url}/lots/${lot.id}`);
    await designer.page.getByText('Mode simulation — aucun paiement réel').waitFor();
    // More than is available is refused before anything is sent.
    await designer.page.getByTestId('request-quantity').fill('4000');
    await button(designer.page, 'Envoyer la demande').click();
    await designer.page.getByText(/^Au plus 40/).waitFor();

    const id = await requestQuantity(designer.page, lot.id, '5', 'Pour des prototypes de lampes, merci !');
    freeTradeId = id;
    await eventually(() => designer.page.getByTestId('price-total').textContent()).toBe('Gratuit');
    await eventually(() => designer.page.getByTestId('trade-quantity').textContent()).toMatch(/^5\spièces$/u);
    await designer.page.getByText('Pour des prototypes de lampes, merci !').waitFor();

    // The buyer's history lists it as requested, with the seller site.
    await designer.page.goto(`${app.url}/echanges`);
    const row = designer.page.locator(`[data-testid="trade-row"][data-trade-id="${id}"]`);
    await row.waitFor();
    await eventually(() => row.getByTestId('trade-state').textContent()).toBe('Demandé');
    await eventually(() => row.getByTestId('trade-amount').textContent()).toBe('Gratuit');

    await acceptFromInbox(workshop.page, FREE_LOT);
    // A message from the seller reaches the buyer.
    await openTrade(workshop.page, id, 'accepted');
    await workshop.page.getByTestId('propose-pickup').waitFor();
    await screenshot(workshop.page, 'trade-seller-accepted-fr-desktop');
    await workshop.page.getByLabel('Votre message').fill('Passez à l’atelier, porte B.');
    await button(workshop.page, 'Envoyer').click();
    await workshop.page.getByTestId('trade-messages').getByText('Passez à l’atelier, porte B.').waitFor();

    await pickupToCompletion(workshop.page, designer.page, id, 'accepted');
    await designer.page.getByText('Passez à l’atelier, porte B.').waitFor();
    await screenshot(designer.page, 'trade-free-completed-fr-desktop');

    // Filters: "Terminés" shows it, "Clos sans suite" does not.
    await designer.page.goto(`${app.url}/echanges?statut=done`);
    await row.waitFor();
    await designer.page.goto(`${app.url}/echanges?statut=closed`);
    await designer.page.getByText('Aucun échange ne correspond à ces filtres.').waitFor();

    expect(designer.errors).toEqual([]);
    expect(workshop.errors).toEqual([]);
    await designer.context.close();
    await workshop.context.close();
  });

  it('a paid trade: onboarding through the UI, payment on the emulator page, then completion', async () => {
    const designer = await signedInPage(demo.designer);
    const workshop = await signedInPage(demo.workshop);
    const lot = await findLot(designer.context, PAID_LOT);
    expect(lot.priceCents).toBe(250);

    // The seller site's owner sets up payments: "Paiements" → emulator onboarding → back.
    await workshop.page.goto(`${app.url}/sites/${lot.siteId}`);
    const card = workshop.page.getByTestId('payments-card');
    await card.waitFor();
    await eventually(() => card.getByTestId('payments-state').getAttribute('data-state')).toBe('none');
    await card.getByText('Les dons (lots gratuits) fonctionnent sans compte de paiement.').waitFor();
    await card.getByRole('button', { name: 'Configurer les paiements' }).click();
    await workshop.page.waitForURL((u) => u.pathname === `/sites/${lot.siteId}/paiements`);
    await workshop.page.getByText('Retour de l’inscription Stripe : statut mis à jour.').waitFor();
    await eventually(() => workshop.page.getByTestId('payments-state').getAttribute('data-state')).toBe(
      'enabled',
    );

    // 4 sheets at 2,50 €: the server's breakdown shows after the request.
    await designer.page.goto(`${app.url}/lots/${lot.id}`);
    await designer.page.getByTestId('request-quantity').fill('4');
    await screenshot(designer.page, 'lot-request-panel-fr-desktop');
    await eventually(() => designer.page.getByTestId('request-estimate').textContent()).toMatch(/10,00\s€/u);
    await designer.page.getByLabel('Message au vendeur').fill('Pour des luminaires.');
    await button(designer.page, 'Envoyer la demande').click();
    const sent = designer.page.getByTestId('request-sent');
    await sent.waitFor();
    await eventually(() => sent.getByTestId('price-subtotal').textContent()).toMatch(/^10,00\s€$/u);
    const total = (await sent.getByTestId('price-total').textContent()) ?? '';
    expect(total).toMatch(/^\d+,\d{2}\s€$/u);
    await sent.getByTestId('price-fee').waitFor();
    await sent.getByRole('link', { name: 'Voir l’échange' }).click();
    await designer.page.waitForURL(/\/echanges\/[0-9a-f-]{36}$/);
    const id = new URL(designer.page.url()).pathname.split('/').pop() as string;

    await acceptFromInbox(workshop.page, PAID_LOT);
    await openTrade(workshop.page, id, 'payment_pending');
    await workshop.page.getByText('Rien à faire pour vous : en attente de l’autre partie.').waitFor();

    // The buyer pays on the emulator's hosted checkout page and comes back to the trade.
    await openTrade(designer.page, id, 'payment_pending');
    await screenshot(designer.page, 'trade-payment-pending-fr-desktop');
    await designer.page.getByRole('button', { name: /^Payer / }).click();
    await designer.page.waitForURL((u) => u.pathname.startsWith('/checkout/'));
    await designer.page.getByRole('button', { name: 'Payer / Pay' }).click();
    await designer.page.waitForURL(
      (u) => u.pathname === `/echanges/${id}` && u.search.includes('paiement=ok'),
    );
    // The webhook marks it paid: the page polls until it does.
    await eventually(() => stateOf(designer.page), 20_000).toBe('paid');
    await designer.page.getByTestId('payment-return').getByText('Paiement reçu').waitFor();
    await eventually(() => designer.page.getByTestId('price-paid').textContent()).toBe(total);

    await pickupToCompletion(workshop.page, designer.page, id, 'paid');
    await eventually(() => designer.page.getByTestId('price-total').textContent()).toBe(total);
    await eventually(() => designer.page.getByTestId('price-paid').textContent()).toBe(total);
    await screenshot(designer.page, 'trade-paid-completed-fr-desktop');

    // The seller's history shows the amount; the seller sees the payout too.
    await workshop.page.goto(`${app.url}/echanges?cote=seller`);
    const row = workshop.page.locator(`[data-testid="trade-row"][data-trade-id="${id}"]`);
    await row.waitFor();
    await eventually(() => row.getByTestId('trade-amount').textContent()).toBe(total);
    await eventually(() => row.getByTestId('trade-state').textContent()).toBe('Terminé');
    await screenshot(workshop.page, 'trades-list-seller-fr-desktop');
    await openTrade(workshop.page, id, 'completed');
    await workshop.page.getByTestId('price-payout').waitFor();

    expect(designer.errors).toEqual([]);
    expect(workshop.errors).toEqual([]);
    await designer.context.close();
    await workshop.context.close();
  });

  it('screenshots: the list, a trade page and the pickup slip on a phone and a desktop', async () => {
    expect(freeTradeId).not.toBe('');
    for (const viewport of ['phone', 'desktop'] as const) {
      const { page, context, errors } = await signedInPage(demo.designer, viewport);
      await page.goto(`${app.url}/echanges`);
      await page.getByTestId('trade-row').first().waitFor();
      await screenshot(page, `trades-list-fr-${viewport}`);
      await openTrade(page, freeTradeId, 'completed');
      await screenshot(page, `trade-page-fr-${viewport}`);
      await page.getByRole('link', { name: 'Bordereau d’enlèvement' }).click();
      await page.getByTestId('pickup-slip').waitFor();
      await page.getByTestId('slip-qr').waitFor();
      await eventually(() => page.getByTestId('slip-slot').textContent()).not.toBe('Pas encore de créneau');
      await screenshot(page, `pickup-slip-fr-${viewport}`);
      if (viewport === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        await screenshot(page, 'pickup-slip-print');
        await page.emulateMedia({ media: 'screen' });
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
