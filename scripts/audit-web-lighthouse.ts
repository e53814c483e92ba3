/**
 * The Lighthouse half of `pnpm audit:web` (scripts/audit-web.ts): Lighthouse's Node API on a
 * Chromium started with a remote-debugging port, each page and form `AUDIT_LH_RUNS` times
 * (alternating with a baseline build when there is one), the median kept, one row per page and form.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_FLAGS, type RunningApp } from '../e2e/support/app.ts';

/** One line of the audit's RESULT. */
export interface Row {
  page: string;
  form: 'mobile' | 'desktop' | 'phone' | 'bundle';
  performance: number | null;
  accessibility: number | null;
  lcp_ms: number | null;
  tbt_ms: number | null;
  js_kb_gzip: number | null;
  axe_serious: number | null;
}
export const row = (r: Partial<Row> & Pick<Row, 'page' | 'form'>): Row => ({
  performance: null,
  accessibility: null,
  lcp_ms: null,
  tbt_ms: null,
  js_kb_gzip: null,
  axe_serious: null,
  ...r,
});

async function withDebuggableChromium<T>(run: (port: number) => Promise<T>): Promise<T> {
  const port = 9300 + Math.floor(Math.random() * 500);
  const child = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      ...CHROMIUM_FLAGS,
      `--remote-debugging-port=${port}`,
      `--user-data-dir=/tmp/audit-web-${port}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
      } catch {
        if (Date.now() > deadline) throw new Error('Chromium did not open its debugging port');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return await run(port);
  } finally {
    child.kill('SIGTERM');
  }
}

async function lighthouseRun(url: string, form: 'mobile' | 'desktop', port: number) {
  const { default: lighthouse } = await import('lighthouse');
  const config =
    form === 'desktop' ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined;
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
    config,
  );
  const lhr = result!.lhr;
  // AUDIT_LH_SAVE=<dir>: keeps each report's JSON (the LCP element, long tasks, requests) to study.
  const save = process.env.AUDIT_LH_SAVE;
  if (save) {
    mkdirSync(save, { recursive: true });
    const name = `${form}${new URL(url).pathname.replaceAll('/', '_')}-${Date.now()}.json`;
    writeFileSync(`${save}/${name}`, JSON.stringify(lhr));
  }
  return lhr;
}

type Lhr = Awaited<ReturnType<typeof lighthouseRun>>;

function lighthouseRow(runs: Lhr[], page: string, form: 'mobile' | 'desktop'): Row {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const audit = (lhr: Lhr, id: string) => lhr.audits[id]?.numericValue ?? 0;
  const lhr = runs[0]!;
  for (const x of runs) {
    if (x.runtimeError)
      console.log(`lighthouse ${form} ${page}: ${x.runtimeError.code} ${x.runtimeError.message}`);
  }
  const r = row({
    page,
    form,
    performance: median(runs.map((x) => x.categories.performance?.score ?? 0)),
    accessibility: median(runs.map((x) => x.categories.accessibility?.score ?? 0)),
    lcp_ms: Math.round(median(runs.map((x) => audit(x, 'largest-contentful-paint')))),
    tbt_ms: Math.round(median(runs.map((x) => audit(x, 'total-blocking-time')))),
  });
  const failing = Object.values(lhr.audits)
    .filter(
      (a) =>
        a.score !== null &&
        a.score < 1 &&
        lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0),
    )
    .map((a) => a.id);
  const scores =
    runs.length > 1 ? ` (runs ${runs.map((x) => x.categories.performance?.score).join(' ')})` : '';
  console.log(
    `lighthouse ${form.padEnd(7)} ${page.padEnd(12)} perf ${r.performance}${scores} a11y ${r.accessibility} LCP ${r.lcp_ms} ms TBT ${r.tbt_ms} ms${failing.length ? `  a11y failing: ${failing.join(', ')}` : ''}`,
  );
  return r;
}

export interface LighthouseTarget {
  name: string;
  path: string;
  /** The same page on the baseline server (its demo ids differ). */
  basePath: string | null;
}

/**
 * Lighthouse on each page and form (mobile only when `mobileOnly`), `AUDIT_LH_RUNS` times,
 * alternating the current and the baseline app; the rows, baseline first.
 */
export async function lighthouseAll(
  app: RunningApp,
  baseline: RunningApp | null,
  targets: LighthouseTarget[],
  mobileOnly: boolean,
): Promise<Row[]> {
  const runs = Math.max(1, Number(process.env.AUDIT_LH_RUNS ?? 1) || 1);
  const rows: Row[] = [];
  await withDebuggableChromium(async (port) => {
    for (const { name, path, basePath } of targets) {
      for (const form of mobileOnly ? (['mobile'] as const) : (['mobile', 'desktop'] as const)) {
        const current: Lhr[] = [];
        const before: Lhr[] = [];
        for (let i = 0; i < runs; i++) {
          if (baseline && basePath)
            before.push(await lighthouseRun(`${baseline.url}${basePath}`, form, port));
          current.push(await lighthouseRun(`${app.url}${path}`, form, port));
        }
        if (before.length) rows.push(lighthouseRow(before, `${name} (baseline)`, form));
        rows.push(lighthouseRow(current, name, form));
      }
    }
  });
  return rows;
}
