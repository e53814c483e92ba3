/**
 * The fuzz suite (`pnpm test:fuzz`): for every tRPC procedure and every other HTTP route, fast-check
 * generates calls — inputs derived from the procedure's zod schema, hostile variants of them, raw
 * framings — made as each role against the real server, and judges each response (oracle.ts).
 * It prints, per target, the calls made and the failures, then every distinct failure with the
 * seed and path that replays it, and ends on the plain line `N passed, N failed` (N = calls).
 *
 * Settings (environment): FUZZ_RUNS runs per target (default 150, cut short by the time budget),
 * FUZZ_BUDGET_SECONDS for all calls (default: what the setup left of 225 s), FUZZ_SEED, FUZZ_ONLY (a regular expression on
 * target names), FUZZ_PATH (replay one case: with FUZZ_SEED and FUZZ_ONLY), FUZZ_VERBOSE=1,
 * DATABASE_URL (PostgreSQL instead of the in-memory PGlite).
 */
import fc from 'fast-check';
import { unknownKinds } from './derive.ts';
import { type Fixture, startFixture } from './fixture.ts';
import { RawJson, stringsIn, toJson } from './hostile.ts';
import { loadFuzzOptions } from './options.ts';
import { excerpt, judge, type Observed, type Verdict } from './oracle.ts';
import { type Case, httpTargets, procedureTargets, type Target } from './targets.ts';

const options = loadFuzzOptions();
const RUNS = options.runs;
/** Whole run under four minutes: the calls get what the setup left of 225 s, unless told. */
const TOTAL_MS = 225_000;
const BUDGET_SETTING = options.budgetMs;
const SEED = options.seed;
const ONLY = options.only;
const PATH = options.path;
const VERBOSE = options.verbose;
const CALL_TIMEOUT_MS = 20_000;

/** A stable per-target seed, so that one target can be replayed alone. */
function seedFor(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (SEED ^ h) | 0;
}

interface Failure {
  target: string;
  kind: string;
  status: number;
  signature: string;
  count: number;
  roles: Set<string>;
  targets: Set<string>;
  first: {
    role: string;
    transport: string;
    request: string;
    input: string;
    body: string;
    detail: string;
    serverLog: string;
    replay: string;
  };
}

interface Tally {
  calls: number;
  failed: number;
  /** Calls answered 2xx: how many got past validation and authorization. */
  ok: number;
}

const failures = new Map<string, Failure>();
const tallies = new Map<string, Tally>();

/** Compresses long repeats and cuts, so a 1 MB input reads as `x×1000000`. */
function show(s: string, n = 300): string {
  const squeezed = s.replace(/(.)\1{19,}/gsu, (m, c: string) => `${c}×${[...m].length}`);
  return squeezed.length > n ? `${squeezed.slice(0, n)}…` : squeezed;
}

/** The message of an error body, its variable parts blanked, to tell leaks apart. */
function leakText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } } | { error?: { message?: string } }[];
    const m = (Array.isArray(j) ? j[0] : j)?.error?.message ?? body;
    return m.replace(/["'].*["']/g, '…').slice(0, 50);
  } catch {
    return body.slice(0, 50);
  }
}

function showInput(input: unknown): string {
  if (input === undefined) return '(none)';
  return show(toJson(input) ?? String(input));
}

/** What groups failures into one defect: target, verdict, status and the error's key or message. */
function signatureOf(target: string, v: Verdict, o: Observed, serverLog: string): string {
  let key = '';
  try {
    const j = JSON.parse(o.body) as unknown;
    const e = (Array.isArray(j) ? j[0] : j) as {
      error?: Record<string, unknown> & { data?: Record<string, unknown> };
    };
    key = String(e?.error?.data?.key ?? e?.error?.key ?? e?.error?.code ?? '');
  } catch {
    key = o.body.slice(0, 40);
  }
  if (v.kind.startsWith('leak')) key += ` ${leakText(o.body)}`;
  // Two 500s of one procedure are two defects when the server's reasons differ: the error's
  // message (quoted values and dotted names blanked) and the app function that threw it.
  if (o.status >= 500 && serverLog) {
    const [message = '', frame = ''] = serverLog.split(' | ')[0]!.split(' — ');
    const reason = message
      .replace(/["'].*?["']/g, '…')
      .replace(/\b\w+(?:\.\w+)+\b/g, '…')
      .slice(0, 50);
    key += ` ${reason} @ ${frame.split(' (')[0]}`;
  }
  key = key.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<uuid>').replace(/\d+/g, 'N');
  // A 5xx or a timeout is a defect of its own route; a leaked message or a missing field
  // usually comes from one shared place (the error formatter, a route's handler), so those
  // group across targets.
  const scope =
    o.status >= 500 || o.status === 0
      ? target
      : target.startsWith('/') || target.includes(' ')
        ? target
        : 'tRPC';
  return `${scope} | ${v.kind} | ${o.status} | ${key}`;
}

async function send(fixture: Fixture, c: Case): Promise<Observed> {
  const headers: Record<string, string> = { origin: fixture.origin, ...c.request.headers };
  const cookie = fixture.cookies[c.role];
  if (cookie) headers.cookie = cookie;
  const r = await fetch(`${fixture.baseUrl}${c.request.path}`, {
    method: c.request.method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    ...(c.request.body !== undefined
      ? { body: typeof c.request.body === 'string' ? c.request.body : new Uint8Array(c.request.body) }
      : {}),
  });
  const bytes = Buffer.from(await r.arrayBuffer());
  return {
    status: r.status,
    body: bytes.subarray(0, 300_000).toString('utf8'),
    contentType: r.headers.get('content-type') ?? '',
  };
}

/** Keeps the ids of what the calls created (a lot priced at the limit, a trade of it…) for later calls. */
function harvest(fixture: Fixture, body: string) {
  for (const [id] of body.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) {
    if (fixture.harvested.includes(id) || fixture.knownIds.includes(id)) continue;
    if (fixture.harvested.length >= 300) fixture.harvested.splice(0, 1);
    fixture.harvested.push(id);
  }
}

/** The slowest calls of the run, shown (not judged): a hostile input that takes seconds is worth a look. */
const slowest: { ms: number; target: string; call: string; replay: string }[] = [];
function noteSlow(target: string, c: Case, ms: number, path: string) {
  if (slowest.length >= 5 && ms <= slowest[slowest.length - 1]!.ms) return;
  slowest.push({
    ms,
    target,
    call: `${c.role}, ${c.transport}, input ${showInput(c.input).slice(0, 160)}`,
    replay: `FUZZ_SEED=${SEED} FUZZ_ONLY='^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$' FUZZ_PATH=${path}`,
  });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

/** Whether each role still has its session at the end (fuzzed calls may have ended one). */
async function sessionsKept(fixture: Fixture): Promise<string[]> {
  const lost: string[] = [];
  for (const role of ['designer', 'owner', 'coordinator', 'admin'] as const) {
    const r = await fetch(`${fixture.baseUrl}/trpc/account.me`, {
      headers: { cookie: fixture.cookies[role] },
    });
    const body = (await r.json().catch(() => ({}))) as { result?: { data?: unknown } };
    if (r.status !== 200 || !body.result?.data) lost.push(role);
  }
  return lost;
}

async function healthy(fixture: Fixture): Promise<boolean> {
  try {
    const r = await fetch(`${fixture.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
    return r.status === 200;
  } catch {
    return false;
  }
}

class Wedged extends Error {}

async function runTarget(fixture: Fixture, target: Target, timeLimitMs: number): Promise<void> {
  const tally: Tally = { calls: 0, failed: 0, ok: 0 };
  tallies.set(target.name, tally);
  const seed = seedFor(target.name);
  let index = 0;
  const property = fc.asyncProperty(target.arbitrary, async (c) => {
    const path = PATH ?? String(index);
    index++;
    tally.calls++;
    let observed: Observed;
    let verdicts: Verdict[];
    fixture.takeServerErrors();
    try {
      const t0 = performance.now();
      observed = await send(fixture, c);
      noteSlow(target.name, c, performance.now() - t0, path);
      verdicts = judge(observed, {
        echoes: stringsIn(c.input),
        rootIsObject:
          c.input !== null &&
          typeof c.input === 'object' &&
          !Array.isArray(c.input) &&
          !(c.input instanceof RawJson),
        checkFields: c.checkFields,
      });
      if (c.mustReject && observed.status < 400) {
        verdicts.push({ kind: `accepted: ${c.mustReject}`, detail: excerpt(observed.body) });
      }
    } catch (e) {
      const message =
        e instanceof Error ? `${e.name}: ${e.message}${e.cause ? ` (${String(e.cause)})` : ''}` : String(e);
      observed = { status: 0, body: message, contentType: '' };
      verdicts = [{ kind: /timeout|abort/i.test(message) ? 'timeout' : 'connection error', detail: message }];
    }
    if (VERBOSE) {
      console.log(`  [${path}] ${c.role} ${c.transport} ${c.request.method} ${show(c.request.path, 200)}`);
      console.log(`      input: ${showInput(c.input)}`);
      console.log(`      → ${observed.status} ${excerpt(observed.body, 400)}`);
    }
    if (observed.status >= 200 && observed.status < 300) {
      tally.ok++;
      harvest(fixture, observed.body);
    }
    const serverLog = fixture.takeServerErrors().join(' | ').replace(/\s+/g, ' ');
    if (verdicts.length > 0) {
      tally.failed++;
      for (const v of verdicts) {
        const signature = signatureOf(target.name, v, observed, serverLog);
        const known = failures.get(signature);
        if (known) {
          known.count++;
          known.roles.add(c.role);
          known.targets.add(target.name);
          continue;
        }
        failures.set(signature, {
          target: target.name,
          kind: v.kind,
          status: observed.status,
          signature,
          count: 1,
          roles: new Set([c.role]),
          targets: new Set([target.name]),
          first: {
            role: c.role,
            transport: c.transport,
            request: `${c.request.method} ${show(c.request.path, 240)}${c.request.body !== undefined && c.input === undefined ? ` body=${show(Buffer.isBuffer(c.request.body) ? JSON.stringify(c.request.body.subarray(0, 120).toString('latin1')) : c.request.body, 160)}` : ''}`,
            input: showInput(c.input),
            body: excerpt(observed.body),
            detail: v.detail,
            serverLog,
            replay: `FUZZ_SEED=${SEED} FUZZ_ONLY='^${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$' FUZZ_PATH=${path}`,
          },
        });
      }
      if (
        verdicts.some((v) => v.kind === 'timeout' || v.kind === 'connection error') &&
        !(await healthy(fixture))
      ) {
        throw new Wedged(`the server stopped answering after ${target.name} [${path}]`);
      }
    }
    return true;
  });
  const result = await fc.check(property, {
    seed,
    numRuns: PATH !== undefined ? 1 : RUNS,
    ...(PATH !== undefined ? { path: PATH } : {}),
    interruptAfterTimeLimit: timeLimitMs,
    markInterruptAsFailure: false,
    endOnFailure: true,
  });
  if (result.failed && result.errorInstance instanceof Wedged) throw result.errorInstance;
  if (result.failed) throw result.errorInstance ?? new Error(`fast-check failed on ${target.name}`);
}

async function main() {
  const started = Date.now();
  const fixture = await startFixture({
    databaseUrl: options.databaseUrl,
    logLevel: options.logLevel,
  });
  const setupMs = Date.now() - started;
  const budgetMs = BUDGET_SETTING ?? Math.max(60_000, TOTAL_MS - setupMs);
  // Creations first, so that their ids are there for the calls that act on them.
  const creates = (t: Target) =>
    /^(lots|requests|sites)\.create$/.test(t.name)
      ? 0
      : /\.(create|request|send|start)$/.test(t.name)
        ? 1
        : 2;
  const targets = [...procedureTargets(fixture, seedFor), ...httpTargets(fixture)]
    .sort((a, b) => creates(a) - creates(b))
    .filter((t) => !ONLY || ONLY.test(t.name));
  console.log(
    `fuzz: ${targets.length} targets, ${RUNS} runs each at most, budget ${(budgetMs / 1000).toFixed(0)} s, seed ${SEED}, ${fixture.engine}, setup ${(setupMs / 1000).toFixed(1)} s`,
  );
  if (unknownKinds.size > 0)
    console.log(`fuzz: zod kinds derived as "any JSON": ${[...unknownKinds].join(', ')}`);
  const templatesOf = new Map(targets.map((t) => [t.name, t.templates]));
  const callsStarted = Date.now();
  let wedged: string | undefined;
  try {
    for (const [i, target] of targets.entries()) {
      const remaining = budgetMs - (Date.now() - callsStarted);
      const slice = Math.max(500, remaining / (targets.length - i));
      if (VERBOSE) console.log(`${target.name} (seed ${seedFor(target.name)})`);
      await runTarget(fixture, target, slice);
    }
  } catch (e) {
    if (!(e instanceof Wedged)) throw e;
    wedged = e.message;
  }
  const callsMs = Date.now() - callsStarted;
  const lostSessions = wedged ? [] : await sessionsKept(fixture).catch(() => ['(check failed)']);
  await fixture.close().catch(() => {});

  console.log('\nper target: calls, answered 2xx, failed calls, distinct failures (valid templates)');
  const width = Math.max(...[...tallies.keys()].map((k) => k.length));
  for (const [name, t] of tallies) {
    const distinct = [...failures.values()].filter((f) => f.targets.has(name)).length;
    console.log(
      `  ${name.padEnd(width)}  ${String(t.calls).padStart(5)}  ${String(t.ok).padStart(5)}  ${String(t.failed).padStart(5)}  ${distinct > 0 ? `${distinct} distinct` : ''}${templatesOf.get(name) !== undefined ? ` (${templatesOf.get(name)})` : ''}`,
    );
  }
  if (failures.size > 0) {
    console.log(
      `\n${failures.size} distinct failures (replay one with the env line, then \`pnpm test:fuzz\`):`,
    );
    for (const f of [...failures.values()].sort((a, b) => a.signature.localeCompare(b.signature))) {
      const where =
        f.targets.size > 4
          ? `${f.targets.size} targets (${[...f.targets].slice(0, 4).join(', ')}, …)`
          : [...f.targets].join(', ');
      console.log(`\n✗ ${where}: ${f.kind} (status ${f.status}), ${f.count}× as ${[...f.roles].join(', ')}`);
      console.log(`    call:   ${f.first.role}, ${f.first.transport}: ${f.first.request}`);
      console.log(`    input:  ${f.first.input}`);
      console.log(`    body:   ${f.first.body}`);
      if (f.first.detail && !f.first.body.startsWith(f.first.detail.slice(0, 100)))
        console.log(`    found:  ${f.first.detail}`);
      if (f.first.serverLog) console.log(`    server: ${show(f.first.serverLog, 400)}`);
      console.log(`    replay: ${f.first.replay}`);
    }
  }
  if (slowest.length > 0) {
    console.log('\nslowest calls (shown, not judged):');
    for (const x of slowest)
      console.log(`  ${(x.ms / 1000).toFixed(2)} s  ${x.target}: ${x.call}\n           replay: ${x.replay}`);
  }
  if (lostSessions.length > 0)
    console.log(
      `\nnote: sessions lost during the run (later calls as these roles were anonymous): ${lostSessions.join(', ')}`,
    );
  if (wedged) console.log(`\n✗ ${wedged}: run stopped early`);
  const calls = [...tallies.values()].reduce((n, t) => n + t.calls, 0);
  const failed = [...tallies.values()].reduce((n, t) => n + t.failed, 0) + (wedged ? 1 : 0);
  console.log(
    `\nfuzz: ${calls} calls in ${(callsMs / 1000).toFixed(1)} s (${((calls / callsMs) * 1000).toFixed(0)}/s), total ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`${calls - failed + (wedged ? 1 : 0)} passed, ${failed} failed`);
  // Pools, the emulator and PGlite may keep handles open: the verdict is in, leave now.
  process.exit(failed > 0 ? 1 : 0);
}

await main();
