/**
 * Circuits map end to end: a coordinator goes from the impact dashboard to the circuits map over
 * the demo network's completed trades, reads the kg, the short-circuit share and the km avoided,
 * the flows table (the map may be "indisponible" in headless Chromium without WebGL 2), downloads
 * the CSV (BOM, semicolons) and narrows the period to one without trades. Phone and desktop
 * screenshots.
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

const parseFr = (text: string) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
async function kpi(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(id).locator('div').first().textContent()) ?? '';
}

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
      expect(errors.filter((e) => !/webgl|maplibre/i.test(e))).toEqual([]);
      await context.close();
    });
  }
});
