/**
 * `pnpm audit:web`: builds the web app, starts the real server (embedded database, demo data) as
 * the e2e suite does, then measures
 *  - the initial JavaScript (entry + its preloaded chunks + the French dictionary), gzip;
 *  - Lighthouse (mobile and desktop) on `/`, `/lots` and a lot page;
 *  - axe-core (serious and critical nodes) on every route, anonymously and as each demo role,
 *    on a phone and on a desktop,
 * in Debian's Chromium, and ends with one `RESULT {"rows":[…]}` line.
 *
 * AUDIT_SMOKE=1 (CI): a few routes, anonymous and one role, phone only, Lighthouse on `/` only.
 * AUDIT_ONLY=lighthouse: Lighthouse mobile on `/` and `/lots` only, no axe (quick speed checks).
 * AUDIT_PAGES=/lots: Lighthouse on the named pages only (comma-separated: `/`, `/lots`, `/lots/:id`).
 * AUDIT_LH_SAVE=<dir>: writes each Lighthouse report (JSON) there.
 * AUDIT_SCREENSHOTS=1: only screenshots into docs/screenshots/: on a phone /lots, a lot page and
 * /impact (coordinator); `/` (phone, desktop) and /lots (desktop) anonymously; the post form
 * (phone, desktop) as the demo workshop. AUDIT_NO_BUILD=1 reuses apps/web/dist. Exits 1 when a target is missed and AUDIT_STRICT=1.
 * AUDIT_BASELINE_DIST=<dir>: also serves an earlier build (e.g. `vite build --outDir /tmp/base` on
 * the previous commit) and measures it with Lighthouse in the same run, rows named "… (baseline)",
 * so a before/after pair shares the machine's load. AUDIT_LH_RUNS=n: Lighthouse n times per page
 * and form, alternating builds, the median kept (one run on two busy cores is noisy).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import {
  demo,
  launchBrowser,
  newPage,
  type RunningApp,
  signInAs,
  startApp,
  viewports,
} from '../e2e/support/app.ts';
import { type LighthouseTarget, lighthouseAll, type Row, row } from './audit-web-lighthouse.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}apps/web/dist/`;
const SMOKE = process.env.AUDIT_SMOKE === '1';
/** AUDIT_ONLY=lighthouse: Lighthouse mobile on `/` and `/lots` only, no axe (to iterate on speed). */
const LIGHTHOUSE_ONLY = process.env.AUDIT_ONLY === 'lighthouse';
const require = createRequire(import.meta.url);

const rows: Row[] = [];

/** What the browser must download before the first page shows: entry, preloads, dictionary. */
export function initialJsKb(dist = DIST): { kb: number; files: string[] } {
  const html = readFileSync(`${dist}index.html`, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const dictionary = readdirSync(`${dist}assets`).find((f) => /^locale\.fr-.*\.js$/.test(f));
  if (dictionary && !files.includes(`assets/${dictionary}`)) files.push(`assets/${dictionary}`);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`${dist}${f}`)).length, 0);
  return { kb: Math.round(bytes / 102.4) / 10, files };
}

// ---------------------------------------------------------------------------------------------
// axe-core on every route, per role.

const roles: Array<{ name: string; email: string | null }> = [
  { name: 'anonyme', email: null },
  { name: 'atelier', email: demo.workshop },
  { name: 'createur', email: demo.designer },
  { name: 'coordination', email: demo.coordinator },
  { name: 'admin', email: demo.admin },
];

const staticRoutes = [
  '/',
  '/sites',
  '/lots',
  '/demandes',
  '/connexion',
  '/inscription',
  '/mot-de-passe-oublie',
  '/compte',
  '/mes-sites',
  '/sites/new',
  '/lots/nouveau',
  '/demandes/nouvelle',
  '/notifications',
  '/echanges',
  '/impact',
  '/impact/rapport',
  '/coordination/verification',
  '/coordination/allocation',
  '/page-inexistante',
];
const smokeRoutes = ['/', '/lots', '/connexion', '/impact'];

/** Routes with an id, found through the links the app itself shows. */
async function discoverRoutes(page: Page, base: string): Promise<string[]> {
  const found = new Set<string>();
  const firstLink = async (path: string, pattern: RegExp) => {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.find((h) => pattern.test(h));
  };
  const uuid = '[0-9a-f-]{36}';
  const lot = await firstLink('/lots', new RegExp(`^/lots/${uuid}$`));
  if (lot) found.add(lot);
  const site = await firstLink('/sites', new RegExp(`^/sites/${uuid}$`));
  if (site) {
    found.add(site);
    found.add(`${site}/impact`);
  }
  const trade = await firstLink('/echanges', new RegExp(`^/echanges/${uuid}$`));
  if (trade) found.add(trade);
  return [...found];
}

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeRoute(page: Page, url: string): Promise<AxeViolation[]> {
  await page.goto(url, { waitUntil: 'networkidle' });
  // Let lazy pages and their queries settle (the loader is replaced by content).
  await page.waitForTimeout(300);
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  });
}

async function axeAudit(browser: Browser, app: RunningApp) {
  const forms: Array<keyof typeof viewports> = SMOKE ? ['phone'] : ['phone', 'desktop'];
  const auditedRoles = SMOKE ? roles.slice(0, 2) : roles;
  const summary = new Map<string, { count: number; example: string }>();
  for (const role of auditedRoles) {
    for (const form of forms) {
      const ctx = await browser.newContext({
        viewport: viewports[form],
        locale: 'fr-FR',
        isMobile: form === 'phone',
        hasTouch: form === 'phone',
        bypassCSP: true,
      });
      if (role.email) await signInAs(ctx, app, role.email);
      const p = await ctx.newPage();
      const routes = SMOKE ? smokeRoutes : [...staticRoutes, ...(await discoverRoutes(p, app.url))];
      let total = 0;
      for (const route of routes) {
        const violations = await axeRoute(p, `${app.url}${route}`);
        const nodes = violations.reduce((s, v) => s + v.nodes.length, 0);
        total += nodes;
        for (const v of violations) {
          const key = `${v.impact} ${v.id}: ${v.help}`;
          const s = summary.get(key) ?? { count: 0, example: `${route} ${v.nodes[0]?.target.join(' ')}` };
          s.count += v.nodes.length;
          summary.set(key, s);
        }
        rows.push(
          row({
            page: `${role.name} ${route}`,
            form: form === 'phone' ? 'phone' : 'desktop',
            axe_serious: nodes,
          }),
        );
        if (nodes > 0)
          console.log(
            `axe ${role.name.padEnd(12)} ${form.padEnd(7)} ${route}: ${nodes} serious/critical nodes`,
          );
      }
      console.log(
        `axe ${role.name.padEnd(12)} ${form.padEnd(7)} ${routes.length} routes, ${total} serious/critical nodes`,
      );
      await ctx.close();
    }
  }
  for (const [key, s] of [...summary].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${String(s.count).padStart(5)}  ${key}  (e.g. ${s.example})`);
  }
}

async function firstLotPath(browser: Browser, app: RunningApp): Promise<string | null> {
  const { context, page } = await newPage(browser, 'desktop');
  try {
    const routes = await discoverRoutes(page, app.url);
    return routes.find((r) => r.startsWith('/lots/')) ?? null;
  } finally {
    await context.close();
  }
}

async function screenshots(browser: Browser, app: RunningApp) {
  const dir = `${ROOT}docs/screenshots/`;
  mkdirSync(dir, { recursive: true });
  const lot = await firstLotPath(browser, app);
  const shots: Array<{ form: 'phone' | 'desktop'; as: string | null; pages: [string, string][] }> = [
    {
      form: 'phone',
      as: demo.coordinator,
      pages: [
        ['phone-lots', '/lots'],
        ['phone-lot', lot ?? '/lots'],
        ['phone-impact', '/impact'],
      ],
    },
    // The prerendered pages as a first visit sees them, and the post form (lengths in cm).
    { form: 'phone', as: null, pages: [['phone-home', '/']] },
    {
      form: 'desktop',
      as: null,
      pages: [
        ['desktop-home', '/'],
        ['desktop-lots', '/lots'],
      ],
    },
    { form: 'phone', as: demo.workshop, pages: [['phone-lot-form', '/lots/nouveau']] },
    { form: 'desktop', as: demo.workshop, pages: [['desktop-lot-form', '/lots/nouveau']] },
  ];
  for (const { form, as, pages } of shots) {
    const { context, page } = await newPage(browser, form);
    if (as) await signInAs(context, app, as);
    for (const [name, path] of pages) {
      await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${dir}${name}.png`, fullPage: true });
      console.log(`screenshot ${dir}${name}.png (${path}, ${form})`);
    }
    await context.close();
  }
}

async function main() {
  if (process.env.AUDIT_NO_BUILD !== '1') {
    execFileSync('pnpm', ['--filter', '@retaille/web', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const bundle = initialJsKb();
  console.log(`initial JS: ${bundle.kb} kB gzip (${bundle.files.length} files)`);
  rows.push(row({ page: 'initial', form: 'bundle', js_kb_gzip: bundle.kb }));

  const [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  if (process.env.AUDIT_SCREENSHOTS === '1') {
    try {
      await screenshots(browser, app);
    } finally {
      await browser.close();
      await app.stop();
    }
    return;
  }
  try {
    const lot = await firstLotPath(browser, app);
    const baselineDist = process.env.AUDIT_BASELINE_DIST;
    const baseline = baselineDist ? await startApp({ WEB_DIST_DIR: baselineDist }) : null;
    try {
      const baseLot = baseline ? await firstLotPath(browser, baseline) : null;
      const targets: LighthouseTarget[] = [
        { name: '/', path: '/', basePath: '/' },
        ...(SMOKE ? [] : [{ name: '/lots', path: '/lots', basePath: '/lots' }]),
        ...(SMOKE || LIGHTHOUSE_ONLY || !lot ? [] : [{ name: '/lots/:id', path: lot, basePath: baseLot }]),
      ];
      // AUDIT_PAGES=/lots (comma-separated names): Lighthouse on those pages only.
      const only = process.env.AUDIT_PAGES?.split(',').map((p) => p.trim());
      rows.push(
        ...(await lighthouseAll(
          app,
          baseline,
          only ? targets.filter((t) => only.includes(t.name)) : targets,
          SMOKE || LIGHTHOUSE_ONLY,
        )),
      );
    } finally {
      await baseline?.stop();
    }
    if (!LIGHTHOUSE_ONLY) await axeAudit(browser, app);
  } finally {
    await browser.close();
    await app.stop();
  }

  const axeTotal = rows.reduce((s, r) => s + (r.axe_serious ?? 0), 0);
  const misses: string[] = [];
  if (bundle.kb > 200) misses.push(`initial JS ${bundle.kb} kB > 200 kB`);
  for (const r of rows) {
    if (r.form === 'mobile' && (r.page === '/' || r.page === '/lots') && (r.performance ?? 0) < 0.9)
      misses.push(`mobile performance ${r.performance} on ${r.page}`);
    if (r.accessibility !== null && r.accessibility < 1)
      misses.push(`accessibility ${r.accessibility} on ${r.page} (${r.form})`);
  }
  if (axeTotal > 0) misses.push(`${axeTotal} axe serious/critical nodes`);
  console.log(misses.length ? `targets missed:\n  ${misses.join('\n  ')}` : 'all targets met');
  console.log(`RESULT ${JSON.stringify({ rows })}`);
  if (process.env.AUDIT_STRICT === '1' && misses.length) process.exitCode = 1;
}

await main();
