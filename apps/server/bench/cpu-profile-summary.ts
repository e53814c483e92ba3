/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `BENCH_LOAD_CPU_PROF=dir pnpm bench:load`):
 * self time by library or package, then the top functions by self time.
 *
 *   pnpm exec tsx apps/server/bench/cpu-profile-summary.ts <file.cpuprofile> [top=25] [lastSeconds]
 *
 * `lastSeconds` keeps only the samples of the profile's last seconds (less the final one, the
 * shutdown): with one route in the run (BENCH_LOAD_ROUTES), that is its measured window, without
 * the start-up (migrations, seed, password hashing) and the warm-up.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: cpu-profile-summary.ts <file.cpuprofile> [top]');
  process.exit(64);
}
const top = Number(process.argv[3] ?? 25);
const lastSeconds = process.argv[4] ? Number(process.argv[4]) : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const duration = profile.endTime - profile.startTime;
const windowUs =
  lastSeconds === undefined ? [0, duration] : [duration - (lastSeconds + 1) * 1e6, duration - 1e6];

/** Which library or package a frame's URL belongs to. */
function area(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/);
  if (pkg?.[1]) return pkg[1];
  const ws = url.match(/\/(packages|apps)\/([^/]+)\//);
  if (ws) return `@retaille/${ws[2]}`;
  return url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
let at = 0;
for (const [i, id] of profile.samples.entries()) {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at < (windowUs[0] ?? 0) || at > (windowUs[1] ?? duration)) continue;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const a = area(url, functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(packages|apps)\//, '$1/');
  const key = `${functionName || '(anonymous)'}  ${short}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(packages|apps)\//, '$1/');
  return `${functionName || '(anonymous)'}  ${short}${url ? `:${lineNumber + 1}` : ''}`;
};
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const node = byId.get(cur);
    if (!node) break;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log('\nSelf time by library / package:');
for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 20)) {
  console.log(`${pct(us)} ${ms(us)}  ${a}`);
}
console.log(`\nTop ${top} named functions by inclusive time:`);
for (const [f, us] of [...inclusive]
  .filter(([f]) => !f.startsWith('(') && !f.startsWith('processTicksAndRejections'))
  .sort((x, y) => y[1] - x[1])
  .slice(0, top)) {
  console.log(`${pct(us)} ${ms(us)}  ${f}`);
}
console.log(`\nTop ${top} functions by self time:`);
for (const [f, us] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, top)) {
  console.log(`${pct(us)} ${ms(us)}  ${f}`);
}
