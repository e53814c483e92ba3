/**
 * Hostile inputs: values that break naive code (NUL bytes, lone surrogates, huge strings, deep
 * nesting, prototype keys, wrong types, SQL and HTML payloads, crafted cursors, boundary numbers
 * and impossible dates), and ways to put them into an otherwise valid input.
 */
import fc from 'fast-check';

/** A JSON token written verbatim (1e400, -0, a 20-digit integer…), which JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Cursors shaped like the real ones (base64url of `[key, id]`) with keys and ids that are not. */
const cursorKeys: unknown[] = [
  '2026-13-45 25:61:61',
  '0000-00-00 00:00:00',
  '9999-99-99 99:99:99.999+99',
  '2026-02-30 12:00:00+00',
  '275760-09-13 00:00:00',
  '2026-01-01 ::::',
  '2026-01-01 1',
  1e308,
  -1e308,
  5e-324,
  2 ** 53,
  -1,
  0,
];
const cursorIds = [
  '------------------------------------',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0123456789abcdef0123456789abcdef0123',
  '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
];
export const craftedCursors: string[] = [
  ...cursorKeys.flatMap((k) => cursorIds.map((id) => b64(JSON.stringify([k, id])))),
  b64('[1e999,"00000000-0000-0000-0000-000000000000"]'),
  b64('{"__proto__":{"x":1}}'),
  b64('[null,null]'),
  b64('[]'),
  b64('"x"'),
  b64('[1,"00000000-0000-0000-0000-000000000000",3]'),
  b64('\u0000'),
  b64(`[${'['.repeat(5000)}${']'.repeat(5000)}]`).slice(0, 200),
  '!!!!',
  '====',
  '%00',
  '',
  'a'.repeat(200),
  'eyJ',
];

const controlChars = `${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\u007f`;

export const hostileStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  controlChars,
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '\ufeff\u200b\u202e',
  '😀'.repeat(50),
  "' OR 1=1 --",
  "'; DROP TABLE lot; --",
  '"); select pg_sleep(0); --',
  '\\',
  '%_%',
  '$1',
  "E'\\x00'",
  '::uuid',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose.
  '${process.exit()}',
  '../../../../etc/passwd',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x10',
  '9007199254740993',
  '2147483648',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '275760-09-14',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-19T00:00:00.000Z',
  '2026-01-01T25:61:61Z',
  '1970-01-01T00:00:00Z',
  '0000-01',
  '9999-99',
  '2026-00',
  'x'.repeat(10_000),
  ...craftedCursors.slice(0, 12),
];

/** One megabyte strings: only where a body can carry them (POST), and rarely. */
export const megaStrings: string[] = ['x'.repeat(1_000_000), '\u0000'.repeat(300_000), 'é'.repeat(500_000)];

export const hostileNumbers: unknown[] = [
  new RawJson('-0'),
  0,
  -1,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
  1.7976931348623157e308,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  8.64e15,
  8.64e15 + 1,
  -8.64e15 - 1,
];

function deep(n: number, kind: 'array' | 'object'): RawJson {
  return new RawJson(
    kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
  );
}

export const hostileStructures: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  [1, 2, 3],
  { length: 1e9 },
  { toString: 'x', valueOf: 1 },
  deep(64, 'array'),
  deep(2000, 'array'),
  deep(2000, 'object'),
  new RawJson('{"__proto__":{"admin":true,"roles":["admin"]}}'),
  new RawJson('{"constructor":{"prototype":{"admin":true}}}'),
  new RawJson('{"a":1,"a":2}'),
];

/** The few values that most often break a server (tried more often than the rest). */
export const killerValues: unknown[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '',
  5e-324,
  1e-320,
  1e308,
  2 ** 31,
  2 ** 53,
  -(2 ** 31) - 1,
  new RawJson('1e400'),
  new RawJson('-0'),
  '9999-99-99',
  '2026-02-30',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  8.64e15 + 1,
  ...craftedCursors.slice(0, 10),
];

/** Any hostile value; `allowMega` for POST bodies. */
export function hostileValue(allowMega: boolean): fc.Arbitrary<unknown> {
  const parts: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: fc.constantFrom(...hostileStrings), weight: 6 },
    { arbitrary: fc.constantFrom(...hostileNumbers), weight: 4 },
    { arbitrary: fc.constantFrom(...hostileStructures), weight: 3 },
    { arbitrary: fc.constantFrom(...craftedCursors), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  ];
  if (allowMega) parts.push({ arbitrary: fc.constantFrom(...megaStrings), weight: 1 });
  return fc.oneof(...parts);
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

type Json = unknown;

/** Every path (array of keys) to a value inside `v`, the root included. */
function pathsOf(
  v: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(v)) for (const [i, x] of v.entries()) pathsOf(x, [...prefix, i], out);
  else if (v && typeof v === 'object' && !(v instanceof RawJson))
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

function clone(v: Json): Json {
  if (Array.isArray(v)) return v.map(clone);
  if (v && typeof v === 'object' && !(v instanceof RawJson)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(o, k, { value: clone(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function setAt(root: Json, path: (string | number)[], value: unknown): Json {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  Object.defineProperty(cur, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

export type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'protoKey'; pick: number; key: string; value: unknown }
  | { kind: 'extraKey'; pick: number; key: string; value: unknown };

export function mutationArb(allowMega: boolean): fc.Arbitrary<Mutation> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('replace' as const),
        pick: fc.nat(),
        value: hostileValue(allowMega),
      }),
      weight: 6,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('replace' as const),
        pick: fc.nat(),
        value: fc.constantFrom(...killerValues),
      }),
      weight: 5,
    },
    { arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('protoKey' as const),
        pick: fc.nat(),
        key: fc.constantFrom(...PROTO_KEYS),
        value: fc.constantFrom<unknown>({ admin: true, roles: ['admin'], isAdmin: true }, null, 'x', {
          prototype: { polluted: 1 },
        }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('extraKey' as const),
        pick: fc.nat(),
        key: fc.string({ maxLength: 10 }),
        value: hostileValue(false),
      }),
      weight: 1,
    },
  );
}

/** Applies `m` at one of the value's paths (chosen by `m.pick`). */
export function applyMutation(value: Json, m: Mutation): Json {
  const all = pathsOf(value);
  const path = all[m.pick % all.length]!;
  switch (m.kind) {
    case 'replace':
      return setAt(value, path, m.value);
    case 'drop': {
      if (path.length === 0) return undefined;
      const parentPath = path.slice(0, -1);
      const parent = clone(parentPath.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], value));
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
      else delete (parent as Record<string, Json>)[String(path[path.length - 1])];
      return setAt(value, parentPath, parent);
    }
    case 'protoKey':
    case 'extraKey': {
      const objects = all.filter((p) => {
        const v = p.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], value);
        return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawJson);
      });
      if (objects.length === 0) return setAt(value, [], { [m.key]: m.value });
      const at = objects[m.pick % objects.length]!;
      return setAt(value, [...at, m.key], m.value);
    }
  }
}

/** JSON text of `value`, with RawJson tokens written verbatim (and own `__proto__` keys kept). */
export function toJson(value: unknown): string | undefined {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  if (text === undefined) return undefined;
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

/** Strings of the input, as they may be echoed back in a response (to keep the leak check honest). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof RawJson) out.push(value.text);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out);
    }
  return out;
}
