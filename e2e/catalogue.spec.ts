/**
 * The catalogue end to end: a workshop posts a lot with a photo from a phone, and a designer
 * finds it by distance from another account; wanted requests are posted, closed and listed nearby.
 * The map needs WebGL 2: Chromium draws it here with its software renderer, but nothing below
 * depends on it — the map view only has to show either the map or its "carte indisponible" notice.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  demo,
  launchBrowser,
  newPage,
  type RunningApp,
  SCREENSHOTS,
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

/** A 48 × 36 PNG (wood-coloured stripes), enough for sharp to decode and resize. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAkCAIAAABAJy5dAAAAYElEQVR42u3UwQkAIAwEwSvJKqwilViDxViiCCFgBZ6wkFde+0hGM1rNGr3m1V5WNTOarGoyyKfmBFnVXEEm1y2rmgyy+nzhEA7hEA7hEA7hEA7hEA7hEA7hEA7h0NcObcAEi3k6dFPZAAAAAElFTkSuQmCC',
  'base64',
);

const stamp = Date.now() % 100_000;
const title = `Chutes de chêne pour tabourets ${stamp}`;
let lotPath = '';

const visible = (page: Page, text: string | RegExp) =>
  page.getByText(text).first().waitFor({ state: 'visible' });

/** Picks an option of a Mantine Select by typing, then clicking the option whose name starts with `option`. */
async function pick(page: Page, label: string, typed: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Chooses the option of a native select whose text matches. */
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

const selectedText = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');

describe('catalogue: post a lot on a phone, find it by distance from another account', () => {
  it('a workshop signs in on a phone and posts a lot with a photo (with French field errors first)', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await page.goto(`${app.url}/connexion?retour=${encodeURIComponent('/lots/nouveau')}`);
    await page.getByLabel('Adresse e-mail').fill(demo.workshop);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/lots\/nouveau$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Publier un lot');

    // This lot is sold by Électrolab: a priced lot needs its site's payments enabled first
    // (issue 12), done here through the onboarding link (the emulator completes it and comes back).
    const me = (await (await context.request.get(`${app.url}/trpc/account.me`)).json()) as {
      result: { data: { sites: { siteId: string; name: string }[] } };
    };
    const electrolab = me.result.data.sites.find((x) => x.name === 'Électrolab');
    const link = await context.request.post(`${app.url}/trpc/payments.onboard`, {
      data: { siteId: electrolab?.siteId },
      headers: { origin: app.url, 'content-type': 'application/json', 'x-retaille-csrf': '1' },
    });
    await page.goto(((await link.json()) as { result: { data: { url: string } } }).result.data.url);
    await page.waitForURL((u) => u.pathname.endsWith('/paiements'), { timeout: 20_000 });
    await page.goto(`${app.url}/lots/nouveau`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Publier un lot');

    // Photo first: uploaded as soon as it is picked.
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'chene.png', mimeType: 'image/png', buffer: PHOTO });
    await page.locator('[data-testid="photo-tile"][data-status="done"]').waitFor();
    await visible(page, 'Vignette');

    // Material by search; the unit follows the family (solid wood → pieces), the title is suggested.
    await pick(page, 'Matière', 'chene', /^Chêne/);
    await expect.poll(() => page.getByLabel('Titre').inputValue()).toBe('Chêne (chute)');
    await page.getByLabel('Titre').fill(title);

    // A pickup site waiting for verification can only keep drafts.
    await choose(page, 'site-select', /^Atelier partagé des Tanneurs/);
    await visible(page, 'Site pas encore vérifié');
    expect(await page.getByRole('button', { name: 'Publier', exact: true }).isDisabled()).toBe(true);
    await choose(page, 'site-select', /^Électrolab$/);
    await expect.poll(() => page.getByTestId('unverified-notice').count()).toBe(0);

    // Quantity 0 is refused in French, next to the field, before anything is sent; lengths and
    // widths are typed in cm (as search shows them), thickness in mm, and a limit is said in cm.
    await page.getByTestId('quantity-input').fill('0');
    await page.getByLabel('Longueur (cm)').fill('2500');
    await page.getByLabel('Largeur (cm)').fill('12');
    await page.getByLabel('Épaisseur (mm)').fill('27');
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await visible(page, 'Corrigez les champs signalés.');
    await visible(page, 'La valeur doit être supérieure à zéro.');
    await visible(page, /^Valeur trop grande \(2\s000\scm au plus\)\.$/u);
    // The first field in error gets the focus (and is scrolled into view, clear of the sticky bar).
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('quantity-input');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SCREENSHOTS}lot-form-errors-fr-phone.png` });

    // Valid values: the mass estimate follows live (12 × 0,8 m × 0,12 m × 27 mm × 700 kg/m³ ≈ 22 kg).
    await page.getByLabel('Longueur (cm)').fill('80');
    await page.getByTestId('quantity-input').fill('12');
    await expect.poll(() => page.getByTestId('mass-estimate').textContent()).toMatch(/^≈ 22\s?kg, estimé$/u);
    await page.getByTestId('price-mode').getByText('À vendre').click();
    await page.getByTestId('price-input').fill('4,5');
    await visible(page, /Affiché\s: 4,50\s€ \/ pièce/u);
    await screenshot(page, 'lot-form-fr-phone');

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}(\?.*)?$/);
    lotPath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    await expect.poll(() => page.getByTestId('lot-price').textContent()).toMatch(/^4,50\s€ \/ pièce$/u);
    await expect.poll(() => page.getByTestId('lot-available').textContent()).toMatch(/^12\spièces$/u);
    // Stored in mm, shown in cm: 80 cm × 12 cm, 27 mm thick.
    await visible(page, /^80\s×\s12\scm\s·\sép\.\s27\smm$/u);
    await expect.poll(() => page.getByTestId('lot-photo').count()).toBe(1);
    // Published: no status badge, and the owner's actions.
    expect(await page.getByTestId('lot-status').count()).toBe(0);
    await visible(page, 'Retirer');
    await screenshot(page, 'lot-page-owner-fr-phone');

    // Editing reuses the form, filled in, photo included.
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Modifier le lot');
    await expect.poll(() => page.getByLabel('Titre').inputValue()).toBe(title);
    await page.locator('[data-testid="photo-tile"][data-status="done"]').waitFor();
    // The stored mm come back in cm.
    await expect.poll(() => page.getByLabel('Longueur (cm)').inputValue()).toBe('80');
    await expect.poll(() => page.getByLabel('Largeur (cm)').inputValue()).toBe('12');
    await page.getByLabel('Description').fill('Rabotées sur une face, sans nœuds.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL((u) => u.pathname === lotPath);
    await visible(page, 'Rabotées sur une face, sans nœuds.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a designer finds it around home within a radius, sees the distance, and opens it', async () => {
    expect(lotPath).not.toBe('');
    const { page, context, errors } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.designer);
    // Around home by default (the designer has no site), solid oak, within 30 km.
    await page.goto(`${app.url}/lots?matiere=oak&rayon=30`);
    await expect
      .poll(() => page.getByTestId('point-summary').textContent())
      .toMatch(/^Chez moi \(Paris\) · 30\skm$/u);
    // On a phone the place, radius and filters live in a drawer.
    await page.getByTestId('open-filters').click();
    await expect.poll(() => selectedText(page, 'point-mode')).toBe('Chez moi (Paris)');
    await expect.poll(() => page.getByTestId('radius-value').textContent()).toMatch(/^30\skm$/u);
    await page.waitForTimeout(500); // the drawer's slide-in
    await page.screenshot({ path: `${SCREENSHOTS}lots-filters-fr-phone.png` });
    await page.getByTestId('close-filters').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const card = page.getByTestId('lot-card').filter({ hasText: title });
    await card.waitFor();
    const distance = await card.getByTestId('lot-distance').textContent();
    expect(distance).toMatch(/^à \d+(,\d)?\skm$/u);
    expect(await card.getByTestId('lot-price').textContent()).toMatch(/^4,50\s€ \/ pièce$/u);
    await screenshot(page, 'lots-browse-fr-phone');

    // The map view: drawn, or a clear notice when this browser has no WebGL 2; never an error.
    await page.getByTestId('view-toggle').getByText('Carte').click();
    await page.getByTestId('lots-map').waitFor();
    await page.locator('[data-testid="map-unavailable"], section[data-ready]').first().waitFor();
    await screenshot(page, 'lots-map-fr-phone');
    await page.getByTestId('view-toggle').getByText('Liste').click();

    await card.getByRole('link', { name: title }).click();
    await page.waitForURL((u) => u.pathname === lotPath);
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    await expect.poll(() => page.getByTestId('lot-distance').textContent()).toBe(distance);
    await visible(page, 'de chez vous');
    await visible(page, 'Électrolab');
    await screenshot(page, 'lot-page-fr-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('desktop: the browse page around a commune with the map beside the list, the lot page, the form', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    await page.goto(
      `${app.url}/lots?autour=commune&insee=75056&lieu=${encodeURIComponent('Paris (75001)')}&rayon=100`,
    );
    await page.getByTestId('lot-card').first().waitFor();
    await page.getByTestId('lots-map').waitFor();
    // Nearest first.
    const km = await page
      .getByTestId('lot-distance')
      .allTextContents()
      .then((all) => all.map((s) => Number(s.replace(/[^\d,]/g, '').replace(',', '.'))));
    expect(km.length).toBeGreaterThan(1);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    await screenshot(page, 'lots-browse-fr-desktop');
    await page.goto(`${app.url}${lotPath}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    await screenshot(page, 'lot-page-fr-desktop');
    await page.goto(`${app.url}/demandes`);
    await page.getByTestId('request-card').first().waitFor();
    await screenshot(page, 'requests-fr-desktop');
    expect(errors).toEqual([]);
    await context.close();

    const workshop = await newPage(browser, 'desktop');
    await signInAs(workshop.context, app, demo.workshop);
    await workshop.page.goto(`${app.url}/lots/nouveau`);
    await expect.poll(() => workshop.page.locator('h1').textContent()).toBe('Publier un lot');
    await screenshot(workshop.page, 'lot-form-fr-desktop');

    // The owner withdraws the lot: it leaves the search, and can be published again.
    await workshop.page.goto(`${app.url}${lotPath}`);
    await workshop.page.getByRole('button', { name: 'Retirer' }).click();
    await workshop.page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => workshop.page.getByTestId('lot-status').textContent()).toBe('Retiré');
    await workshop.page.getByRole('button', { name: 'Publier' }).waitFor();
    await screenshot(workshop.page, 'lot-page-withdrawn-fr-desktop');

    // The same page in English.
    await workshop.page.getByTestId('language-switch').click();
    await expect.poll(() => workshop.page.getByTestId('lot-status').textContent()).toBe('Withdrawn');
    await expect.poll(() => workshop.page.getByTestId('lot-price').textContent()).toBe('€4.50 / piece');
    await visible(workshop.page, 'Back to materials');
    await workshop.page.getByTestId('language-switch').click();
    expect(workshop.errors).toEqual([]);
    await workshop.context.close();
  });

  it('wanted requests: a designer posts one on a phone and closes it; a workshop sees open ones nearby', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.designer);
    await page.goto(`${app.url}/demandes/nouvelle`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nouvelle demande');
    await page.getByRole('button', { name: 'Publier la demande' }).click();
    await visible(page, 'Choisissez au moins une matière.');
    await visible(page, 'Donnez un titre (3 caractères au moins).');

    const wanted = `Feutre de laine pour coussins ${stamp}`;
    await page.getByLabel('Titre').fill(wanted);
    await pick(page, 'Matières acceptées', 'laine', /^Laine/);
    await page.keyboard.press('Escape');
    await page.getByLabel('Au moins').fill('2');
    await page.getByLabel('Au plus').fill('1');
    await page.getByRole('button', { name: 'Publier la demande' }).click();
    await visible(page, 'La quantité maximale doit être au moins égale à la minimale.');
    await page.getByLabel('Au plus').fill('8');
    await screenshot(page, 'request-form-fr-phone');
    await page.getByRole('button', { name: 'Publier la demande' }).click();
    await page.waitForURL(/\/demandes$/);
    const card = page.getByTestId('request-card').filter({ hasText: wanted });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/2 à 8\skg/u);
    await screenshot(page, 'requests-mine-fr-phone');
    await card.getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await visible(page, 'Demandes terminées');
    await expect.poll(() => card.getByText('Fermée').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();

    const workshop = await newPage(browser, 'phone');
    await signInAs(workshop.context, app, demo.workshop);
    await workshop.page.goto(`${app.url}/demandes?onglet=pres`);
    const open = workshop.page.getByTestId('nearby-requests').getByTestId('request-card');
    await open.first().waitFor();
    expect(await open.filter({ hasText: wanted }).count()).toBe(0);
    expect(await open.first().textContent()).toMatch(/à \d+(,\d)?\skm/u);
    await screenshot(workshop.page, 'requests-nearby-fr-phone');
    expect(workshop.errors).toEqual([]);
    await workshop.context.close();
  });
});
