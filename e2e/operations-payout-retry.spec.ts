/**
 * A payout that fails, then an operator retries it from the console, end to end. The demo
 * workshop's site is onboarded on the Stripe emulator and the demo designer pays a priced lot
 * (through the API and the emulator's hosted page, as the trades spec does in the browser). The
 * platform then removes the seller account's `transfers` capability (`POST /v1/accounts/:id` on
 * the emulator, with the key the server was started with), so the payout made when the trade
 * completes fails as Stripe fails it (`insufficient_capabilities_for_transfer`). The admin finds
 * it under « Sommes dues », a retry while the capability is missing changes nothing, the
 * capability comes back, and the admin's « Réessayer » pays it: the emulator holds one transfer
 * to the seller for the trade, and the row leaves the list.
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

const EMULATOR_KEY = 'sk_test_e2e_payout_retry';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({
      STRIPE_EMULATOR_SECRET_KEY: EMULATOR_KEY,
      // No periodic tick during the test: only the completion and the operator run the payout.
      TRADE_TIMER_INTERVAL_SECONDS: '3600',
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const PAID_LOT = 'Plaques de PMMA (plexiglas) couleur';

/** Calls a procedure with the context's session (e2e/support/trpc.ts). */
const call = <T>(context: BrowserContext, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') =>
  method === 'GET' ? trpcQuery<T>(context, app, path, input) : trpcMutate<T>(context, app, path, input);

/** The emulator's own API, as the platform would call Stripe's. */
async function stripe<T>(base: string, path: string, form?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${base}${path}`, {
    method: form === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${EMULATOR_KEY}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    ...(form === undefined ? {} : { body: form }),
  });
  return { status: r.status, body: (await r.json()) as T };
}

async function signedIn(email: string) {
  const session = await newPage(browser, 'desktop');
  await signInAs(session.context, app, email);
  return session;
}

const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });

describe('money owed: a failed payout retried by an operator', () => {
  it('the seller account loses `transfers`, the payout fails and is listed; the capability back, « Réessayer » pays it', async () => {
    const designer = await signedIn(demo.designer);
    const workshop = await signedIn(demo.workshop);
    const { items } = await call<{ items: { id: string; title: string; siteId: string }[] }>(
      designer.context,
      'lots.search',
      { q: PAID_LOT, sort: 'newest', limit: 50 },
      'GET',
    );
    const lot = items.find((l) => l.title === PAID_LOT)!;

    // The seller site onboards on the emulator (the link's path names the connected account).
    const { url: onboarding } = await call<{ url: string }>(workshop.context, 'payments.onboard', {
      siteId: lot.siteId,
    });
    const link = new URL(onboarding);
    const accountId = link.pathname.split('/')[3] as string;
    expect(accountId).toMatch(/^acct_/);
    const emulator = link.origin;
    // Visiting the link onboards the account and sends the seller back to the app.
    const visit = await workshop.context.request.get(onboarding, { maxRedirects: 0 });
    expect([visit.status(), visit.headers().location?.startsWith(app.url)]).toEqual([302, true]);
    await eventually(
      async () =>
        (
          await call<{ state: string }>(
            workshop.context,
            'payments.accountStatus',
            { siteId: lot.siteId },
            'GET',
          )
        ).state,
    ).toBe('enabled');

    // A paid trade: requested, accepted, paid on the emulator's hosted page.
    const trade = await call<{ id: string }>(designer.context, 'trades.request', {
      lotId: lot.id,
      quantity: 4,
    });
    await call(workshop.context, 'trades.accept', { id: trade.id });
    const { url: checkout } = await call<{ url: string }>(designer.context, 'trades.checkoutUrl', {
      id: trade.id,
    });
    const paid = await designer.context.request.post(checkout, {
      form: { action: 'pay', email: demo.designer },
      maxRedirects: 0,
    });
    expect([paid.status(), paid.headers().location?.includes('paiement=ok')]).toEqual([303, true]);
    const state = async () =>
      (await call<{ state: string }>(designer.context, 'trades.get', { id: trade.id }, 'GET')).state;
    await eventually(state).toBe('paid');

    // The platform removes the seller's `transfers` capability, as Stripe does when requirements are due.
    const removed = await stripe<{ capabilities: Record<string, string> }>(
      emulator,
      `/v1/accounts/${accountId}`,
      'capabilities[transfers][requested]=false',
    );
    expect(removed.status).toBe(200);
    expect(removed.body.capabilities.transfers).toBeUndefined();

    // The trade completes; the payout attempted at completion is refused by Stripe.
    await call(workshop.context, 'trades.handOver', { id: trade.id, measuredKg: 3 });
    await call(designer.context, 'trades.confirmReceipt', { id: trade.id });
    await eventually(state).toBe('completed');
    const transfers = async () =>
      (
        await stripe<{ data: { destination: string; amount: number }[] }>(
          emulator,
          `/v1/transfers?transfer_group=${trade.id}`,
        )
      ).body.data;
    expect(await transfers()).toEqual([]);

    // The seller sees on the trade page that its payout failed and will be tried again.
    await workshop.page.goto(`${app.url}/echanges/${trade.id}`);
    const payments = workshop.page.getByTestId('trade-payments');
    await payments.getByText('Versement au vendeur').waitFor();
    await payments.getByText('Nouvel essai prévu').waitFor();
    await screenshot(workshop.page, 'trade-payout-retrying-desktop');

    // The admin finds it under « Sommes dues ».
    const admin = await signedIn(demo.admin);
    const { page, errors } = admin;
    await page.goto(`${app.url}/operations`);
    await page.getByRole('heading', { level: 1, name: 'Console d’exploitation' }).waitFor();
    await page.getByRole('tab', { name: 'Sommes dues' }).click();
    const row = page.getByTestId('money-owed').filter({ hasText: PAID_LOT });
    await row.waitFor();
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText('Versement au vendeur').waitFor();
    await row.getByText('En échec').waitFor();
    await row.getByText(/destination_not_ready/).waitFor();
    // Explained in words for the operator, above the provider's raw message.
    await row.getByText(/ne peut pas encore recevoir de virements/).waitFor();
    await screenshot(page, 'operations-money-failed-payout-desktop');

    // A retry while the capability is still missing: refused by Stripe again, nothing paid.
    await row.getByRole('button', { name: 'Réessayer' }).click();
    await page
      .getByText('Nouvelle tentative refusée par le prestataire de paiement : la somme reste due.')
      .waitFor();
    expect(await page.getByText('Nouvelle tentative lancée.').count()).toBe(0);
    await screenshot(page, 'operations-money-retry-refused-desktop');
    await row.getByText('En échec').waitFor();
    expect(await transfers()).toEqual([]);

    // The capability comes back (pending, then active), and the operator retries.
    const restored = await stripe<{ capabilities: Record<string, string> }>(
      emulator,
      `/v1/accounts/${accountId}`,
      'capabilities[transfers][requested]=true',
    );
    expect(restored.body.capabilities.transfers).toBe('active');
    await row.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByText('Nouvelle tentative lancée.').waitFor();
    await eventually(() => row.count()).toBe(0);
    const made = await transfers();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ destination: accountId });
    expect(made[0]!.amount).toBeGreaterThan(0);
    await screenshot(page, 'operations-money-after-retry-desktop');
    await workshop.page.reload();
    await workshop.page.getByTestId('trade-payments').getByText('Effectué').waitFor();
    expect(workshop.errors).toEqual([]);

    // Both retries are in the action log.
    await page.getByRole('tab', { name: 'Journal' }).click();
    await eventually(() => page.getByRole('row').filter({ hasText: 'Paiement relancé' }).count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
