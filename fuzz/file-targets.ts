/**
 * The file routes outside tRPC: photos (GET by id and size, multipart upload) and the impact
 * exports (CSV and JSON, their query derived from the dashboard's input schema).
 */
import fc from 'fast-check';
import { type DeriveContext, derive } from './derive.ts';
import type { Fixture } from './fixture.ts';
import { ROLES } from './fixture.ts';
import { applyMutation, mutationArb, RawJson, toJson } from './hostile.ts';
import { anyString, appProcedures, type Case, csrf, encodeAny, type Target } from './target-kit.ts';

export function photoTargets(fixture: Fixture): Target[] {
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

export function impactExportTargets(fixture: Fixture): Target[] {
  const schema = appProcedures()['impact.dashboard']!._def.inputs[0]!;
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
