/**
 * What the fuzzer calls: every tRPC procedure of the app router (its input schema read from the
 * procedure's parsers), and the HTTP routes outside tRPC (photos, impact exports, auth, the
 * Stripe webhook). Each target turns a generated case into one HTTP request.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { appRouter } from '../packages/api/src/index.ts';
import { type DeriveContext, derive, type Schema } from './derive.ts';
import type { Fixture, RoleName } from './fixture.ts';
import { ROLES, WEBHOOK_SECRET } from './fixture.ts';
import {
  applyMutation,
  hostileStrings,
  hostileStructures,
  hostileValue,
  type Mutation,
  mutationArb,
  RawJson,
  toJson,
} from './hostile.ts';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface Case {
  role: RoleName;
  /** How the call is made (the procedure's own method, without the CSRF header, …). */
  transport: string;
  /** The input value, for the report and the echo filter. */
  input: unknown;
  request: HttpRequest;
  /** Whether a validation 400 must name a field (false for framing errors and foreign routes). */
  checkFields: boolean;
  /** Set when the call must be refused whatever the input (e.g. a POST without the CSRF header). */
  mustReject?: string;
}

export interface Target {
  name: string;
  /** 'query' | 'mutation' for tRPC, 'http' for the other routes. */
  kind: 'query' | 'mutation' | 'http';
  /** How many schema-valid inputs were found to build hostile variants on (tRPC only). */
  templates?: number;
  arbitrary: fc.Arbitrary<Case>;
}

// ---------------------------------------------------------------- helpers

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser would). */
export function encodeAny(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x5f
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const jsonHeaders = { 'content-type': 'application/json' };
const csrf = { 'x-retaille-csrf': '1' };

type InputKind =
  | { kind: 'valid'; value: unknown }
  | { kind: 'hostile'; value: unknown; m: Mutation }
  | { kind: 'root'; value: unknown };

/** Valid-looking, hostile-mutated, or wholly wrong inputs for `schema`. */
/**
 * Inputs the schema accepts, found by sampling the derived arbitrary (with the target's seed, so
 * that runs replay): hostile variants of a valid input reach past validation, where the
 * deeper defects are.
 */
function validTemplates(schema: Schema, derived: fc.Arbitrary<unknown>, seed: number): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of fc.sample(derived, { seed, numRuns: 400 })) {
    if (!(schema.safeParse as (v: unknown) => { success: boolean })(v).success) continue;
    const key = toJson(v) ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
    if (out.length >= 50) break;
  }
  return out;
}

/** Valid-looking, hostile-mutated, or wholly wrong inputs for `schema`. */
function inputArb(
  schema: Schema | undefined,
  ctx: DeriveContext,
  allowMega: boolean,
  seed: number,
): { arbitrary: fc.Arbitrary<unknown>; templates: number } {
  const derived = schema ? derive(schema, ctx) : fc.constant(undefined);
  const templates = schema ? validTemplates(schema, derived, seed) : [];
  const valid =
    templates.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...templates), weight: 3 }, { arbitrary: derived, weight: 2 })
      : derived;
  const arbitrary = fc
    .oneof(
      { arbitrary: valid.map((value): InputKind => ({ kind: 'valid', value })), weight: 4 },
      {
        arbitrary: fc
          .tuple(valid, mutationArb(allowMega))
          .map(([v, m]): InputKind => ({ kind: 'hostile', value: applyMutation(v, m), m })),
        weight: 5,
      },
      { arbitrary: hostileValue(false).map((value): InputKind => ({ kind: 'root', value })), weight: 1 },
    )
    .map((k) => k.value);
  return { arbitrary, templates: templates.length };
}

/** Raw framings: bodies and query strings that are not what tRPC expects. */
const rawPostBodies: { name: string; body: string | Buffer; contentType?: string }[] = [
  { name: 'empty body', body: '' },
  { name: 'truncated json', body: '{"id":' },
  { name: 'not json', body: 'hello' },
  { name: 'NUL byte', body: '\u0000' },
  {
    name: 'invalid utf-8',
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  },
  {
    name: 'utf-16 bom',
    body: Buffer.from('\ufeff{"a":1}', 'utf16le'),
    contentType: 'application/json; charset=utf-16',
  },
  { name: 'text/plain json', body: '{"id":"x"}', contentType: 'text/plain' },
  { name: 'form encoded', body: 'id=1&__proto__[admin]=1', contentType: 'application/x-www-form-urlencoded' },
  {
    name: 'multipart junk',
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    contentType: 'multipart/form-data; boundary=x',
  },
  { name: 'no content-type', body: '{"id":"x"}', contentType: '' },
  { name: 'deep array', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { name: 'huge number', body: '1e99999' },
  { name: 'duplicate keys', body: '{"id":"a","id":"b"}' },
  { name: 'proto body', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { name: 'trpc envelope', body: '{"json":{"id":"x"},"meta":{"values":{"id":["Date"]}}}' },
  { name: 'over body limit', body: `"${'x'.repeat(1_100_000)}"` },
];

const rawQueries: { name: string; query: string }[] = [
  { name: 'bad percent', query: 'input=%E0%A4%A' },
  { name: 'lone %', query: 'input=%' },
  { name: 'undefined literal', query: 'input=undefined' },
  { name: 'truncated json', query: 'input=%7B%22id%22%3A' },
  { name: 'NUL', query: 'input=%00' },
  { name: 'twice', query: 'input=1&input=2' },
  { name: 'array input', query: 'input[]=1&input[a]=2' },
  { name: 'batch', query: 'batch=1&input=%7B%220%22%3A%7B%7D%2C%221%22%3A%5B%5D%7D' },
  { name: 'batch garbage', query: 'batch=1&input=%5B1%2C2%5D' },
  { name: 'batch huge index', query: 'batch=1&input=%7B%229007199254740993%22%3A%7B%7D%7D' },
  { name: 'proto query', query: '__proto__[admin]=1&constructor[prototype][x]=1&input=%7B%7D' },
  { name: 'long url', query: `input=${'%22'.repeat(6000)}` },
];

// ---------------------------------------------------------------- tRPC procedures

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: Schema[] };
}

/** Every role, the ones that own or may act on the data set a bit more often. */
const roleArb: fc.Arbitrary<RoleName> = fc.oneof(
  { arbitrary: fc.constant<RoleName>('anonymous'), weight: 1 },
  { arbitrary: fc.constant<RoleName>('designer'), weight: 2 },
  { arbitrary: fc.constant<RoleName>('owner'), weight: 3 },
  { arbitrary: fc.constant<RoleName>('coordinator'), weight: 1 },
  { arbitrary: fc.constant<RoleName>('admin'), weight: 2 },
);

export function procedureTargets(fixture: Fixture, seedFor: (name: string) => number): Target[] {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def
    .procedures;
  const ctx: DeriveContext = {
    knownIds: fixture.knownIds,
    harvested: fixture.harvested,
    knownStrings: {
      token: [fixture.known.invitationToken],
      email: fixture.known.emails,
      to: fixture.known.emails,
      userId: Object.values(fixture.users).map((u) => u.userId),
    },
  };
  const out: Target[] = [];
  const byField: Record<string, string[]> = {
    siteId: fixture.ids.site,
    buyerSiteId: fixture.ids.site,
    lotId: fixture.ids.lot,
    tradeId: fixture.ids.trade,
    requestId: fixture.ids.request,
    photoIds: fixture.ids.photo,
    userId: fixture.ids.user,
  };
  const byNamespace: Record<string, string[]> = {
    trades: fixture.ids.trade,
    lots: fixture.ids.lot,
    requests: fixture.ids.request,
    sites: fixture.ids.site,
    payments: fixture.ids.site,
    invitations: fixture.ids.invitation,
    matching: [...fixture.ids.lot, ...fixture.ids.request],
    sourcing: fixture.ids.basket,
  };
  for (const [name, proc] of Object.entries(procedures)) {
    const type = proc._def.type;
    if (type === 'subscription') continue;
    const namespace = name.split('.')[0]!;
    const procCtx: DeriveContext = {
      ...ctx,
      idsFor: (field) => (field === 'id' ? byNamespace[namespace] : field ? byField[field] : undefined),
    };
    // tRPC merges several .input() parsers into one object; one schema per procedure here.
    const schema = proc._def.inputs[0];
    const path = `/trpc/${name}`;
    const { arbitrary: getInput, templates } = inputArb(schema, procCtx, false, seedFor(name));
    const { arbitrary: postInput } = inputArb(schema, procCtx, true, seedFor(name));
    const role = roleArb;
    const proper = type === 'query' ? 'GET' : 'POST';

    const asGet = (input: unknown, r: RoleName, transport: string, batch = false): Case => {
      const json = toJson(input);
      const query =
        json === undefined
          ? ''
          : batch
            ? `?batch=1&input=${encodeAny(`{"0":${json}}`)}`
            : `?input=${encodeAny(json)}`;
      return {
        role: r,
        transport,
        input,
        request: { method: 'GET', path: `${path}${query}`, headers: {} },
        checkFields: true,
      };
    };
    const asPost = (
      input: unknown,
      r: RoleName,
      transport: string,
      withCsrf: boolean,
      batch = false,
    ): Case => {
      const json = toJson(input);
      return {
        role: r,
        transport,
        input,
        request: {
          method: 'POST',
          path: batch ? `${path}?batch=1` : path,
          headers: { ...jsonHeaders, ...(withCsrf ? csrf : {}) },
          ...(json === undefined ? {} : { body: batch ? `{"0":${json}}` : json }),
        },
        checkFields: true,
        ...(withCsrf ? {} : { mustReject: 'no CSRF header' }),
      };
    };

    const properCall = fc
      .tuple(proper === 'GET' ? getInput : postInput, role)
      .map(([input, r]) => (proper === 'GET' ? asGet(input, r, 'proper') : asPost(input, r, 'proper', true)));
    const batchCall = fc
      .tuple(getInput, role)
      .map(([input, r]) =>
        proper === 'GET' ? asGet(input, r, 'batch', true) : asPost(input, r, 'batch', true, true),
      );
    const noCsrf = fc
      .tuple(postInput, role)
      .map(([input, r]) => asPost(input, r, 'POST without CSRF header', false));
    const wrongMethod = fc
      .tuple(getInput, role)
      .map(([input, r]) =>
        proper === 'GET' ? asPost(input, r, 'POST to a query', true) : asGet(input, r, 'GET to a mutation'),
      );
    const rawPost = fc.tuple(fc.constantFrom(...rawPostBodies), role, fc.boolean()).map(
      ([raw, r, withCsrf]): Case => ({
        role: r,
        transport: `raw POST: ${raw.name}`,
        input: undefined,
        request: {
          method: 'POST',
          path,
          headers: {
            ...(raw.contentType === '' ? {} : { 'content-type': raw.contentType ?? 'application/json' }),
            ...(withCsrf ? csrf : {}),
          },
          body: raw.body,
        },
        checkFields: false,
        ...(withCsrf ? {} : { mustReject: 'no CSRF header' }),
      }),
    );
    const rawGet = fc.tuple(fc.constantFrom(...rawQueries), role).map(
      ([raw, r]): Case => ({
        role: r,
        transport: `raw GET: ${raw.name}`,
        input: undefined,
        request: { method: 'GET', path: `${path}?${raw.query}`, headers: {} },
        checkFields: false,
      }),
    );
    out.push({
      name,
      kind: type,
      templates,
      arbitrary: fc.oneof(
        { arbitrary: properCall, weight: 14 },
        { arbitrary: noCsrf, weight: 1 },
        { arbitrary: wrongMethod, weight: 1 },
        { arbitrary: batchCall, weight: 1 },
        { arbitrary: proper === 'GET' ? rawGet : rawPost, weight: 2 },
        { arbitrary: proper === 'GET' ? rawPost : rawGet, weight: 1 },
      ),
    });
  }
  return out;
}

// ---------------------------------------------------------------- other routes

const anyString = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileStrings), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.uuid(), weight: 1 },
);

function photoTargets(fixture: Fixture): Target[] {
  const role = fc.constantFrom(...ROLES);
  const id = fc.oneof(
    { arbitrary: anyString, weight: 5 },
    { arbitrary: fc.constant(fixture.known.photoId), weight: 3 },
    { arbitrary: fc.constantFrom(...fixture.knownIds), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        fixture.known.photoId.toUpperCase(),
        `${fixture.known.photoId}.jpg`,
        `${fixture.known.photoId}%00`,
        '%zz',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        '%C0%AE',
      ),
      weight: 1,
    },
  );
  const get = fc.tuple(id, fc.option(anyString), role).map(([photoId, size, r]): Case => {
    const raw = /%/.test(photoId) && !/\s/.test(photoId) ? photoId : encodeAny(photoId);
    return {
      role: r,
      transport: 'GET',
      input: { id: photoId, size },
      request: {
        method: 'GET',
        path: `/api/photos/${raw}${size === null ? '' : `?size=${encodeAny(size)}`}`,
        headers: {},
      },
      checkFields: false,
    };
  });

  const boundary = '----fuzzboundary';
  const part = (name: string, filename: string | null, type: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    ]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
  );
  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map((b) => ({
      name: 'random bytes file',
      body: Buffer.concat([part('photo', 'a.jpg', 'image/jpeg', Buffer.from(b)), end]),
    })),
    fc.uint8Array({ maxLength: 500 }).map((b) => ({
      name: 'jpeg header + junk',
      body: Buffer.concat([
        part('photo', 'a.jpg', 'image/jpeg', Buffer.concat([jpegHeader, Buffer.from(b)])),
        end,
      ]),
    })),
    fc.uint8Array({ maxLength: 500 }).map((b) => ({
      name: 'png header + junk',
      body: Buffer.concat([
        part('photo', 'a.png', 'image/png', Buffer.concat([pngHeader, Buffer.from(b)])),
        end,
      ]),
    })),
    fc.constantFrom(
      { name: 'svg with script', body: Buffer.concat([part('photo', 'x.svg', 'image/svg+xml', svg), end]) },
      {
        name: 'field, no file',
        body: Buffer.concat([part('photo', null, 'text/plain', Buffer.from('hello')), end]),
      },
      {
        name: 'two files',
        body: Buffer.concat([
          part('a', 'a.jpg', 'image/jpeg', jpegHeader),
          part('b', 'b.jpg', 'image/jpeg', jpegHeader),
          end,
        ]),
      },
      {
        name: 'empty file',
        body: Buffer.concat([part('photo', 'a.jpg', 'image/jpeg', Buffer.alloc(0)), end]),
      },
      { name: 'no closing boundary', body: part('photo', 'a.jpg', 'image/jpeg', jpegHeader) },
      { name: 'nothing', body: Buffer.alloc(0) },
      {
        name: 'hostile filename',
        body: Buffer.concat([part('photo', '../../\u0000\r\n.jpg', 'image/jpeg', jpegHeader), end]),
      },
      {
        name: 'file over the limit',
        body: Buffer.concat([part('photo', 'a.jpg', 'image/jpeg', Buffer.alloc(12 * 1024 * 1024, 1)), end]),
      },
    ),
  );
  const contentType = fc.constantFrom(
    `multipart/form-data; boundary=${boundary}`,
    `multipart/form-data; boundary=${boundary}`,
    `multipart/form-data; boundary=${boundary}`,
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'application/json',
    'image/jpeg',
  );
  const post = fc.tuple(bodies, contentType, role, fc.boolean()).map(
    ([b, type, r, withCsrf]): Case => ({
      role: r,
      transport: `POST ${b.name}; ${type}${withCsrf ? '' : '; no CSRF header'}`,
      input: undefined,
      request: {
        method: 'POST',
        path: '/api/photos',
        headers: { 'content-type': type, ...(withCsrf ? csrf : {}) },
        body: b.body,
      },
      checkFields: false,
      ...(withCsrf ? {} : { mustReject: 'no CSRF header' }),
    }),
  );
  return [
    { name: 'GET /api/photos/:id', kind: 'http', arbitrary: get },
    { name: 'POST /api/photos', kind: 'http', arbitrary: post },
  ];
}

function impactExportTargets(fixture: Fixture): Target[] {
  const schema = (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def
    .procedures['impact.dashboard']!._def.inputs[0]!;
  const ctx: DeriveContext = { knownIds: fixture.knownIds };
  const value = fc.oneof(
    { arbitrary: derive(schema, ctx), weight: 3 },
    {
      arbitrary: fc.tuple(derive(schema, ctx), mutationArb(false)).map(([v, m]) => applyMutation(v, m)),
      weight: 4,
    },
  );
  const kind = fc.option(fc.oneof(fc.constantFrom('lines', 'aggregates'), anyString), { freq: 2 });
  const extra = fc.option(
    fc.constantFrom(
      'from=2026-01&from=2026-02',
      '__proto__[x]=1',
      'constructor=1',
      'to[]=a',
      'from',
      '=&=&',
      '%zz=1',
    ),
    { freq: 4 },
  );
  return (['csv', 'json'] as const).map((format) => ({
    name: `GET /api/impact/export.${format}`,
    kind: 'http' as const,
    arbitrary: fc.tuple(value, kind, extra, fc.constantFrom(...ROLES)).map(([v, k, x, r]): Case => {
      const pairs: string[] = [];
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [key, val] of Object.entries(v)) {
          const s = val instanceof RawJson ? val.text : typeof val === 'string' ? val : (toJson(val) ?? '');
          pairs.push(`${encodeAny(key)}=${encodeAny(s)}`);
        }
      }
      if (k !== null) pairs.push(`kind=${encodeAny(k)}`);
      if (x !== null) pairs.push(x);
      return {
        role: r,
        transport: 'GET',
        input: { query: v, kind: k, extra: x },
        request: { method: 'GET', path: `/api/impact/export.${format}?${pairs.join('&')}`, headers: {} },
        checkFields: true,
      };
    }),
  }));
}

function authTargets(fixture: Fixture): Target[] {
  const email = fc.oneof(fc.constantFrom(...fixture.known.emails), fc.emailAddress(), anyString);
  const password = fc.oneof(fc.string({ minLength: 10, maxLength: 20 }), anyString);
  const bodyValue = fc.oneof(
    fc.record({ email, password }),
    fc.record({ name: anyString, email, password }),
    fc.record({ email, redirectTo: fc.oneof(fc.webUrl(), anyString) }),
    fc.record({ newPassword: password, token: anyString }),
    fc.record({ token: anyString, callbackURL: fc.oneof(fc.webUrl(), anyString) }),
  );
  const value = fc.oneof(
    { arbitrary: bodyValue, weight: 3 },
    { arbitrary: fc.tuple(bodyValue, mutationArb(true)).map(([v, m]) => applyMutation(v, m)), weight: 4 },
    { arbitrary: fc.constantFrom(...hostileStructures), weight: 1 },
  );
  const endpoint = fc.constantFrom(
    'sign-in/email',
    'sign-up/email',
    'sign-out',
    'request-password-reset',
    'forget-password',
    'reset-password',
    'send-verification-email',
    'verify-email',
    'get-session',
    'update-user',
    'change-password',
    'list-sessions',
    'revoke-sessions',
    'delete-user',
    'organization/create',
    'does-not-exist',
    '..%2F..%2Ftrpc%2Faccount.me',
    '%00',
  );
  const arbitrary = fc
    .tuple(
      endpoint,
      value,
      fc.constantFrom('POST', 'POST', 'POST', 'GET') as fc.Arbitrary<'POST' | 'GET'>,
      fc.option(fc.constantFrom(...rawPostBodies)),
    )
    .map(([ep, v, method, raw]): Case => {
      if (method === 'GET') {
        const pairs =
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.entries(v).map(
                ([k, x]) => `${encodeAny(k)}=${encodeAny(typeof x === 'string' ? x : (toJson(x) ?? ''))}`,
              )
            : [];
        return {
          // Anonymous only: a role's session must survive sign-out and delete-user calls.
          role: 'anonymous',
          transport: 'GET',
          input: v,
          request: {
            method: 'GET',
            path: `/api/auth/${ep}?${pairs.join('&')}`,
            headers: { origin: fixture.origin },
          },
          checkFields: false,
        };
      }
      const body = raw ? raw.body : toJson(v);
      return {
        role: 'anonymous',
        transport: raw ? `raw POST: ${raw.name}` : 'POST',
        input: raw ? undefined : v,
        request: {
          method: 'POST',
          path: `/api/auth/${ep}`,
          headers: { origin: fixture.origin, 'content-type': raw?.contentType || 'application/json' },
          ...(body === undefined ? {} : { body }),
        },
        checkFields: false,
      };
    });
  return [{ name: 'POST|GET /api/auth/*', kind: 'http', arbitrary }];
}

function sign(payload: string | Buffer, t: number, secret = WEBHOOK_SECRET): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');
  return `t=${t},v1=${mac}`;
}

function webhookTargets(fixture: Fixture): Target[] {
  const tradeId = fc.oneof(
    fc.constantFrom(...fixture.knownIds),
    anyString,
    fc.constantFrom(...hostileStructures),
  );
  const objects = fc.oneof(
    fc.record({
      id: anyString,
      object: fc.constant('checkout.session'),
      amount_total: fc.oneof(fc.integer(), fc.constantFrom(...[null, -1, 2 ** 53, 1e308])),
      payment_intent: fc.oneof(anyString, fc.constant(null), fc.record({ id: anyString })),
      payment_status: fc.oneof(fc.constantFrom('paid', 'unpaid', 'no_payment_required'), anyString),
      client_reference_id: fc.option(tradeId),
      metadata: fc.option(fc.record({ tradeId })),
    }),
    fc.record({
      id: anyString,
      object: fc.constant('charge'),
      amount_captured: fc.integer(),
      amount_refunded: fc.oneof(fc.integer(), fc.constant(2 ** 53)),
      refunded: fc.boolean(),
      payment_intent: fc.oneof(anyString, fc.constant(null)),
      transfer_group: fc.option(tradeId),
      metadata: fc.option(fc.record({ tradeId })),
    }),
    fc.record({
      id: anyString,
      object: fc.constant('account'),
      charges_enabled: fc.boolean(),
      payouts_enabled: fc.boolean(),
      details_submitted: fc.boolean(),
    }),
  );
  const type = fc.constantFrom(
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.expired',
    'charge.refunded',
    'account.updated',
    'payment_intent.succeeded',
    '__proto__',
  );
  const event = fc
    .record({
      id: fc.oneof(
        fc.uuid().map((u) => `evt_${u}`),
        anyString,
      ),
      object: fc.constant('event'),
      type,
      created: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(-1, 2 ** 53, 1e308)),
      livemode: fc.boolean(),
      data: fc.record({ object: objects }),
    })
    .chain((e) =>
      fc.oneof(
        { arbitrary: fc.constant<unknown>(e), weight: 2 },
        mutationArb(false).map((m) => applyMutation(e, m)),
      ),
    );
  const signature = fc.constantFrom(
    'valid',
    'valid',
    'valid',
    'none',
    'garbage',
    'stale',
    'future',
    'wrong secret',
    'many v1',
    'hostile',
  );
  const arbitrary = fc
    .tuple(
      fc.oneof({ arbitrary: event, weight: 4 }, { arbitrary: fc.constantFrom(...rawPostBodies), weight: 1 }),
      signature,
      fc.constantFrom(...hostileStrings),
    )
    .map(([e, sig, h]): Case => {
      const isRaw =
        e !== null &&
        typeof e === 'object' &&
        'name' in (e as object) &&
        'body' in (e as object) &&
        !('object' in (e as object));
      const body = isRaw ? (e as { body: string | Buffer }).body : (toJson(e) ?? '');
      const now = Math.floor(Date.now() / 1000);
      const header: Record<string, string> = {
        valid: sign(body, now),
        none: '',
        garbage: 't=abc,v1=zzz',
        stale: sign(body, now - 3600),
        future: sign(body, now + 10 ** 9),
        'wrong secret': sign(body, now, 'whsec_wrong'),
        'many v1': `t=${now},${Array.from({ length: 200 }, () => 'v1=00').join(',')}`,
        hostile: encodeAny(h).slice(0, 2000),
      };
      const contentType = isRaw
        ? ((e as { contentType?: string }).contentType ?? 'application/json')
        : 'application/json';
      return {
        role: 'anonymous',
        transport: `signature ${sig}${isRaw ? `; raw ${(e as { name: string }).name}` : ''}`,
        input: isRaw ? undefined : e,
        request: {
          method: 'POST',
          path: '/api/webhooks/stripe',
          headers: {
            ...(contentType ? { 'content-type': contentType } : {}),
            ...(header[sig] ? { 'stripe-signature': header[sig]! } : {}),
          },
          body,
        },
        checkFields: false,
      };
    });
  return [{ name: 'POST /api/webhooks/stripe', kind: 'http', arbitrary }];
}

export function httpTargets(fixture: Fixture): Target[] {
  return [
    ...photoTargets(fixture),
    ...impactExportTargets(fixture),
    ...authTargets(fixture),
    ...webhookTargets(fixture),
  ];
}
