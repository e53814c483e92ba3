#!/usr/bin/env node
/**
 * pnpm check:docker — static checks of docker/ (CI has no Docker engine):
 *
 * compose.yml: the services of the production shape are there (PostgreSQL 15, at least two web
 * servers, one worker, an S3-compatible store, Caddy); every long-running service has a
 * healthcheck; images are pinned (a version tag, never `latest`); every environment key given to
 * a Retaille service exists in the configuration schema (packages/config/src/index.ts); secrets
 * come from the environment (`${VAR}`), never literals; depends_on names existing services with
 * valid conditions, the app waits for a healthy database and the proxy for healthy servers.
 * Caddyfile: proxies to the compose servers on their port, health-checks /readyz.
 * Dockerfile: every FROM pinned, production dependencies only (`pnpm deploy --prod`), the web app
 * built, a non-root USER in the final stage, a HEALTHCHECK on /readyz, no secret in ENV/ARG.
 *
 * Usage: node scripts/check-docker.mjs [dockerDir] [configSource]. Exits 1 on any problem and
 * ends with the line `check:docker: N passed, N failed`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dockerDir = resolve(process.argv[2] ?? resolve(root, 'docker'));
const configSource = resolve(process.argv[3] ?? resolve(root, 'packages/config/src/index.ts'));

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_KEY|ACCESS_KEY)/i;
/** A postgres:// or smtp:// URL with a literal password (not `${…}`). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:(?!\$\{)[^@\s]+@/i;

let passed = 0;
const failures = [];
function check(ok, message) {
  if (ok) passed++;
  else failures.push(message);
  return ok;
}

/** The keys of `configSchema = z.object({ … })`: two-space-indented `KEY:` lines of the block. */
export function configKeys(source) {
  const start = source.indexOf('export const configSchema = z.object({');
  if (start < 0) throw new Error(`no configSchema in ${configSource}`);
  const end = source.indexOf('\n});', start);
  const block = source.slice(start, end);
  return new Set([...block.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]));
}

/** A pinned image reference: a tag with a version number (major.minor at least), not latest. */
function pinned(image) {
  if (image.includes('@sha256:')) return true;
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1);
  if (tag === 'latest' || tag.includes('$')) return tag.includes('$') && /:-[^}]+\}/.test(tag);
  return /\d+\.\d+/.test(tag) || /^RELEASE\./.test(tag);
}

function envOf(service) {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => {
        const i = String(e).indexOf('=');
        return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  }
  return env;
}

const literalSecret = (value) =>
  value !== undefined && value !== '' && !/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/.test(String(value));

// ── compose.yml ──────────────────────────────────────────────────────────────────────────────
function checkCompose(schemaKeys) {
  const file = resolve(dockerDir, 'compose.yml');
  if (!check(existsSync(file), `${file} is missing`)) return { services: {} };
  const compose = parse(readFileSync(file, 'utf8'), { merge: true });
  const services = compose?.services ?? {};
  const names = Object.keys(services);
  const isApp = (s) => s.build?.dockerfile === 'docker/Dockerfile' || /^retaille[:@]/.test(s.image ?? '');
  const apps = names.filter((n) => isApp(services[n]));
  const modeOf = (n) => envOf(services[n]).RETAILLE_MODE ?? 'server';
  // `web` serves HTTP only; `server` also runs jobs and timers (a one-process install).
  const servers = apps.filter((n) => modeOf(n) === 'web' || modeOf(n) === 'server');
  const workers = apps.filter((n) => modeOf(n) === 'worker');
  const imageOf = (n) => String(services[n].image ?? '');
  const dbs = names.filter((n) => /^postgres:15(\.|-|$)/.test(imageOf(n)));
  const stores = names.filter((n) => /(^|\/)minio\/minio:/.test(imageOf(n)));
  const proxies = names.filter((n) => /^caddy:/.test(imageOf(n)));

  check(dbs.length === 1, `compose: expected one PostgreSQL 15 service, found ${dbs.length}`);
  check(
    servers.length >= 2,
    `compose: expected at least two server replicas, found ${servers.join(', ') || 'none'}`,
  );
  check(workers.length === 1, `compose: expected one worker (RETAILLE_MODE=worker), found ${workers.length}`);
  check(stores.length === 1, `compose: expected one S3-compatible store (minio), found ${stores.length}`);
  check(proxies.length === 1, `compose: expected one Caddy load balancer, found ${proxies.length}`);

  for (const name of names) {
    const s = services[name];
    const oneShot = s.restart === 'no';
    if (!oneShot) {
      const test = s.healthcheck?.test;
      check(
        Array.isArray(test) ? test.length > 1 && test[0] !== 'NONE' : typeof test === 'string' && test !== '',
        `compose: ${name} has no healthcheck`,
      );
    } else {
      const awaited = names.some(
        (n) => services[n].depends_on?.[name]?.condition === 'service_completed_successfully',
      );
      check(awaited, `compose: one-shot ${name} is awaited by no service (service_completed_successfully)`);
    }
    if (s.image) check(pinned(s.image), `compose: ${name} image "${s.image}" is not pinned to a version tag`);
    else check(Boolean(s.build), `compose: ${name} has neither image nor build`);

    const env = envOf(s);
    for (const [key, value] of Object.entries(env)) {
      if (SECRET_NAME.test(key)) {
        check(!literalSecret(value), `compose: ${name}.${key} is a literal secret; use \${${key}}`);
      }
      if (typeof value === 'string' && URL_WITH_PASSWORD.test(value)) {
        check(false, `compose: ${name}.${key} carries a literal password in a URL`);
      }
    }
    if (apps.includes(name)) {
      for (const key of Object.keys(env)) {
        check(
          schemaKeys.has(key),
          `compose: ${name}.${key} is not a key of the config schema (${configSource})`,
        );
      }
      check(Boolean(env.DATABASE_URL), `compose: ${name} has no DATABASE_URL (it would start on PGlite)`);
      check(Boolean(env.AUTH_SECRET), `compose: ${name} has no AUTH_SECRET (required in production)`);
      const dependsOn = s.depends_on ?? {};
      check(
        dbs.every((db) => dependsOn[db]?.condition === 'service_healthy'),
        `compose: ${name} must wait for a healthy database (depends_on ${dbs[0]}: service_healthy)`,
      );
    }

    const deps = s.depends_on ?? {};
    const depNames = Array.isArray(deps) ? deps : Object.keys(deps);
    for (const dep of depNames) {
      check(names.includes(dep), `compose: ${name} depends on unknown service ${dep}`);
      const condition = Array.isArray(deps) ? 'service_started' : (deps[dep]?.condition ?? 'service_started');
      check(
        ['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition),
        `compose: ${name} → ${dep} has an invalid condition ${condition}`,
      );
      if (condition === 'service_healthy' && names.includes(dep) && services[dep].restart !== 'no') {
        check(
          Boolean(services[dep].healthcheck),
          `compose: ${name} waits for ${dep} to be healthy but it has no healthcheck`,
        );
      }
    }
  }
  for (const proxy of proxies) {
    const deps = services[proxy].depends_on ?? {};
    check(
      servers.every((srv) => deps[srv]?.condition === 'service_healthy'),
      `compose: ${proxy} must wait for every server to be healthy`,
    );
    const mounts = (services[proxy].volumes ?? []).map(String);
    check(
      mounts.some((m) => m.startsWith('./Caddyfile:')),
      `compose: ${proxy} does not mount ./Caddyfile`,
    );
  }
  const portOf = (n) => String(envOf(services[n]).PORT ?? 3000);
  return { services, servers, portOf };
}

// ── Caddyfile ────────────────────────────────────────────────────────────────────────────────
function checkCaddyfile({ servers, portOf }) {
  const file = resolve(dockerDir, 'Caddyfile');
  if (!check(existsSync(file), `${file} is missing`)) return;
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('\n');
  const proxy = text.match(/reverse_proxy\s+([^{\n]+)/);
  if (!check(Boolean(proxy), 'Caddyfile: no reverse_proxy')) return;
  const upstreams = proxy[1].trim().split(/\s+/);
  for (const srv of servers ?? []) {
    check(
      upstreams.includes(`${srv}:${portOf(srv)}`),
      `Caddyfile: reverse_proxy does not list ${srv}:${portOf(srv)}`,
    );
  }
  for (const u of upstreams) {
    const host = u.replace(/^https?:\/\//, '').split(':')[0];
    check((servers ?? []).includes(host), `Caddyfile: upstream ${u} is not a compose server`);
  }
  check(/health_uri\s+\/readyz\b/.test(text), 'Caddyfile: the active health check must use /readyz');
}

// ── Dockerfile ───────────────────────────────────────────────────────────────────────────────
/** Joins continuation lines and drops comments: one instruction per entry. */
export function dockerInstructions(source) {
  const out = [];
  let current = '';
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    const m = current.match(/^(\w+)\s+([\s\S]*)$/);
    if (m) out.push({ op: m[1].toUpperCase(), args: m[2].trim() });
    current = '';
  }
  return out;
}

function checkDockerfile() {
  const file = resolve(dockerDir, 'Dockerfile');
  if (!check(existsSync(file), `${file} is missing`)) return;
  const ins = dockerInstructions(readFileSync(file, 'utf8'));
  const stages = [];
  for (const [i, { op, args }] of ins.entries()) {
    if (op !== 'FROM') continue;
    const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
    const image = parts[0];
    const alias = /^as$/i.test(parts[1] ?? '') ? parts[2] : undefined;
    const fromStage = stages.some((s) => s.alias === image);
    check(fromStage || pinned(image), `Dockerfile: FROM ${image} is not pinned to a version tag`);
    stages.push({ alias, start: i });
  }
  if (!check(stages.length >= 2, 'Dockerfile: expected a multi-stage build (build, then runtime)')) return;
  const final = ins.slice(stages[stages.length - 1].start);
  const users = final.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
  const lastUser = users[users.length - 1];
  check(
    lastUser !== undefined && !['root', '0'].includes(lastUser),
    `Dockerfile: the final stage must switch to a non-root USER (found ${lastUser ?? 'none'})`,
  );
  const health = final.filter((i) => i.op === 'HEALTHCHECK');
  check(health.length === 1, 'Dockerfile: the final stage needs one HEALTHCHECK');
  check(
    health.every((h) => h.args.includes('/readyz')),
    'Dockerfile: HEALTHCHECK must probe /readyz',
  );
  const runs = ins.filter((i) => i.op === 'RUN').map((i) => i.args);
  check(
    runs.some((r) => /pnpm\b.*\bdeploy\b.*--prod\b/.test(r)),
    'Dockerfile: production dependencies only — expected `pnpm … deploy --prod`',
  );
  check(
    runs.some((r) => /pnpm\b.*(--filter\s+@retaille\/web\s+build|web.*\bbuild\b)/.test(r)),
    'Dockerfile: the web app is not built',
  );
  check(
    final.some((i) => i.op === 'CMD' && i.args.startsWith('[')),
    'Dockerfile: CMD must use the exec (JSON) form so signals reach node',
  );
  for (const { op, args } of ins.filter((i) => i.op === 'ENV' || i.op === 'ARG')) {
    for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:[= ]("[^"]*"|\S*))?/g)) {
      const [, key, value = ''] = m;
      if (SECRET_NAME.test(key)) check(false, `Dockerfile: ${op} ${key} puts a secret in the image`);
      else if (URL_WITH_PASSWORD.test(value.replace(/"/g, ''))) {
        check(false, `Dockerfile: ${op} ${key} carries a password in a URL`);
      } else passed++;
    }
  }
}

const schemaKeys = configKeys(readFileSync(configSource, 'utf8'));
const compose = checkCompose(schemaKeys);
checkCaddyfile(compose);
checkDockerfile();

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`check:docker: ${passed} passed, ${failures.length} failed`);
if (failures.length > 0) process.exitCode = 1;
