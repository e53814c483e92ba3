import type { Browser } from 'playwright-core';
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

describe('sites directory', () => {
  it('opens in French, switches to English, opens a site page', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await page.goto(app.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Les chutes des uns');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect
      .poll(() => page.getByTestId('site-count').textContent())
      .toMatch(/\d+ manufactures référencées/);
    await screenshot(page, 'home-fr-desktop');

    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('h1').textContent()).toContain("One workshop's offcuts");
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('link', { name: 'Browse the workshops' }).click();
    await page.waitForURL((u) => u.pathname === '/sites');
    // A hundred manufactures: narrow the directory to Hauts-de-Seine to find Électrolab.
    await page.goto(`${app.url}/sites?departement=92`);
    await page.getByRole('link', { name: 'Électrolab' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Électrolab');
    await expect.poll(() => page.getByText('Nanterre (92050)').count()).toBe(1);
    await screenshot(page, 'site-en-desktop');

    // The choice survives a reload.
    await page.reload();
    await expect.poll(() => page.getByText('Back to the workshops').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the directory by département on a phone', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await page.goto(`${app.url}/sites?departement=93`);
    await expect.poll(() => page.getByTestId('site-list').locator('article').count()).toBe(2);
    await expect.poll(() => page.getByText('2 sites', { exact: true }).count()).toBe(1);
    await screenshot(page, 'sites-fr-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends anonymous visitors to sign in before adding a site, and comes back to the form', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await page.goto(`${app.url}/sites`);
    await page.getByRole('main').getByRole('link', { name: 'Ajouter un site' }).click();
    await page.waitForURL(/\/connexion\?retour=%2Fsites%2Fnew$/);
    await page.getByLabel('Adresse e-mail').fill(demo.workshop);
    await page.getByLabel('Mot de passe').fill('retaille-demo-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/sites\/new$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Référencer un site');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows field errors in French and creates nothing when the form is invalid', async () => {
    const { page, context } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.workshop);
    await page.goto(`${app.url}/sites/new`);
    await page.getByLabel('Code postal').fill('99999');
    await page.getByRole('button', { name: 'Référencer le site' }).click();
    await expect.poll(() => page.getByText('Le nom du site est obligatoire.').count()).toBe(1);
    await expect.poll(() => page.getByText('Choisissez au moins une filière.').count()).toBe(1);
    await screenshot(page, 'site-form-errors-fr');
    await context.close();
  });
});
