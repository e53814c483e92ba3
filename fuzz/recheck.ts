/**
 * `tsx fuzz/recheck.ts`: the failures the fuzz suite has found so far, each sent once as a fixed
 * call against the current tree, with its status and what the server logged. A defect is fixed
 * when its line says `ok`. Same data set and settings as run.ts (DATABASE_URL for PostgreSQL).
 */
import { createHmac } from 'node:crypto';
import { type Fixture, type RoleName, startFixture, WEBHOOK_SECRET } from './fixture.ts';
import { loadFuzzOptions } from './options.ts';
import { excerpt, judge } from './oracle.ts';
import { encodeAny } from './targets.ts';

interface Known {
  what: string;
  role: RoleName;
  method: 'GET' | 'POST';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => string;
  headers?: (body: string) => Record<string, string>;
  fields?: boolean;
}

const q = (proc: string, input: unknown) => `/trpc/${proc}?input=${encodeAny(JSON.stringify(input))}`;
const json = (v: unknown) => () => JSON.stringify(v);
const csrf = () => ({ 'content-type': 'application/json', 'x-retaille-csrf': '1' });
const cursor = (key: unknown, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

const lot = (f: Fixture, over: Record<string, unknown>) => ({
  siteId: f.known.siteId,
  title: 'Planches de chêne',
  materialKey: 'oak',
  condition: 'offcut',
  unit: 'piece',
  quantity: 2,
  dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
  free: true,
  ...over,
});
const wanted = (over: Record<string, unknown>) => ({
  title: 'Chêne',
  materialKeys: ['oak'],
  unit: 'piece',
  quantityMin: 1,
  quantityMax: 5,
  maxDistanceKm: 50,
  point: { kind: 'point', lat: 45.76, lon: 4.83 },
  ...over,
});

const cases: Known[] = [
  {
    what: 'tRPC relays JSON.parse messages (empty POST body)',
    role: 'owner',
    method: 'POST',
    path: () => '/trpc/payments.onboard',
    body: () => '',
    headers: csrf,
  },
  {
    what: 'tRPC relays JSON.parse messages (truncated ?input=)',
    role: 'owner',
    method: 'GET',
    path: () => '/trpc/trades.get?input=%7B%22id%22%3A',
  },
  {
    what: 'impact export 400 names no field (period reversed)',
    role: 'admin',
    method: 'GET',
    path: () => '/api/impact/export.csv?from=2026-05&to=2026-01',
    fields: true,
  },
  {
    what: 'impact export 400 names no field (bad month)',
    role: 'admin',
    method: 'GET',
    path: () => '/api/impact/export.json?from=2026-13&to=2026-14',
    fields: true,
  },
  {
    what: 'auth: JSON body that is not an object (1e99999 → Infinity)',
    role: 'anonymous',
    method: 'POST',
    path: () => '/api/auth/sign-in/email',
    body: () => '1e99999',
    headers: () => ({ 'content-type': 'application/json' }),
  },
  {
    what: 'auth: JSON body null',
    role: 'anonymous',
    method: 'POST',
    path: () => '/api/auth/sign-in/email',
    body: () => 'null',
    headers: () => ({ 'content-type': 'application/json' }),
  },
  {
    what: 'auth: 100 000 nested arrays',
    role: 'anonymous',
    method: 'POST',
    path: () => '/api/auth/list-sessions',
    body: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    headers: () => ({ 'content-type': 'application/json' }),
  },
  {
    what: 'lots.search: denormal longitude',
    role: 'designer',
    method: 'GET',
    path: () => q('lots.search', { point: { kind: 'point', lat: 45, lon: 5e-324 } }),
  },
  {
    what: 'lots.search: denormal radius',
    role: 'designer',
    method: 'GET',
    path: () => q('lots.search', { point: { kind: 'point', lat: 45.7, lon: 4.8 }, radiusKm: 8e-323 }),
  },
  {
    what: 'lots.search: denormal minimum thickness',
    role: 'designer',
    method: 'GET',
    path: () => q('lots.search', { minThicknessMm: 8e-323 }),
  },
  {
    what: 'lots.search: crafted cursor with an impossible timestamp',
    role: 'designer',
    method: 'GET',
    path: () =>
      q('lots.search', {
        sort: 'newest',
        cursor: cursor('0000-00-00 00:00:00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      }),
  },
  {
    what: 'lots.search: crafted cursor with a non-uuid id',
    role: 'designer',
    method: 'GET',
    path: () => q('lots.search', { cursor: cursor(1, '------------------------------------') }),
  },
  {
    what: 'requests.listOpen: denormal longitude',
    role: 'designer',
    method: 'GET',
    path: () => q('requests.listOpen', { point: { kind: 'point', lat: 45, lon: 4e-323 }, radiusKm: 100 }),
  },
  {
    what: 'requests.create: denormal longitude',
    role: 'designer',
    method: 'POST',
    path: () => '/trpc/requests.create',
    body: json(wanted({ point: { kind: 'point', lat: 45, lon: -9e-323 } })),
    headers: csrf,
  },
  {
    what: 'requests.create: denormal distance',
    role: 'designer',
    method: 'POST',
    path: () => '/trpc/requests.create',
    body: json(wanted({ maxDistanceKm: 5e-324 })),
    headers: csrf,
  },
  {
    what: 'requests.create: tiny quantities (check constraint)',
    role: 'designer',
    method: 'POST',
    path: () => '/trpc/requests.create',
    body: json(wanted({ quantityMin: 1e-300, quantityMax: 1e-290 })),
    headers: csrf,
  },
  {
    what: 'requests.create: impossible neededBy',
    role: 'designer',
    method: 'POST',
    path: () => '/trpc/requests.create',
    body: json(wanted({ neededBy: '4257-99-63' })),
    headers: csrf,
  },
  {
    what: 'lots.create: tiny quantity (check constraint)',
    role: 'owner',
    method: 'POST',
    path: () => '/trpc/lots.create',
    body: (f) => JSON.stringify(lot(f, { unit: 'kg', quantity: 1e-300, dimensions: {} })),
    headers: csrf,
  },
  {
    what: 'lots.create: tiny recurring quantity (check constraint)',
    role: 'owner',
    method: 'POST',
    path: () => '/trpc/lots.create',
    body: (f) => JSON.stringify(lot(f, { recurring: { quantity: 1e-300, period: 'month' } })),
    headers: csrf,
  },
  {
    what: 'lots.create: impossible availableFrom',
    role: 'owner',
    method: 'POST',
    path: () => '/trpc/lots.create',
    body: (f) => JSON.stringify(lot(f, { availableFrom: '3612-26-88' })),
    headers: csrf,
  },
  {
    what: 'lots.update: tiny quantity (check constraint)',
    role: 'owner',
    method: 'POST',
    path: () => '/trpc/lots.update',
    body: (f) =>
      JSON.stringify({ id: f.known.lotId, lot: lot(f, { unit: 'kg', quantity: 2e-323, dimensions: {} }) }),
    headers: csrf,
  },
  {
    what: 'sites.list: NUL byte in q',
    role: 'designer',
    method: 'GET',
    path: () => q('sites.list', { q: 'a\u0000b' }),
  },
  {
    what: 'account.updateProfile: NUL name',
    role: 'designer',
    method: 'POST',
    path: () => '/trpc/account.updateProfile',
    body: json({ name: '\u0000' }),
    headers: csrf,
  },
  {
    what: 'impact.factors.get: NUL version',
    role: 'admin',
    method: 'GET',
    path: () => q('impact.factors.get', { version: '\u0000' }),
  },
  ...[
    ['envelope id without evt_', { id: 'x', object: 'event' }],
    [
      'account.updated carrying a charge',
      {
        id: 'evt_fuzz_1',
        object: 'event',
        type: 'account.updated',
        created: 1_700_000_000,
        livemode: false,
        data: { object: { id: 'ch_1', object: 'charge' } },
      },
    ],
    [
      'created beyond 2^53',
      {
        id: 'evt_fuzz_2',
        object: 'event',
        type: 'checkout.session.completed',
        created: 2 ** 53,
        livemode: false,
        data: { object: {} },
      },
    ],
  ].map(
    ([name, event]): Known => ({
      what: `webhook: validly signed malformed event (${name as string})`,
      role: 'anonymous',
      method: 'POST',
      path: () => '/api/webhooks/stripe',
      body: json(event),
      headers: (body) => {
        const t = Math.floor(Date.now() / 1000);
        const mac = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex');
        return { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${mac}` };
      },
    }),
  ),
  {
    what: 'GET /api/photos with a garbage id',
    role: 'anonymous',
    method: 'GET',
    path: () => '/api/photos/%00%ff..%2F',
  },
];

const fixture = await startFixture({ databaseUrl: loadFuzzOptions().databaseUrl });
let open = 0;
for (const c of cases) {
  const body = c.body?.(fixture);
  const headers: Record<string, string> = { origin: fixture.origin, ...(c.headers?.(body ?? '') ?? {}) };
  if (fixture.cookies[c.role]) headers.cookie = fixture.cookies[c.role];
  fixture.takeServerErrors();
  const r = await fetch(`${fixture.baseUrl}${c.path(fixture)}`, {
    method: c.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await r.text();
  const verdicts = judge(
    { status: r.status, body: text, contentType: '' },
    { echoes: [], rootIsObject: true, checkFields: c.fields ?? false },
  );
  const server = fixture.takeServerErrors().join(' | ').replace(/\s+/g, ' ');
  if (verdicts.length > 0) open++;
  console.log(
    `${verdicts.length > 0 ? '✗' : 'ok'}  ${c.what}: ${r.status} ${excerpt(text, 160)}${server ? `\n      server: ${server.slice(0, 240)}` : ''}${verdicts.length > 0 ? `\n      ${verdicts.map((v) => v.kind).join(', ')}` : ''}`,
  );
}
await fixture.close().catch(() => {});
console.log(`${cases.length - open} passed, ${open} failed`);
process.exit(open > 0 ? 1 : 0);
