/**
 * `pnpm reliability:report [--run unit,int,int-pg,e2e,fuzz]`: regenerates the figures section of
 * docs/reliability.md (between the `reliability:figures` markers) from result files, so that no
 * figure there is typed by hand.
 *
 * - Vitest tiers: the JSON reporter's file `reports/reliability/raw/<tier>.json`. `--run` writes
 *   it by running the tier (`int-pg` needs DATABASE_URL); any other run can write it too, e.g.
 *   `pnpm test:int --reporter=default --reporter=json --outputFile.json=reports/reliability/raw/int.json`.
 * - Fuzz: `--run fuzz` runs `pnpm test:fuzz` and keeps its closing `N passed, N failed` line.
 * - Mutation: the Stryker reports `pnpm test:mutation` / `test:mutation:services` leave.
 * Every source that is missing prints "not measured yet".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs/reliability.md');
const RAW = join(ROOT, 'reports/reliability/raw');
const START = '<!-- reliability:figures:start -->';
const END = '<!-- reliability:figures:end -->';

interface VitestTier {
  id: string;
  label: string;
  args: string[];
  env?: Record<string, string | undefined>;
}

const VITEST_TIERS: VitestTier[] = [
  { id: 'unit', label: 'Unit (`*.test.ts`)', args: ['--project', 'unit'] },
  {
    id: 'int',
    label: 'Integration on PGlite (`*.int.test.ts`)',
    args: ['--project', 'int'],
    env: { DATABASE_URL: undefined },
  },
  { id: 'int-pg', label: 'Integration on PostgreSQL 15', args: ['--project', 'int'] },
  { id: 'e2e', label: 'End-to-end (`e2e/*.spec.ts`, needs `pnpm build`)', args: ['--project', 'e2e'] },
];

const MUTATION_REPORTS = [
  { label: 'Mutation — packages/domain', files: ['reports/stryker-incremental.json'] },
  { label: 'Mutation — services rules', files: ['reports/stryker-services-incremental.json'] },
];

const FUZZ_FILE = join(RAW, 'fuzz.json');

// ── Reading results ───────────────────────────────────────────────────────────────────────────

interface VitestJson {
  numTotalTestSuites: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  startTime: number;
  success: boolean;
  testResults: {
    name: string;
    endTime?: number;
    startTime?: number;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

export interface TierSummary {
  files: number;
  failedFiles: number;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  finishedAt: string;
  failures: string[];
}

export function summarizeVitest(json: VitestJson): TierSummary {
  const ends = json.testResults.map((r) => r.endTime ?? json.startTime);
  const end = Math.max(json.startTime, ...ends);
  return {
    files: json.testResults.length,
    failedFiles: json.testResults.filter((r) => r.status === 'failed').length,
    tests: json.numTotalTests,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
    seconds: Math.round((end - json.startTime) / 100) / 10,
    finishedAt: new Date(end).toISOString().slice(0, 16).replace('T', ' '),
    failures: [
      ...json.testResults
        .filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'))
        .map((r) => `${relative(ROOT, r.name)} (file failed to run)`),
      ...json.testResults.flatMap((r) =>
        r.assertionResults
          .filter((a) => a.status === 'failed')
          .map((a) => `${relative(ROOT, r.name)} › ${a.fullName}`),
      ),
    ],
  };
}

interface StrykerReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

export function mutationScore(report: StrykerReport) {
  const count: Record<string, number> = {};
  for (const f of Object.values(report.files))
    for (const m of f.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const undetected = (count.Survived ?? 0) + (count.NoCoverage ?? 0);
  return {
    files: Object.keys(report.files).length,
    mutants: Object.values(count).reduce((a, b) => a + b, 0),
    detected,
    survived: count.Survived ?? 0,
    noCoverage: count.NoCoverage ?? 0,
    score: detected + undetected === 0 ? null : (100 * detected) / (detected + undetected),
  };
}

function fileDate(path: string): string {
  try {
    const committed = execFileSync('git', ['log', '-1', '--format=%cI', '--', path], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', path], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    if (committed && !dirty) return `${committed.slice(0, 16).replace('T', ' ')} (committed)`;
  } catch {
    // not a git checkout: fall back to the file time
  }
  return statSync(path).mtime.toISOString().slice(0, 16).replace('T', ' ');
}

/** HEAD, marked `+changes` when the working tree differs from it (the run then tested more than HEAD). */
function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

function runCommit(tierId: string): string {
  const meta = join(RAW, `${tierId}.meta.json`);
  return existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as { commit: string }).commit : 'unknown';
}

// ── Running tiers ─────────────────────────────────────────────────────────────────────────────

/** Runs one tier; returns false when it failed (or could not run), so that CI can use `--run`. */
function runVitest(tier: VitestTier): boolean {
  if (tier.id === 'int-pg' && !process.env.DATABASE_URL) {
    console.error('int-pg needs DATABASE_URL (a PostgreSQL 15 server).');
    return false;
  }
  mkdirSync(RAW, { recursive: true });
  const out = join(RAW, `${tier.id}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(tier.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  console.log(`\n== ${tier.label}`);
  writeFileSync(join(RAW, `${tier.id}.meta.json`), `${JSON.stringify({ commit: commit() })}\n`);
  // A failing tier still writes its report: its failures are figures too.
  const r = spawnSync(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      ...tier.args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  return r.status === 0;
}

function runFuzz(): boolean {
  mkdirSync(RAW, { recursive: true });
  console.log('\n== Fuzz (pnpm test:fuzz)');
  const started = Date.now();
  const r = spawnSync('pnpm', ['test:fuzz'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout ?? '');
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(r.stdout ?? '');
  const seed = /seed[^\d-]*(-?\d+)/i.exec(r.stdout ?? '');
  writeFileSync(
    FUZZ_FILE,
    `${JSON.stringify(
      {
        calls: m ? Number(m[1]) + Number(m[2]) : null,
        passed: m ? Number(m[1]) : null,
        failed: m ? Number(m[2]) : null,
        exitCode: r.status,
        seed: seed ? Number(seed[1]) : null,
        seconds: Math.round((Date.now() - started) / 1000),
        finishedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
        commit: commit(),
        engine: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite',
      },
      null,
      2,
    )}\n`,
  );
  return r.status === 0;
}

// ── Rendering ─────────────────────────────────────────────────────────────────────────────────

const NOT_MEASURED = 'not measured yet';

export function renderFigures(): string {
  const lines: string[] = [];
  lines.push(
    'Generated by `pnpm reliability:report` from the result files in `reports/reliability/raw/` and the Stryker reports.',
  );
  lines.push('');
  lines.push('| suite | files | tests | passed | failed | skipped | duration | last run (UTC) | commit |');
  lines.push('| --- | --: | --: | --: | --: | --: | --: | --- | --- |');
  const failures: string[] = [];
  for (const tier of VITEST_TIERS) {
    const file = join(RAW, `${tier.id}.json`);
    if (!existsSync(file)) {
      lines.push(`| ${tier.label} | ${NOT_MEASURED} | | | | | | | |`);
      continue;
    }
    const s = summarizeVitest(JSON.parse(readFileSync(file, 'utf8')) as VitestJson);
    const files = s.failedFiles > 0 ? `${s.files} (${s.failedFiles} failed)` : `${s.files}`;
    lines.push(
      `| ${tier.label} | ${files} | ${s.tests} | ${s.passed} | ${s.failed} | ${s.skipped} | ${s.seconds} s | ${s.finishedAt} | ${runCommit(tier.id)} |`,
    );
    for (const f of s.failures) failures.push(`${tier.id}: ${f}`);
  }
  lines.push('');
  if (failures.length > 0) {
    lines.push('Failing in the last runs:');
    lines.push('');
    for (const f of failures.slice(0, 30)) lines.push(`- ${f}`);
    if (failures.length > 30) lines.push(`- … and ${failures.length - 30} more`);
    lines.push('');
  }

  if (existsSync(FUZZ_FILE)) {
    const f = JSON.parse(readFileSync(FUZZ_FILE, 'utf8'));
    lines.push(
      f.calls === null
        ? `Fuzz: the last run (${f.finishedAt}) ended without its summary line (exit code ${f.exitCode}).`
        : `Fuzz (${f.engine}, ${f.finishedAt}, commit ${f.commit}, ${f.seconds} s${f.seed !== null ? `, seed ${f.seed}` : ''}): ${f.calls} calls, ${f.passed} passed, ${f.failed} failed.`,
    );
  } else {
    lines.push(`Fuzz: ${NOT_MEASURED} (\`pnpm reliability:report --run fuzz\`).`);
  }
  lines.push('');

  lines.push('| mutation testing | files | mutants | detected | survived | no coverage | score | report |');
  lines.push('| --- | --: | --: | --: | --: | --: | --: | --- |');
  for (const m of MUTATION_REPORTS) {
    const file = m.files.map((f) => join(ROOT, f)).find((f) => existsSync(f));
    if (!file) {
      lines.push(`| ${m.label} | ${NOT_MEASURED} | | | | | | |`);
      continue;
    }
    const s = mutationScore(JSON.parse(readFileSync(file, 'utf8')) as StrykerReport);
    lines.push(
      `| ${m.label} | ${s.files} | ${s.mutants} | ${s.detected} | ${s.survived} | ${s.noCoverage} | ${s.score === null ? '—' : `${s.score.toFixed(1)} %`} | \`${relative(ROOT, file)}\`, ${fileDate(file)} |`,
    );
  }
  lines.push('');
  lines.push(
    `Benchmarks: ${NOT_MEASURED} by this report (\`pnpm bench:search\`, \`bench:match\`, \`bench:impact\` print their own figures and fail on a wrong result).`,
  );
  return lines.join('\n');
}

export function replaceSection(doc: string, body: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/reliability.md needs the markers ${START} … ${END}`);
  return `${doc.slice(0, a + START.length)}\n${body}\n${doc.slice(b)}`;
}

// ── Main ──────────────────────────────────────────────────────────────────────────────────────

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--run');
  const wanted = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];
  const known = [...VITEST_TIERS.map((t) => t.id), 'fuzz'];
  const unknown = wanted.filter((w) => !known.includes(w));
  if (unknown.length > 0 || (i >= 0 && wanted.length === 0)) {
    console.error(`usage: pnpm reliability:report [--run ${known.join(',')}]`);
    process.exit(64);
  }
  const failed: string[] = [];
  for (const t of VITEST_TIERS) if (wanted.includes(t.id) && !runVitest(t)) failed.push(t.id);
  if (wanted.includes('fuzz') && !runFuzz()) failed.push('fuzz');
  const body = renderFigures();
  writeFileSync(DOC, replaceSection(readFileSync(DOC, 'utf8'), body));
  // Aligned the way `pnpm lint` wants it, so a regenerated page never fails the lint step.
  spawnSync('pnpm', ['exec', 'biome', 'format', '--write', DOC], { cwd: ROOT, stdio: 'ignore' });
  console.log(`\n${body}\n\nwrote ${relative(ROOT, DOC)}`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}
