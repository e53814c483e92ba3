/**
 * zod 4 schema → fast-check arbitrary of plausible inputs, read from `schema._zod.def`. Values
 * aim at the schema's shape (bounds, formats, enums, discriminators) so that many calls get past
 * validation and reach the services; hostile variants are layered on top in hostile.ts.
 */
import fc from 'fast-check';

// zod's internal definitions, read untyped on purpose.
type Def = Record<string, any>;
export type Schema = { _zod: { def: Def } } & Record<string, any>;

export interface DeriveContext {
  /** Ids of the data set: generated uuids often pick one of them. */
  knownIds: readonly string[];
  /** The ids that fit a field (lotId → the lots…), when known. */
  idsFor?: (field: string | undefined) => readonly string[] | undefined;
  /** Ids seen in earlier 2xx answers (lots, trades… the fuzzer created), growing during the run. */
  harvested?: readonly string[];
  /** Known values for string fields by name (e.g. a real invitation token). */
  knownStrings?: Readonly<Record<string, readonly string[]>>;
}

const MAX_DEPTH = 8;
const OMIT = Symbol('omit');

function checksOf(def: Def): Def[] {
  return ((def.checks ?? []) as { _zod: { def: Def } }[]).map((c) => c._zod.def);
}

/** One of the harvested ids (read when the value is generated), or the nil uuid before any. */
function harvestedId(pool: readonly string[]): fc.Arbitrary<string> {
  return fc
    .nat()
    .map((i) => (pool.length > 0 ? pool[i % pool.length]! : '00000000-0000-0000-0000-000000000000'));
}

/** Kinds met while deriving, so the runner can say which ones fell back to "anything". */
export const unknownKinds = new Set<string>();

/** Instants around now: pickup slots and other plans are refused far in the past or future. */
const soon = fc
  .integer({ min: -2 * 86_400_000, max: 60 * 86_400_000 })
  .map((ms) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000).toISOString());
const days = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2034-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/**
 * Shapes that refinements hide from the definition (a calendar date checked in code, a French
 * phone number…): each sample that the schema accepts brings its generator along.
 */
const probes: [string, fc.Arbitrary<string>][] = [
  ['2026-03-15', days.map((d) => d.toISOString().slice(0, 10))],
  ['2026-03', days.map((d) => d.toISOString().slice(0, 7))],
  ['2026-03-15T09:00:00.000Z', soon],
  ['jeanne@example.test', fc.stringMatching(/^[a-z]{1,12}(\.[a-z]{1,8})?@(example|atelier)\.(test|fr)$/)],
  ['69001', fc.constantFrom('69001', '75011', '13001', '33000', '59000')],
  ['69123', fc.constantFrom('69123', '75056', '13055', '33063')],
  ['+33612345678', fc.constantFrom('+33612345678', '06 12 34 56 78', '0478123456')],
  ['https://example.test/atelier', fc.webUrl({ validSchemes: ['https'] })],
];

function probed(schema: Schema): fc.Arbitrary<string>[] {
  const safeParse = schema.safeParse as ((v: unknown) => { success: boolean }) | undefined;
  if (!safeParse) return [];
  const fits = probes.filter(([sample]) => safeParse.call(schema, sample).success).map(([, arb]) => arb);
  // A plain string accepts every sample: then they say nothing about its shape.
  return fits.length === probes.length ? [] : fits;
}

function stringArb(
  schema: Schema,
  def: Def,
  ctx: DeriveContext,
  field: string | undefined,
): fc.Arbitrary<unknown> {
  const shaped = probed(schema);
  const plain = plainStringArb(def, ctx, field);
  return shaped.length > 0 ? fc.oneof({ arbitrary: fc.oneof(...shaped), weight: 4 }, plain) : plain;
}

function plainStringArb(def: Def, ctx: DeriveContext, field: string | undefined): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  let min = 0;
  let max = 40;
  let pattern: RegExp | undefined;
  for (const c of checks) {
    if (c.check === 'min_length') min = c.minimum;
    if (c.check === 'max_length') max = c.maximum;
    if (c.check === 'length_equals') min = max = c.length;
    if (c.check === 'string_format' && c.pattern instanceof RegExp) pattern = c.pattern;
  }
  const known = field ? (ctx.knownStrings?.[field] ?? []) : [];
  const withKnown = (a: fc.Arbitrary<unknown>) =>
    known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 2 }, a) : a;
  switch (def.format) {
    case 'uuid':
    case 'guid': {
      const fitting = ctx.idsFor?.(field) ?? [];
      return fc.oneof(
        ...(fitting.length > 0 ? [{ arbitrary: fc.constantFrom(...fitting), weight: 8 }] : []),
        { arbitrary: fc.constantFrom(...ctx.knownIds), weight: 1 },
        { arbitrary: fc.uuid(), weight: 1 },
        ...(ctx.harvested ? [{ arbitrary: harvestedId(ctx.harvested), weight: 2 }] : []),
      );
    }
    case 'email':
      return withKnown(fc.oneof(fc.emailAddress(), fc.stringMatching(def.pattern as RegExp)));
    case 'url':
      return fc.webUrl();
    default:
      break;
  }
  const re = def.pattern instanceof RegExp ? def.pattern : pattern;
  if (re) return withKnown(patterned(re));
  const upper = Math.max(min, Math.min(max, min + 60));
  return withKnown(
    fc.oneof(
      { arbitrary: fc.string({ minLength: min, maxLength: upper }), weight: 3 },
      { arbitrary: fc.string({ minLength: min, maxLength: upper, unit: 'grapheme' }), weight: 1 },
      // At the length limits: the edge where trimming and counting units disagree.
      {
        arbitrary: fc.constantFrom('a'.repeat(Math.min(max, 100_000)), 'é'.repeat(Math.min(max, 100_000))),
        weight: 1,
      },
    ),
  );
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let minExcluded = false;
  let maxExcluded = false;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than') {
      min = Number(c.value);
      minExcluded = !c.inclusive;
    }
    if (c.check === 'less_than') {
      max = Number(c.value);
      maxExcluded = !c.inclusive;
    }
    if (c.check === 'number_format') integer = c.format !== 'float32' && c.format !== 'float64';
    if (c.check === 'multiple_of' && Number(c.value) === 1) integer = true;
  }
  if (integer) {
    const lo = Math.max(Number.MIN_SAFE_INTEGER, Math.ceil(minExcluded ? min + 1 : min));
    const hi = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(maxExcluded ? max - 1 : max));
    if (lo > hi) return fc.constant(lo);
    return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
  }
  return fc.oneof(
    fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...[min, max].filter((_v, i) => (i === 0 ? !minExcluded : !maxExcluded))),
    fc.integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) }),
  );
}

const isoDateTime = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/**
 * Strings matching `re`; date and month patterns get real calendar values most of the time (a
 * regex alone makes 2026-19-45, which the hostile variants send anyway).
 */
function patterned(re: RegExp): fc.Arbitrary<string> {
  for (const cut of [10, 7]) {
    if (re.test('2026-03-15T00:00:00.000Z'.slice(0, cut))) {
      return fc.oneof(
        { arbitrary: days.map((d) => d.toISOString().slice(0, cut)), weight: 4 },
        { arbitrary: fc.stringMatching(re), weight: 1 },
      );
    }
  }
  return fc.stringMatching(re);
}

/** A plausible value for `schema`; `field` is the object key it sits under, if any. */
export function derive(schema: Schema, ctx: DeriveContext, field?: string, depth = 0): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  if (depth > MAX_DEPTH) return fc.constant(null);
  const next = (s: Schema, f = field) => derive(s, ctx, f, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArb(schema, def, ctx, field);
    case 'number':
      return numberArb(def);
    case 'int':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'date':
      // JSON has no dates: the API coerces ISO strings (and epoch numbers) into them.
      return fc.oneof(
        { arbitrary: soon, weight: 4 },
        isoDateTime,
        fc.integer({ min: 0, max: 2_500_000_000_000 }),
      );
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String);
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      const keys = Object.keys(shape);
      // Optional keys are left out two times in three: each one present is one more chance for
      // the whole input to miss validation, and calls should also reach the services.
      const model = Object.fromEntries(
        keys.map((k) => {
          const arb = next(shape[k]!, k);
          const optional = ['optional', 'default', 'prefault'].includes(shape[k]!._zod.def.type);
          return [k, optional ? fc.oneof({ arbitrary: fc.constant(OMIT), weight: 2 }, arb) : arb];
        }),
      );
      return fc.record(model).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== OMIT)));
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      return next(def.innerType);
    case 'nullable':
      return fc.option(next(def.innerType), { nil: null, freq: 5 });
    case 'array': {
      const checks = checksOf(def);
      const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      const max = checks.find((c) => c.check === 'max_length')?.maximum ?? 5;
      return fc.array(next(def.element), { minLength: min, maxLength: Math.max(min, Math.min(max, 6)) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as Schema[]).map((s) => next(s)));
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((s) => next(s)));
    case 'intersection':
      return fc
        .tuple(next(def.left), next(def.right))
        .map(([a, b]) => (typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    case 'record':
    case 'map':
      return fc.dictionary(next(def.keyType).map(String), next(def.valueType), { maxKeys: 3 });
    case 'pipe':
      // A transform's input side is what travels over the wire.
      return next(def.in);
    case 'lazy':
      return next(def.getter());
    case 'any':
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      unknownKinds.add(def.type);
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** The top-level keys of an object input (through pipes and defaults), for hostile field swaps. */
export function objectKeys(schema: Schema): string[] {
  let def = schema._zod.def;
  for (let i = 0; i < 10 && def.type !== 'object'; i++) {
    const inner = def.innerType ?? def.in;
    if (!inner) return [];
    def = inner._zod.def;
  }
  return def.type === 'object' ? Object.keys(def.shape) : [];
}
