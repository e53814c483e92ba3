import type { Actor, UserActor } from '@retaille/services';
import { anonymous } from '@retaille/services';
import {
  allowPricedLots,
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '@retaille/services/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { appRouter } from './router.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Regression tests for the hostile probe of issue 10: inputs that used to reach PostgreSQL and
 * come back as 500s (NUL bytes, crafted cursors, impossible dates, integer overflows) must be
 * 400s naming the field, and editing lots must not break nearest-first pagination.
 */
let s: TestServices;
let admin: UserActor;
const createCaller = createCallerFactory(appRouter);
const callerOf = (actor: Actor) => createCaller({ services: s, actor });

beforeAll(async () => {
  s = await createTestServices();
  admin = await createTestUser(s, { roles: ['admin'] });
});
afterAll(() => s.database.close());

type Call = (input: unknown) => Promise<unknown>;
function procedure(actor: Actor, path: string): Call {
  return path.split('.').reduce<any>((node, key) => node[key], callerOf(actor)) as Call;
}

interface Failure {
  code: string;
  /** Field paths with their message keys, from zod or from a DomainError's fields. */
  fields: { path: string; key: string }[];
  key: string | undefined;
}
async function failure(promise: Promise<unknown>): Promise<Failure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError))
    return { code: `not a TRPCError: ${String(error)}`, fields: [], key: undefined };
  const cause = error.cause as unknown;
  if (cause instanceof ZodError) {
    return {
      code: error.code,
      key: 'zod',
      fields: cause.issues.map((i) => ({ path: i.path.map(String).join('.'), key: i.message })),
    };
  }
  const details = (cause as { key?: string; details?: { fields?: { path: string; key: string }[] } }) ?? {};
  return {
    code: error.code,
    key: details.key,
    fields: (details.details?.fields ?? []).map((f) => ({ path: f.path, key: f.key })),
  };
}

const U = '5f0c3a52-2f43-4c39-9d1e-6f0c2b7a9e11';
const sampleLot = {
  siteId: U,
  title: 'Chutes de chêne',
  description: 'Planches rabotées\nlivrables sur palette',
  materialKey: 'oak',
  condition: 'offcut',
  unit: 'piece',
  quantity: 10,
  dimensions: { lengthMm: 1000 },
  free: true,
  availableFrom: '2027-01-01',
  availableUntil: '2027-02-01',
  ewcCode: '04 02 22',
};
const sampleSite = {
  name: 'Atelier',
  description: 'Menuiserie',
  address: '1 rue des Essais',
  postalCode: '42000',
  communeInsee: '42218',
  sectors: ['bois'],
  territoryType: 'small_medium_town',
  contactEmail: 'contact@example.test',
  contactPhone: '+33 4 77 00 00 00',
  website: 'https://atelier.example.test/page',
};

/**
 * A valid input for every procedure that takes a string (ids only need to be well-formed: the
 * poisoned field fails validation before any service runs). Every string leaf is poisoned in turn.
 */
const samples: Record<string, { actor: 'anonymous' | 'admin'; input: unknown }> = {
  'lots.search': {
    actor: 'anonymous',
    input: { q: 'chêne', point: { kind: 'commune', insee: '42218' }, cursor: 'abc', siteId: U },
  },
  'lots.get': { actor: 'anonymous', input: { id: U, from: { kind: 'commune', insee: '42218' } } },
  'sites.list': { actor: 'anonymous', input: { q: 'atelier', departementCode: '42' } },
  'impact.factors.get': { actor: 'anonymous', input: { version: 'defra-2024' } },
  'geo.searchCommunes': { actor: 'anonymous', input: { q: 'Saint-Étienne' } },
  'invitations.get': { actor: 'anonymous', input: { token: 'abcdefghijklmnopqrstuvwxyz' } },
  'notifications.unsubscribe': { actor: 'anonymous', input: { token: 'dXNlcgphbGw.c2lnbmF0dXJl' } },
  'notifications.list': { actor: 'admin', input: { cursor: 'MjAyNi0xMi0wNQ', limit: 20 } },
  'lots.create': { actor: 'admin', input: sampleLot },
  'lots.update': { actor: 'admin', input: { id: U, lot: sampleLot } },
  'requests.create': {
    actor: 'admin',
    input: {
      title: 'Chêne',
      description: 'Pour des tabourets',
      materialKeys: ['oak'],
      unit: 'piece',
      quantityMin: 1,
      quantityMax: 5,
      maxDistanceKm: 50,
      point: { kind: 'commune', insee: '42218' },
      neededBy: '2027-03-01',
    },
  },
  'sites.create': { actor: 'admin', input: sampleSite },
  'sites.update': { actor: 'admin', input: { id: U, site: sampleSite } },
  'sites.members.setRole': { actor: 'admin', input: { siteId: U, userId: 'user-1', role: 'member' } },
  'sites.invitations.create': { actor: 'admin', input: { siteId: U, email: 'new@example.test' } },
  'account.updateProfile': { actor: 'admin', input: { name: 'Alice', homeCommuneInsee: '42218' } },
  'admin.setRoles': {
    actor: 'admin',
    input: { email: 'a@example.test', roles: ['coordinator'], departements: ['42'], regions: ['84'] },
  },
  'allocations.start': { actor: 'admin', input: { regionCode: '84' } },
  'dev.outbox': { actor: 'admin', input: { to: 'a@example.test' } },
  'impact.dashboard': {
    actor: 'admin',
    input: { from: '2026-01', to: '2026-06', departement: '42', region: '84' },
  },
  'impact.circuits': { actor: 'admin', input: { from: '2026-01-01', to: '2026-06-30' } },
  'impact.circuitsCsv': { actor: 'admin', input: { from: '2026-01-01', to: '2026-06-30', lang: 'en' } },
  'impact.factors.previewImport': {
    actor: 'admin',
    input: { version: 'defra-2025', materialsCsv: 'key;label\noak;Chêne\n', transportCsv: 'a\tb\n' },
  },
  'impact.factors.confirmImport': {
    actor: 'admin',
    input: { version: 'defra-2025', materialsCsv: 'key;label\n', reviewToken: 'a'.repeat(64) },
  },
  'trades.request': { actor: 'admin', input: { lotId: U, quantity: '2,5', message: 'Bonjour,\nmerci' } },
  'trades.proposePickup': {
    actor: 'admin',
    input: { id: U, start: '2027-01-04T09:00:00+01:00', end: '2027-01-04T10:00:00Z' },
  },
  'trades.handOver': { actor: 'admin', input: { id: U, measuredKg: '12.5' } },
  'trades.confirmReceipt': { actor: 'admin', input: { id: U, receivedKg: '12,5' } },
  'trades.openDispute': { actor: 'admin', input: { id: U, reason: 'Pas conforme\nà la description' } },
  'trades.messages.send': { actor: 'admin', input: { id: U, body: 'Bonjour' } },
  'sourcing.plan': {
    actor: 'admin',
    input: {
      point: { kind: 'commune', insee: '42218' },
      lines: [{ id: 'pieds', material: 'oak', substitutes: ['ash'], quantity: 4, unit: 'piece' }],
    },
  },
  'sourcing.createBasket': {
    actor: 'admin',
    input: { key: U, title: 'Table de ferme', picks: [{ lineId: 'pieds', lotId: U, quantity: 4 }] },
  },
};

/** Every string leaf of an input, with its dotted path. */
function stringLeaves(value: unknown, path: string[] = []): { path: string[]; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
}
function withLeaf(value: unknown, path: string[], leaf: string): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}
/** Leaves whose schema is a format (uuid, e-mail, enum): they fail on their own key, still a 400. */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENUM_VALUES = new Set([
  'commune',
  'oak',
  'offcut',
  'piece',
  'bois',
  'small_medium_town',
  'member',
  'coordinator',
]);
/** Dates, months, instants, decimals, phone numbers and URLs: checked by their format first. */
const FORMATTED_RE = /^(?:[-+\d .,:TZ()]+|https?:.*)$/;
const isFormatLeaf = (v: string) =>
  UUID_RE.test(v) || v.includes('@') || ENUM_VALUES.has(v) || FORMATTED_RE.test(v);

const cases = Object.entries(samples).flatMap(([path, sample]) =>
  stringLeaves(sample.input).map((leaf) => ({ path, sample, leaf })),
);

describe('control characters and lone surrogates are field errors, never 500s', () => {
  it('has samples that pass validation as they are', async () => {
    for (const [path, sample] of Object.entries(samples)) {
      const actor = sample.actor === 'admin' ? admin : anonymous;
      const f = await failure(procedure(actor, path)(sample.input));
      // Ids of nothing: NOT_FOUND, FORBIDDEN or CONFLICT from the service, but not a validation error.
      expect({ path, fields: f.key === 'zod' ? f.fields : [] }).toEqual({ path, fields: [] });
    }
  });

  it('covers at least the 17 text fields the probe broke', () => {
    expect(cases.filter((c) => !isFormatLeaf(c.leaf.value)).length).toBeGreaterThanOrEqual(17);
  });

  it.each(cases.map((c) => [`${c.path} ${c.leaf.path.join('.')}`, c] as const))(
    'NUL in %s',
    async (_name, { path, sample, leaf }) => {
      const actor = sample.actor === 'admin' ? admin : anonymous;
      const poisoned = `${leaf.value.slice(0, 1)}\u0000${leaf.value.slice(1)}`;
      const f = await failure(procedure(actor, path)(withLeaf(sample.input, leaf.path, poisoned)));
      expect(f.code).toBe('BAD_REQUEST');
      const field = f.fields.find((x) => x.path === leaf.path.join('.'));
      expect(field, JSON.stringify(f)).toBeDefined();
      if (!isFormatLeaf(leaf.value)) expect(field?.key).toBe('field.controlCharacters');
    },
  );

  it.each([
    ['lots.search', { q: 'ch\uD800ne' }, 'q'],
    ['sites.list', { q: '\uDC00atelier' }, 'q'],
    ['impact.factors.get', { version: 'v\u0007' }, 'version'],
    ['geo.searchCommunes', { q: 'Saint\u001bÉtienne' }, 'q'],
  ])('%s refuses %o anonymously', async (path, input, field) => {
    const f = await failure(procedure(anonymous, path)(input));
    expect(f).toMatchObject({
      code: 'BAD_REQUEST',
      fields: [{ path: field, key: 'field.controlCharacters' }],
    });
  });

  it('keeps tabs and line breaks in multi-line text, and emoji (surrogate pairs) everywhere', async () => {
    const owner = await createTestUser(s);
    const site = await createTestSite(s, owner);
    const lot = await callerOf(owner).lots.create({
      ...lotInput(site.id),
      title: 'Chêne 🌳 massif',
      description: 'Ligne 1\n\tLigne 2\r\nFin',
      free: true,
    } as never);
    expect(lot.title).toBe('Chêne 🌳 massif');
    expect(lot.description).toBe('Ligne 1\n\tLigne 2\r\nFin');
    const f = await failure(
      callerOf(owner).lots.create({ ...lotInput(site.id), title: 'Chêne\nmassif', free: true } as never),
    );
    expect(f.fields).toContainEqual({ path: 'title', key: 'field.controlCharacters' });
  });
});

describe('crafted search cursors are a 400 on `cursor`', () => {
  const b64 = (v: string) => Buffer.from(v).toString('base64url');
  const point = { kind: 'point', lat: 45.43, lon: 4.39 } as const;
  it.each<[string, string, boolean]>([
    ['not base64url', 'not base64!!', true],
    ['base64 of garbage', b64('garbage{'), true],
    ['an object, not a pair', b64('{"key":1,"id":"x"}'), true],
    ['a pair of one', b64('[1]'), true],
    ['a triple', b64(`[1,"${U}",3]`), true],
    ['an id that is not a string', b64('[1,2]'), true],
    ['a dashes-only id', b64('[10,"------------------------------------"]'), true],
    ['an id that is not a uuid', b64('[10,"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]'), true],
    ['a string key on a distance search', b64(`["abc","${U}"]`), true],
    ['an infinite key', b64(`[1e400,"${U}"]`), true],
    ['a huge key', b64(`[1e300,"${U}"]`), true],
    ['a negative key', b64(`[-5,"${U}"]`), true],
    ['null key', b64(`[null,"${U}"]`), true],
    ['an impossible timestamp', b64(`["9999-99-99 00:00:00+00","${U}"]`), false],
    ['30 February', b64(`["2026-02-30 10:00:00.5+00","${U}"]`), false],
    ['year 0', b64(`["0000-01-01 00:00:00+00","${U}"]`), false],
    ['a numeric key on a newest-first search', b64(`[5,"${U}"]`), false],
    ['a cursor longer than any we issue', 'A'.repeat(201), false],
  ])('%s', async (_name, cursor, withPoint) => {
    const f = await failure(
      callerOf(anonymous).lots.search({
        cursor,
        ...(withPoint ? { point, sort: 'distance' } : { sort: 'newest' }),
      }),
    );
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.fields.map((x) => x.path)).toEqual(['cursor']);
  });
});

describe('dates are real calendar days within 2000–2100', () => {
  it.each([
    ['9999-99-99', 'field.date'],
    ['2026-02-30', 'field.date'],
    ['2027-02-29', 'field.date'],
    ['2026-13-01', 'field.date'],
    ['0000-01-01', 'field.dateRange'],
    ['+275760-09-13', 'field.date'],
    ['2026-1-1', 'field.date'],
  ])('lots.create and requests.create refuse %s', async (date, key) => {
    const lot = await failure(callerOf(admin).lots.create({ ...sampleLot, availableUntil: date } as never));
    expect(lot.fields).toContainEqual({ path: 'availableUntil', key });
    const request = samples['requests.create']!.input as object;
    const r = await failure(callerOf(admin).requests.create({ ...request, neededBy: date } as never));
    expect(r.fields).toContainEqual({ path: 'neededBy', key });
  });

  it('accepts 29 February of a leap year', async () => {
    const f = await failure(
      callerOf(admin).lots.create({ ...sampleLot, availableUntil: '2028-02-29' } as never),
    );
    expect(f.fields.filter((x) => x.path === 'availableUntil')).toEqual([]);
  });

  it.each([
    ['2026-02-30T10:00:00Z'],
    ['+275760-09-13T00:00:00.000Z'],
    ['9999-99-99T99:99:99Z'],
    ['0000-01-01T00:00:00Z'],
    ['2027-01-04T25:00:00Z'],
    ['2027-01-04'],
    [null],
    [0],
    [''],
  ])('trades.proposePickup refuses start %o', async (start) => {
    const f = await failure(
      callerOf(admin).trades.proposePickup({ id: U, start, end: '2027-01-04T10:00:00Z' } as never),
    );
    expect(f.fields).toContainEqual({ path: 'start', key: 'trade.pickupSlotInvalid' });
  });

  it.each([['0000-01'], ['9999-12'], ['2026-13']])('impact.dashboard refuses month %s', async (from) => {
    const f = await failure(callerOf(admin).impact.dashboard({ from, to: '2026-12' }));
    expect(f.fields).toContainEqual({ path: 'from', key: 'impact.invalidMonth' });
  });

  it.each([
    ['2026-02-30', 'from:field.date'],
    ['0000-01-01', 'from:field.dateRange'],
    ['2026-01-01\u0000', 'from:field.date'],
    ['2022-12-31', 'to:impact.circuitsPeriodTooLong'],
    ['2027-01-01', 'to:impact.periodReversed'],
  ])('impact.circuits refuses from %o', async (from, field) => {
    const f = await failure(callerOf(admin).impact.circuits({ from, to: '2026-12-31' }));
    expect(f.fields.map((x) => `${x.path}:${x.key}`)).toContain(field);
  });
});

describe('numbers cannot overflow the database columns', () => {
  it('refuses a trade above 1 000 000 € (1 000 000 €/kg × 21 kg) with pricing.totalTooLarge', async () => {
    const seller = await createTestUser(s);
    const site = await createTestSite(s, seller);
    await allowPricedLots(s, site.id);
    const lot = await callerOf(seller).lots.create({
      ...lotInput(site.id),
      unit: 'kg',
      quantity: 100,
      dimensions: {},
      free: false,
      priceCents: 100_000_000,
    } as never);
    const buyer = await createTestUser(s);
    const f = await failure(callerOf(buyer).trades.request({ lotId: lot.id, quantity: 21 }));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', key: 'pricing.totalTooLarge' });
    expect(f.fields).toEqual([{ path: 'quantity', key: 'pricing.totalTooLarge' }]);
    const trades = (await callerOf(buyer).trades.listMine()).items;
    expect(JSON.stringify(trades)).not.toContain(lot.id);
  });

  it.each([
    ['trades.handOver', { id: U, measuredKg: '2147484' }, 'measuredKg'],
    ['trades.handOver', { id: U, measuredKg: 2147484 }, 'measuredKg'],
    ['trades.handOver', { id: U, measuredKg: '99999999999999999999' }, 'measuredKg'],
    ['trades.confirmReceipt', { id: U, receivedKg: '1e9' }, 'receivedKg'],
    ['trades.request', { lotId: U, quantity: '1000000000' }, 'quantity'],
    [
      'trades.resolveDispute',
      { id: U, resolution: { kind: 'refund_partial', refundCents: 2 ** 40 } },
      'resolution.refundCents',
    ],
  ])('%s refuses %o', async (path, input, field) => {
    const f = await failure(procedure(admin, path)(input));
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.fields.map((x) => x.path)).toContain(field);
  });
});

describe('positive measures below the column precision are field errors, not check violations', () => {
  // Found by the fuzz suite: 4.7e-151 is positive but numeric(14, 3) stores 0, and `quantity > 0` fails.
  it.each([
    ['lots.create', { ...sampleLot, quantity: 4.753150799334882e-151 }, 'quantity'],
    ['lots.create', { ...sampleLot, quantity: 0.0004 }, 'quantity'],
    ['lots.create', { ...sampleLot, measuredKg: 2.3e-132 }, 'measuredKg'],
    ['lots.create', { ...sampleLot, dimensions: { lengthMm: 0.04 } }, 'dimensions.lengthMm'],
    ['lots.update', { id: U, lot: { ...sampleLot, quantity: 1e-9 } }, 'lot.quantity'],
    [
      'requests.create',
      { ...(samples['requests.create']!.input as object), maxDistanceKm: 3.317361203105217e-100 },
      'maxDistanceKm',
    ],
    [
      'requests.create',
      { ...(samples['requests.create']!.input as object), quantityMin: 1e-7 },
      'quantityMin',
    ],
  ])('%s refuses %o', async (path, input, field) => {
    const f = await failure(procedure(admin, path)(input));
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.fields.map((x) => x.path)).toContain(field);
  });
});

describe('tRPC transport errors do not echo runtime messages', () => {
  it('a body that is not JSON answers a generic, translated text', () => {
    const error = new TRPCError({
      code: 'PARSE_ERROR',
      cause: new SyntaxError('Unexpected end of JSON input'),
    });
    const formatted = appRouter._def._config.errorFormatter({
      error,
      type: 'mutation',
      path: 'payments.onboard',
      input: undefined,
      ctx: undefined,
      shape: {
        message: error.message,
        code: -32700,
        data: { code: 'PARSE_ERROR', httpStatus: 400, path: 'payments.onboard' },
      },
    }) as { message: string; data: { key: string; messages: { fr: string; en: string } } };
    expect(JSON.stringify(formatted)).not.toContain('Unexpected end');
    expect(formatted.data.key).toBe('trpc.PARSE_ERROR');
    expect(formatted.data.messages.en).toBe('The request body is not valid JSON.');
    expect(formatted.message).toBe('The request body is not valid JSON.');
  });
});

describe('editing lots keeps nearest-first pages exact (ADR 005)', () => {
  it('6 lots at one site, all edited, paged 2 by 2: all 6, no repeats', async () => {
    const owner = await createTestUser(s);
    const site = await createTestSite(s, owner, { postalCode: '39170', name: 'Pagination' });
    const caller = callerOf(owner);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const lot = await caller.lots.create({ ...lotInput(site.id), title: `Lot ${i}`, free: true } as never);
      ids.push(lot.id);
    }
    for (const id of ids) {
      await caller.lots.update({
        id,
        lot: { ...lotInput(site.id), title: `Lot modifié ${id.slice(0, 4)}`, free: true } as never,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await caller.lots.search({
        point: { kind: 'site', siteId: site.id },
        siteId: site.id,
        sort: 'distance',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...r.items.map((l) => l.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort()).toEqual([...ids].sort());
  });
});
