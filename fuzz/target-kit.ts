/**
 * What every fuzz target shares: the case a target turns into one HTTP request, percent-encoding,
 * the headers, the raw framings (bodies and query strings that are not what tRPC expects), any
 * string, and the app router's procedures.
 */
import fc from 'fast-check';
import { appRouter, schemaOfParser } from '../packages/api/src/index.ts';
import type { Schema } from './derive.ts';
import type { RoleName } from './fixture.ts';
import { hostileStrings } from './hostile.ts';

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

export const jsonHeaders = { 'content-type': 'application/json' };
export const csrf = { 'x-retaille-csrf': '1' };

/** Raw framings: bodies and query strings that are not what tRPC expects. */
export const rawPostBodies: { name: string; body: string | Buffer; contentType?: string }[] = [
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

export const rawQueries: { name: string; query: string }[] = [
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

export const anyString = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileStrings), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.uuid(), weight: 1 },
);

export interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: Schema[] };
}

/**
 * The app router's procedures by name (tRPC keeps them, with their input parsers, on `_def`), each
 * input as its zod schema (the router hands tRPC `syncSchema` wrappers).
 */
export const appProcedures = (): Record<string, ProcedureDef> =>
  Object.fromEntries(
    Object.entries(
      (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
    ).map(([name, proc]) => [
      name,
      { _def: { type: proc._def.type, inputs: proc._def.inputs.map((i) => schemaOfParser(i) as Schema) } },
    ]),
  );
