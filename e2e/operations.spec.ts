/**
 * The operator console end to end: the demo designer disputes a free donation of the demo
 * workshop (through the API, as the trades spec already drives those pages), then the demo admin
 * resolves it from « Console d'exploitation » → Litiges, and finds it in the action log.
 * Screenshots of the console on a phone and a desktop.
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

const FREE_LOT = 'Chutes de contreplaqué bouleau 15 mm';

/** Calls a procedure with the context's session (e2e/support/trpc.ts). */
const call = <T>(context: BrowserContext, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') =>
  method === 'GET' ? trpcQuery<T>(context, app, path, input) : trpcMutate<T>(context, app, path, input);

async function signedIn(email: string, viewport: 'desktop' | 'phone' = 'desktop') {
  const session = await newPage(browser, viewport);
  await signInAs(session.context, app, email);
  return session;
}

describe('operator console', () => {
  it('the admin resolves a dispute from the console; the log shows it; coordinators see verification only', async () => {
    const designer = await signedIn(demo.designer);
    const workshop = await signedIn(demo.workshop);
    const { items } = await call<{ items: { id: string; title: string }[] }>(
      designer.context,
      'lots.search',
      { q: FREE_LOT, sort: 'newest', limit: 50 },
      'GET',
    );
    const lot = items.find((l) => l.title === FREE_LOT)!;
    const trade = await call<{ id: string }>(designer.context, 'trades.request', {
      lotId: lot.id,
      quantity: 1,
    });
    await call(workshop.context, 'trades.accept', { id: trade.id });
    await call(workshop.context, 'trades.handOver', { id: trade.id, measuredKg: 2 });
    await call(designer.context, 'trades.openDispute', {
      id: trade.id,
      reason: 'Plaques fendues à la livraison',
    });

    const admin = await signedIn(demo.admin);
    const { page, errors } = admin;
    await page.goto(`${app.url}/operations`);
    await page.getByRole('heading', { level: 1, name: 'Console d’exploitation' }).waitFor();
    const card = page.getByTestId('dispute').filter({ hasText: 'Plaques fendues à la livraison' });
    await card.waitFor();
    await screenshot(page, 'operations-disputes-desktop');
    // A note is required: the server names the field.
    await card.getByRole('button', { name: 'Résoudre le litige' }).click();
    await card.getByText('Ce champ est obligatoire.').waitFor();
    await card.getByLabel('Note (gardée au journal)').fill('Don : rien à rembourser, litige clos.');
    await card.getByRole('button', { name: 'Résoudre le litige' }).click();
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    const after = await call<{ state: string }>(designer.context, 'trades.get', { id: trade.id }, 'GET');
    expect(after.state).toBe('resolved');

    await page.getByRole('tab', { name: 'Journal' }).click();
    await page.getByRole('cell', { name: 'Don : rien à rembourser, litige clos.' }).waitFor();
    await page.getByRole('tab', { name: 'Sommes dues' }).click();
    await page
      .getByText(/Aucune somme due|Versement au vendeur|Remboursement/)
      .first()
      .waitFor();
    await screenshot(page, 'operations-money-desktop');

    const phone = await signedIn(demo.admin, 'phone');
    await phone.page.goto(`${app.url}/operations/rapprochement`);
    await phone.page
      .getByText(/Tout concorde|écart/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(phone.page, 'operations-reconciliation-phone');
    await phone.page.goto(`${app.url}/operations/verification`);
    await phone.page.getByRole('tab', { name: 'Vérifications', selected: true }).waitFor();
    await screenshot(phone.page, 'operations-verification-phone');

    const coordinator = await signedIn(demo.coordinator);
    await coordinator.page.goto(`${app.url}/operations/litiges`);
    await coordinator.page.getByRole('tab', { name: 'Vérifications', selected: true }).waitFor();
    expect(await coordinator.page.getByRole('tab', { name: 'Litiges' }).count()).toBe(0);
    // The one refused resolution (no note) is the only failed request the browser logs.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
