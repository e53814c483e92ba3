/**
 * Impact end to end: a coordinator opens the dashboard over the demo network's 12 months of
 * completed trades, reads non-zero figures, filters by a sector and a département (values present
 * in the demo data: Multi-filières, Seine-Saint-Denis), downloads the CSV of the lines (factor
 * version and `# source:` lines in the file) and opens the A4 report; a workshop member opens
 * her site's own dashboard. The map may not render in headless Chromium (no WebGL 2): then its
 * "carte indisponible" notice shows and the flows table stays.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
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

/** "1 234" (narrow no-break spaces) → 1234. */
const parseFr = (text: string) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));

async function kpi(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(id).locator('div').first().textContent()) ?? '';
}

async function pick(page: Page, filter: string, option: string) {
  await page.getByTestId(`filter-${filter}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Console errors other than the map's own (headless Chromium without WebGL). */
const realErrors = (errors: string[]) => errors.filter((e) => !/webgl|maplibre/i.test(e));

describe('impact: coordinators dashboard, exports and report', () => {
  it('a coordinator reads the figures, filters by sector and département, downloads the CSV', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/impact`);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord d’impact' }).waitFor();
    await page.getByTestId('kpi-trades').waitFor();

    const allTrades = parseFr(await kpi(page, 'kpi-trades'));
    expect(allTrades).toBeGreaterThan(0);
    expect(await kpi(page, 'kpi-mass')).toMatch(/^[\d\s\u202f\u00a0]+(,\d)?\u202f(kg|t)$/);
    expect(parseFr(await kpi(page, 'kpi-mass'))).toBeGreaterThan(0);
    expect(await kpi(page, 'kpi-net')).toMatch(/CO2e$/);
    expect(await kpi(page, 'kpi-30')).toMatch(/%$/);
    // Twelve months in the trend's table, each chart with its table.
    const monthRows = page.getByTestId('breakdown-month').locator('table tbody tr');
    expect(await monthRows.count()).toBe(12);
    expect(await page.locator('table caption', { hasText: 'Par filière' }).count()).toBe(1);
    expect(await page.getByTestId('factor-version').first().textContent()).toContain('Version des facteurs');
    await page
      .locator('[data-testid="impact-map"] canvas, [data-testid="map-unavailable"]')
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('flows-table').locator('tbody tr').count()).toBeGreaterThan(0);

    // Filters: a sector, then a département; both land in the URL and narrow the figures.
    await pick(page, 'sector', 'Multi-filières');
    await page.waitForURL(/sector=multi_filieres/);
    await pick(page, 'departement', 'Seine-Saint-Denis (93)');
    await page.waitForURL(/departement=93/);
    await expect
      .poll(async () => parseFr(await kpi(page, 'kpi-trades')), { timeout: 10_000 })
      .toBeLessThan(allTrades);
    const depRows = page.getByTestId('breakdown-departement').locator('table tbody tr');
    await expect.poll(() => depRows.count(), { timeout: 10_000 }).toBe(1);
    expect(await depRows.first().textContent()).toContain('Seine-Saint-Denis (93)');
    expect(page.url()).toMatch(/sector=multi_filieres/);
    expect(page.url()).toMatch(/departement=93/);
    const filtered = parseFr(await kpi(page, 'kpi-trades'));
    expect(filtered).toBeGreaterThan(0);
    const sectorRows = page.getByTestId('breakdown-sector').locator('table tbody tr');
    expect(await sectorRows.count()).toBe(1);
    await screenshot(page, 'impact-dashboard-desktop');

    // The CSV of the lines, with the current filters, the factor version and its sources.
    const csvLink = page.getByTestId('export-csv-lines');
    expect(await csvLink.getAttribute('href')).toMatch(
      /sector=multi_filieres.*departement=93|departement=93.*sector=/,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    // French Excel: BOM, semicolons, labels (not keys), the provenance in its own file.
    expect(csv.startsWith('\uFEFFÉchange;')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain(';Version des facteurs;');
    expect(csv).toContain(';Multi-filières;');
    expect(csv).not.toContain('multi_filieres');
    const sourcesHref = await page.getByTestId('export-csv-sources').getAttribute('href');
    const sources = await (await context.request.get(`${app.url}${sourcesHref}`)).text();
    expect(sources).toMatch(/^Versions des facteurs;\S+/m);
    expect(sources).toMatch(/^Source;/m);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // The Excel workbook of the aggregates (a sheet per breakdown): a zip archive named .xlsx.
    const [book] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx-aggregates').click(),
    ]);
    expect(book.suggestedFilename()).toMatch(/^retaille-impact-aggregates-.*\.xlsx$/);
    expect((await readFile(await book.path())).subarray(0, 2).toString('latin1')).toBe('PK');

    // The printable report of the same view.
    await page.getByRole('link', { name: 'Rapport imprimable (A4)' }).click();
    await page.getByTestId('impact-report').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rapport d’impact du réemploi' }).waitFor();
    expect(page.url()).toMatch(/departement=93/);
    expect(await page.getByTestId('impact-report').textContent()).toContain('Seine-Saint-Denis (93)');
    await page
      .getByText(/Version des facteurs/)
      .first()
      .waitFor();
    await screenshot(page, 'impact-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').first().isVisible()).toBe(false);
    await screenshot(page, 'impact-report-print');
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('every figure cites the method version and links to the written method', async () => {
    const { page, context, errors } = await newPage(browser, 'desktop');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/impact`);
    await page.getByTestId('kpi-trades').waitFor();
    // The net with its range, the method version the figures were computed with, and the link.
    expect(await page.getByTestId('kpi-net').textContent()).toMatch(/fourchette .+ à .+CO2e/);
    const citation = page.getByTestId('method-citation');
    expect(await citation.textContent()).toContain('impact-method-1.0');
    await page.getByTestId('impact-method').waitFor();
    await screenshot(page, 'impact-dashboard-method');
    const sourcesHref = await page.getByTestId('export-csv-sources').getAttribute('href');
    const sources = await (await context.request.get(`${app.url}${sourcesHref}`)).text();
    expect(sources).toMatch(/^Version de la méthode;impact-method-1\.0/m);
    expect(sources).toMatch(/^Document de méthode;docs\/impact-method\.md — http\S+\/impact\/methode/m);
    await citation.getByRole('link', { name: /Lire la méthode/ }).click();
    await page.waitForURL(/\/impact\/methode$/);
    await page
      .getByRole('heading', { level: 1, name: /Impact method — version impact-method-1\.0/ })
      .waitFor();
    expect(await page.getByRole('table').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'impact-method-page');
    await page.goto(`${app.url}/impact/rapport`);
    await page.getByTestId('impact-report').waitFor();
    expect(await page.getByTestId('method-citation').textContent()).toMatch(
      /impact-method-1\.0.*\/impact\/methode/,
    );
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('the dashboard on a phone, and a workshop member sees her own site', async () => {
    const { page, context, errors } = await newPage(browser, 'phone');
    await signInAs(context, app, demo.coordinator);
    await page.goto(`${app.url}/impact`);
    await page.getByTestId('kpi-trades').waitFor();
    expect(parseFr(await kpi(page, 'kpi-trades'))).toBeGreaterThan(0);
    await page
      .locator('[data-testid="impact-map"] canvas, [data-testid="map-unavailable"]')
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'impact-dashboard-phone');
    await page.screenshot({ path: `${SCREENSHOTS}impact-dashboard-phone-top.png` });
    await page.getByTestId('breakdown-sector').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}impact-dashboard-phone-charts.png` });
    await context.close();

    const member = await newPage(browser, 'desktop');
    await signInAs(member.context, app, demo.workshop);
    const me = await member.context.request.get(`${app.url}/trpc/account.me`);
    const sites = ((await me.json()) as { result: { data: { sites: { siteId: string }[] } } }).result.data
      .sites;
    expect(sites.length).toBeGreaterThan(0);
    await member.page.goto(`${app.url}/sites/${sites[0]!.siteId}/impact`);
    await member.page.getByTestId('kpi-trades').waitFor();
    await member.page.getByRole('heading', { level: 1, name: /^Impact de / }).waitFor();
    expect(await member.page.getByTestId('breakdown-departement').count()).toBe(0);
    await screenshot(member.page, 'impact-site-desktop');
    expect(realErrors([...errors, ...member.errors])).toEqual([]);
    await member.context.close();
  });
});

/**
 * The circuits map: a coordinator goes from the dashboard to the map over the demo network's
 * completed trades, reads the kg, the short-circuit share and the km avoided (above zero: the
 * demo's recorded pooled tour), the flows table,
 * downloads the CSV (BOM, semicolons) and narrows the period (over three years: said under the
 * field, not asked). Phone and desktop screenshots.
 */
describe('impact: the circuits map', () => {
  for (const device of ['desktop', 'phone'] as const) {
    it(`a coordinator reads the circuits of the year on ${device}, downloads them, narrows the period`, async () => {
      const { page, context, errors } = await newPage(browser, device);
      await signInAs(context, app, demo.coordinator);
      await page.goto(`${app.url}/impact`);
      await page.getByTestId('circuits-link').click();
      await page.getByRole('heading', { level: 1, name: 'Carte des circuits' }).waitFor();
      await page.getByTestId('circuits-kg').waitFor();
      expect(parseFr(await kpi(page, 'circuits-kg'))).toBeGreaterThan(0);
      expect(await kpi(page, 'circuits-short')).toMatch(/^\d+\s?%$/);
      expect(await kpi(page, 'circuits-km-avoided')).toMatch(/km$/);
      // The demo's recorded pooled tour: its shared trip avoided the separate round trips.
      expect(parseFr(await kpi(page, 'circuits-km-avoided'))).toBeGreaterThan(0);
      const rows = page.getByTestId('circuits-table').locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().textContent()).toContain('→');
      await page
        .locator('[data-testid="circuits-map"] canvas, [data-testid="map-unavailable"]')
        .first()
        .waitFor({ timeout: 20_000 });
      // The départements outline arrives after the canvas: settle before the pictures.
      await page.waitForLoadState('networkidle');
      await screenshot(page, `circuits-${device}`);
      await page.getByTestId('circuits-map').screenshot({ path: `${SCREENSHOTS}circuits-${device}-map.png` });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('circuits-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^retaille-circuits-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const csv = await readFile(await download.path(), 'utf8');
      expect(csv.startsWith('\uFEFFOrigine;Destination;Échanges;kg;')).toBe(true);
      expect(csv.trim().split('\r\n').length - 1).toBe(await rows.count());

      await page.getByTestId('circuits-from').fill('2001-01-01');
      // More than three years: said under the field, not asked of the server.
      await page.getByText('La carte couvre au plus 3 ans.').waitFor();
      await page.getByTestId('circuits-to').fill('2001-12-31');
      await page.getByText('Aucun échange terminé sur cette période.').waitFor();
      expect(realErrors(errors)).toEqual([]);
      await context.close();
    });
  }
});
