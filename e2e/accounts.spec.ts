import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demo,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  signInAs,
  startApp,
  viewports,
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

const text = (page: Page, t: string | RegExp) => page.getByText(t).first();
const visible = async (page: Page, t: string | RegExp) => {
  await text(page, t).waitFor({ state: 'visible' });
};

/** Picks an option of a Mantine Select / MultiSelect by its label. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('accounts, sites and verification', () => {
  const email = `jeanne.${Date.now()}@exemple.fr`;
  const password = 'Copeaux-de-chene-42';
  const siteName = `Atelier du Copeau ${Date.now() % 10_000}`;
  let siteUrl = '';

  it('signs up on a phone, confirms the e-mail from the outbox, creates a site that waits for verification', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await page.goto(app.url);

    // The phone menu offers sign-in and sign-up.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await visible(page, 'Le mot de passe doit :');

    // The shared zod schema answers in French before anything is sent.
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await visible(page, 'Adresse e-mail invalide.');
    await visible(page, 'Le mot de passe doit comporter au moins 10 caractères.');
    await screenshot(page, 'sign-up-errors-fr-phone');

    await page.getByLabel('Votre nom').fill('Jeanne Menuisière');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await screenshot(page, 'sign-up-filled-fr-phone');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await visible(page, 'Vérifiez votre boîte de réception');

    // Signing in before the confirmation is refused with a clear message.
    await page.goto(`${app.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await visible(page, 'Adresse e-mail pas encore confirmée');
    await screenshot(page, 'sign-in-unverified-fr-phone');

    // The development outbox holds the confirmation link.
    await page.getByRole('link', { name: /boîte d’envoi de développement/ }).click();
    await page.waitForURL(/\/dev\/courriels/);
    await visible(page, 'Confirmez votre adresse e-mail — Confirm your e-mail address');
    await screenshot(page, 'outbox-fr-phone');
    await page.locator('a[href*="/api/auth/verify-email"]').first().click();

    await page.waitForURL(/\/verification-ok/);
    await visible(page, 'Adresse confirmée');
    await visible(page, 'Vous êtes connecté·e en tant que Jeanne Menuisière.');
    await screenshot(page, 'verified-fr-phone');

    // Now signed in: create a site.
    await page.getByRole('link', { name: 'Référencer mon atelier' }).click();
    await page.getByLabel('Nom du site').fill(siteName);
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('12 rue des Forges');
    await page.getByLabel('Code postal').fill('88000');
    await visible(page, /Épinal \(Vosges/);
    await pick(page, 'Filières', 'Bois');
    await page.keyboard.press('Escape');
    await pick(page, 'Type de territoire', 'Petite ou moyenne ville');
    await page.getByRole('button', { name: 'Référencer le site' }).click();

    await page.waitForURL(/\/sites\/[0-9a-f-]{36}$/);
    siteUrl = page.url();
    await expect.poll(() => page.locator('h1').textContent()).toBe(siteName);
    await visible(page, 'en attente de vérification par la coordination');
    await expect
      .poll(() => page.getByTestId('verification-badge').textContent())
      .toBe('En attente de vérification');
    await screenshot(page, 'site-pending-fr-phone');

    // The phone menu shows the account entries.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Mes sites' }).waitFor();
    await page.waitForTimeout(400); // the drawer slides in
    await screenshot(page, 'menu-signed-in-fr-phone');
    await page.getByRole('link', { name: 'Mes sites' }).click();
    await page.getByRole('heading', { name: siteName }).waitFor();
    await expect.poll(() => page.getByTestId('my-sites').getByText('Propriétaire').count()).toBe(1);
    // The only failed request is the refused sign-in before the confirmation.
    expect(errors.filter((e) => !e.includes('status of 403'))).toEqual([]);
    await context.close();
  });

  it('lets a network coordinator verify the new site from the queue on desktop', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await page.goto(`${app.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(demo.coordinator);
    await page.getByLabel('Mot de passe').fill('retaille-demo-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('user-menu').waitFor();
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('Coordination (démo)');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sites à vérifier' }).waitFor();
    await page.waitForTimeout(400); // the menu fades in
    await screenshot(page, 'user-menu-fr-desktop');
    await page.getByRole('menuitem', { name: 'Sites à vérifier' }).click();
    await page.waitForURL(/\/coordination\/verification/);
    const queue = page.getByTestId('verification-queue');
    await queue.getByRole('article', { name: siteName }).waitFor();
    await visible(page, 'Votre territoire : tout le réseau.');
    await screenshot(page, 'verification-queue-fr-desktop');

    await page.getByRole('button', { name: `Vérifier « ${siteName} »` }).click();
    await visible(page, `« ${siteName} » est vérifié.`);
    await expect.poll(() => queue.getByRole('article', { name: siteName }).count()).toBe(0);
    // The demo site that waits for verification is still there.
    await expect.poll(() => queue.getByRole('article').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the new user their site as verified', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await page.goto(`${app.url}/connexion?retour=${encodeURIComponent(new URL(siteUrl).pathname)}`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(siteUrl);
    await expect.poll(() => page.getByTestId('verification-badge').textContent()).toBe('Vérifié');
    expect(await page.getByTestId('pending-banner').count()).toBe(0);

    // The site now appears in the public directory, even for anonymous visitors.
    const anonymous = await newPage(browser, 'desktop');
    await anonymous.page.goto(`${app.url}/sites?q=${encodeURIComponent(siteName)}`);
    await anonymous.page.getByRole('link', { name: siteName }).waitFor();
    await anonymous.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the French error next to the form for a wrong password', async () => {
    const { page, context } = await newPage(browser, 'desktop');
    await page.goto(`${app.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(demo.workshop);
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.locator('form').getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(page.url()).toContain('/connexion');
    await screenshot(page, 'sign-in-error-fr-desktop');

    // The same message in English once the language is switched.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => alert.textContent()).toBe('Wrong e-mail address or password.');
    await page.getByTestId('language-switch').click();
    await context.close();
  });

  it('resets a forgotten password by a one-time link from the outbox', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await page.goto(`${app.url}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await visible(page, 'Lien envoyé');
    await page.getByRole('link', { name: /boîte d’envoi de développement/ }).click();
    await visible(page, 'Réinitialisation du mot de passe — Password reset');
    const resetLink = await page.locator('a[href*="/api/auth/reset-password/"]').first().getAttribute('href');
    await page.goto(resetLink!);
    await page.waitForURL(/\/reinitialiser\?token=/);
    const landing = page.url();
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill('Sciure-de-hetre-77');
    await page.getByRole('textbox', { name: 'Confirmez le mot de passe' }).fill('Sciure-de-hetre-78');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await visible(page, 'Les deux mots de passe ne sont pas identiques.');
    await page.getByRole('textbox', { name: 'Confirmez le mot de passe' }).fill('Sciure-de-hetre-77');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await visible(page, 'Mot de passe modifié');

    // The link works once: opening it again says so clearly.
    await page.goto(resetLink!);
    await visible(page, 'Lien expiré ou déjà utilisé');
    // And a token that was already used is refused when submitted.
    await page.goto(landing);
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill('Encore-un-autre-99');
    await page.getByRole('textbox', { name: 'Confirmez le mot de passe' }).fill('Encore-un-autre-99');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await visible(page, 'Lien expiré ou déjà utilisé');

    await page.goto(`${app.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Sciure-de-hetre-77');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.url}/`);
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});

describe('account pages on phone and desktop', () => {
  for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
    it(`renders sign-up, sign-in, account, members and the queue on ${viewport}`, async () => {
      const anon = await newPage(browser, viewport);
      await anon.page.goto(`${app.url}/inscription`);
      await visible(anon.page, 'Le mot de passe doit :');
      await screenshot(anon.page, `sign-up-fr-${viewport}`);
      await anon.page.goto(`${app.url}/connexion`);
      await visible(anon.page, 'Mot de passe oublié ?');
      await screenshot(anon.page, `sign-in-fr-${viewport}`);
      expect(anon.errors).toEqual([]);
      await anon.context.close();

      const { page, context, errors } = await newPage(browser, viewport);
      await signInAs(context, app, demo.workshop);
      await page.goto(`${app.url}/compte`);
      await page.getByLabel('Nom affiché').waitFor();
      await screenshot(page, `account-fr-${viewport}`);

      await page.goto(`${app.url}/mes-sites`);
      await page.getByTestId('my-sites').waitFor();
      await screenshot(page, `my-sites-fr-${viewport}`);
      const pending = page.getByRole('article', { name: /en attente/ });
      await pending.getByRole('link', { name: 'Membres' }).click();
      await page.getByTestId('member-row').first().waitFor();
      await page.getByLabel('Adresse e-mail').fill(`collegue.${viewport}@exemple.fr`);
      await page.getByRole('button', { name: 'Inviter', exact: true }).click();
      await page.getByTestId('invitation-link').waitFor();
      await page.getByTestId('invitation-row').first().waitFor();
      await screenshot(page, `members-fr-${viewport}`);
      expect(errors).toEqual([]);
      await context.close();

      const coordinator = await newPage(browser, viewport);
      await signInAs(coordinator.context, app, demo.coordinator);
      await coordinator.page.goto(`${app.url}/coordination/verification`);
      await coordinator.page.getByTestId('verification-queue').waitFor();
      await screenshot(coordinator.page, `verification-queue-fr-${viewport}`);
      expect(coordinator.errors).toEqual([]);
      await coordinator.context.close();
    });
  }

  it('updates the profile: designer and home commune', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.designer);
    await page.goto(`${app.url}/compte`);
    const commune = page.getByRole('combobox', { name: 'Commune de référence' });
    await commune.fill('');
    await commune.fill('Lyon');
    await page
      .getByRole('option', { name: /^Lyon \(/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await visible(page, 'Profil enregistré.');
    await page.reload();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Commune de référence' }).inputValue())
      .toMatch(/^Lyon/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('accepts an invitation only with the invited address', async () => {
    const owner = await newPage(browser, 'desktop');
    await signInAs(owner.context, app, demo.workshop);
    await owner.page.goto(`${app.url}/mes-sites`);
    await owner.page.getByRole('article').first().getByRole('link', { name: 'Membres' }).click();
    await owner.page.getByLabel('Adresse e-mail').fill(demo.designer);
    await owner.page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await owner.page.getByTestId('invitation-link').waitFor();
    const link = await owner.page.getByRole('textbox', { name: 'Lien d’invitation' }).inputValue();
    await owner.context.close();

    // Another signed-in account is told the invitation is not for them.
    const other = await newPage(browser, 'phone');
    await signInAs(other.context, app, demo.coordinator);
    await other.page.goto(link);
    await visible(other.page, 'Cette invitation est destinée à une autre adresse');
    await screenshot(other.page, 'invitation-other-email-fr-phone');
    await other.context.close();

    // The invited designer accepts it and lands on the site.
    const invited = await newPage(browser, 'phone');
    await signInAs(invited.context, app, demo.designer);
    await invited.page.goto(link);
    await invited.page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await invited.page.waitForURL(/\/sites\/[0-9a-f-]{36}$/);
    await invited.page.goto(link);
    await visible(invited.page, 'Cette invitation a déjà été utilisée.');
    expect(invited.errors).toEqual([]);
    await invited.context.close();
  });
});
