/**
 * The tRPC targets: every procedure of the app router, its input schema read from the
 * procedure's parsers, called as each role with valid, hostile and wholly wrong inputs, by its
 * own method and by the wrong ones, batched, without the CSRF header, and in raw framings.
 */
import fc from 'fast-check';
import { type DeriveContext, derive, type Schema } from './derive.ts';
import type { Fixture, RoleName } from './fixture.ts';
import { applyMutation, hostileValue, type Mutation, mutationArb, toJson } from './hostile.ts';
import {
  appProcedures,
  type Case,
  csrf,
  encodeAny,
  jsonHeaders,
  rawPostBodies,
  rawQueries,
  type Target,
} from './target-kit.ts';

type InputKind =
  | { kind: 'valid'; value: unknown }
  | { kind: 'hostile'; value: unknown; m: Mutation }
  | { kind: 'root'; value: unknown };

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

/** Every role, the ones that own or may act on the data set a bit more often. */
const roleArb: fc.Arbitrary<RoleName> = fc.oneof(
  { arbitrary: fc.constant<RoleName>('anonymous'), weight: 1 },
  { arbitrary: fc.constant<RoleName>('designer'), weight: 2 },
  { arbitrary: fc.constant<RoleName>('owner'), weight: 3 },
  { arbitrary: fc.constant<RoleName>('coordinator'), weight: 1 },
  { arbitrary: fc.constant<RoleName>('admin'), weight: 2 },
);

export function procedureTargets(fixture: Fixture, seedFor: (name: string) => number): Target[] {
  const procedures = appProcedures();
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
