/**
 * Notifications end to end: the designer requests a lot; the workshop, signed in in another
 * browser context, sees the bell's count, the badge on the trades icon and the e-mail in the
 * development outbox, opens the trade from the notice and accepts; the designer sees the
 * acceptance in the bell and on the trade's timeline. Screenshots of the notifications page,
 * the preferences page and the timeline.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, type RunningApp, screenshot, signInAs, startApp } from './support/app.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Wide enough (Mantine's xl) for the trades icon to sit in the header row. */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  await signInAs(context, app, email);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

const eventually = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

/** The demo lot of that title on one of the workshop's own sites (other manufactures may list the same). */
async function findLot(context: BrowserContext, title: string, own: Set<string>): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ q: title, sort: 'newest', limit: 50 }));
  const r = await context.request.get(`${app.url}/trpc/lots.search?input=${input}`);
  const { items } = (
    (await r.json()) as { result: { data: { items: { id: string; title: string; siteId: string }[] } } }
  ).result.data;
  const lot = items.find((l) => l.title === title && own.has(l.siteId));
  if (!lot) throw new Error(`no demo lot "${title}"`);
  return lot.id;
}

/** The header's counts after a reload (they are polled every minute otherwise). */
async function headerCounts(page: Page) {
  await page.goto(`${app.url}/`);
  const bell = page.getByTestId('notifications-bell');
  await bell.waitFor();
  await eventually(() => bell.getAttribute('data-unread')).not.toBeNull();
  await eventually(() => page.getByTestId('nav-trades').getAttribute('data-waiting')).not.toBeNull();
  return {
    unread: Number(await bell.getAttribute('data-unread')),
    waiting: Number(await page.getByTestId('nav-trades').getAttribute('data-waiting')),
  };
}

/**
 * The counts once the notices the demo's seeded trades queued at startup are all delivered (the
 * worker drains them in the first seconds): two equal reads in a row, so that `+1` below is ours.
 */
async function settledCounts(page: Page) {
  let last = await headerCounts(page);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1500));
    const now = await headerCounts(page);
    if (now.unread === last.unread && now.waiting === last.waiting) return now;
    last = now;
  }
  return last;
}

const LOT = 'Chutes de contreplaqué bouleau 15 mm';

describe('notifications: a request reaches the workshop, the acceptance reaches the designer', () => {
  it('bell, badge, e-mail, accept from the notice, acceptance seen by the designer', async () => {
    const designer = await signedIn(demo.designer);
    const workshop = await signedIn(demo.workshop);
    const before = await settledCounts(workshop.page);

    // The designer requests 3 pieces of a free lot of the workshop.
    const meR = await workshop.context.request.get(`${app.url}/trpc/account.me`);
    const me = ((await meR.json()) as { result: { data: { sites: { siteId: string }[] } } }).result.data;
    const lotId = await findLot(designer.context, LOT, new Set(me.sites.map((x) => x.siteId)));
    await designer.page.goto(`${app.url}/lots/${lotId}`);
    await designer.page.getByTestId('request-quantity').fill('3');
    await designer.page.getByLabel('Message au vendeur').fill('Pour une série de tabourets.');
    await designer.page.getByRole('button', { name: 'Envoyer la demande', exact: true }).click();
    await designer.page.getByTestId('request-sent').waitFor();
    await designer.page.getByRole('link', { name: 'Voir l’échange' }).click();
    await designer.page.waitForURL(/\/echanges\/[0-9a-f-]{36}$/);
    const tradeId = new URL(designer.page.url()).pathname.split('/').pop()!;

    // The workshop: one more trade waiting, one more unread notice (the job runs on pg-boss).
    await eventually(async () => (await headerCounts(workshop.page)).unread).toBe(before.unread + 1);
    expect((await headerCounts(workshop.page)).waiting).toBe(before.waiting + 1);
    await workshop.page.getByTestId('trades-waiting-badge').waitFor();
    await screenshot(workshop.page, 'notifications-header-badge-fr-desktop');

    // The e-mail, in the development outbox: what happened, what to do, the link to the trade.
    await workshop.page.goto(`${app.url}/dev/courriels?to=${encodeURIComponent(demo.workshop)}`);
    const mail = workshop.page
      .getByTestId('outbox')
      .getByRole('article', { name: /^Nouvelle demande — New request/ })
      .filter({ hasText: tradeId })
      .first();
    await mail.waitFor();
    await expect.soft(await mail.textContent()).toContain('Acceptez ou refusez la demande');
    await expect.soft(await mail.textContent()).toContain('desabonnement?jeton=');
    const unsubscribeUrl = /https?:\/\/\S+desabonnement\?jeton=[A-Za-z0-9_.-]+/.exec(
      (await mail.textContent()) ?? '',
    )![0];

    // From the bell to the notice, from the notice to the trade, and accept.
    await workshop.page.goto(`${app.url}/`);
    await workshop.page.getByTestId('notifications-bell').click();
    await workshop.page.waitForURL(/\/notifications$/);
    const notice = workshop.page.getByTestId('notification').filter({ hasText: LOT }).first();
    await notice.waitFor();
    await expect.soft(await notice.getAttribute('data-read')).toBe('false');
    await screenshot(workshop.page, 'notifications-page-fr-desktop');
    await notice.getByRole('link', { name: /Voir l’échange/ }).click();
    await workshop.page.waitForURL(new RegExp(`/echanges/${tradeId}$`));
    await workshop.page.getByRole('button', { name: 'Accepter', exact: true }).click();
    await eventually(() => workshop.page.getByTestId('trade-state').first().getAttribute('data-state')).toBe(
      'accepted',
    );
    // The timeline from trade_event: who requested, how much, then the acceptance.
    const timeline = workshop.page.getByTestId('trade-timeline');
    await eventually(() => timeline.locator('[data-transition]').count()).toBe(2);
    await expect.soft(await timeline.textContent()).toMatch(/Demande envoyée.*3\spièces/su);
    await expect.soft(await timeline.textContent()).toContain('Demande acceptée');
    await screenshot(workshop.page, 'trade-timeline-fr-desktop');
    expect((await headerCounts(workshop.page)).waiting).toBe(before.waiting);

    // The designer is told of the acceptance, in the bell and on the notifications page.
    await eventually(async () => (await headerCounts(designer.page)).unread).toBeGreaterThan(0);
    await designer.page.goto(`${app.url}/notifications`);
    await designer.page
      .getByTestId('notification')
      .filter({ hasText: new RegExp(`a accepté votre demande pour «\\s${LOT}\\s»`) })
      .first()
      .waitFor();
    await designer.page.goto(`${app.url}/echanges/${tradeId}`);
    await designer.page.getByTestId('trade-timeline').getByText('Demande acceptée').waitFor();

    // Preferences: the designer turns acceptances to immediate e-mail.
    await designer.page.goto(`${app.url}/notifications/preferences`);
    const select = designer.page.getByLabel('Ma demande est acceptée (lot gratuit)');
    await select.selectOption('immediate');
    await designer.page.getByText('Préférences enregistrées.').waitFor();
    await designer.page.reload();
    await eventually(() =>
      designer.page.getByLabel('Ma demande est acceptée (lot gratuit)').inputValue(),
    ).toBe('immediate');
    await screenshot(designer.page, 'notification-preferences-fr-desktop');

    // In English too.
    await designer.page.goto(`${app.url}/notifications`);
    await designer.page.getByTestId('language-switch').click();
    await designer.page
      .getByTestId('notification')
      .filter({ hasText: `accepted your request for “${LOT}”` })
      .first()
      .waitFor();
    await screenshot(designer.page, 'notifications-page-en-desktop');

    // The unsubscribe link of the workshop's e-mail works signed out, once confirmed.
    const anonymous = await browser.newContext({ locale: 'fr-FR' });
    const page = await anonymous.newPage();
    await page.goto(unsubscribeUrl.replace(/^https?:\/\/[^/]+/, app.url));
    await page.getByRole('button', { name: 'Confirmer le désabonnement' }).click();
    await page.getByTestId('unsubscribed').waitFor();
    await expect
      .soft(await page.getByTestId('unsubscribed').textContent())
      .toMatch(/\(une demande sur un de mes lots\)/);
    await screenshot(page, 'notifications-unsubscribed-fr');
    await anonymous.close();
    await workshop.page.goto(`${app.url}/notifications/preferences`);
    await eventually(() => workshop.page.getByLabel('Une demande sur un de mes lots').inputValue()).toBe(
      'in_app',
    );

    expect(designer.errors).toEqual([]);
    expect(workshop.errors).toEqual([]);
    await designer.context.close();
    await workshop.context.close();
  });
});
