import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

// What the fuzz suite (fuzz/) found after the first round of hardening, each replayed as one call.
const ORIGIN = 'http://localhost:3000';
let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices({ PUBLIC_URL: ORIGIN });
  app = await buildServer({ config: services.config, services });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

describe('inputs the fuzz suite found answering 500 or an unnamed 400', () => {
  it('answers an impact export with impossible filters with the fields named', async () => {
    const c = new TestClient(app, ORIGIN);
    for (const q of ['from=2026-13&to=2026-14', 'from=2026-05&to=2026-01', 'kind=everything']) {
      const r = await c.request('GET', `/api/impact/export.csv?${q}`);
      expect(r.statusCode, q).toBe(400);
      const body = r.json() as { error: { key: string; fields: { path: string; fr: string; en: string }[] } };
      expect(body.error.key).toBe('validation.failed');
      expect(body.error.fields.length, q).toBeGreaterThan(0);
      for (const f of body.error.fields) {
        expect(f.path, q).not.toBe('');
        expect(f.fr && f.en, q).toBeTruthy();
      }
    }
  });

  it('refuses a sign-in body that is not an object without a 500', async () => {
    const c = new TestClient(app, ORIGIN);
    for (const body of [null, 1, 'x', [1, 2]]) {
      const r = await c.auth('/sign-in/email', body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
  });

  it('takes denormal coordinates as zero digits and refuses a sub-metre radius, never a database underflow', async () => {
    const c = new TestClient(app, ORIGIN);
    const point = { kind: 'point', lat: 45, lon: 5e-324 };
    const search = await c.query('lots.search', { point, radiusKm: 50 });
    expect(search.status).toBe(200);
    const tiny = await c.query('lots.search', {
      point: { kind: 'point', lat: 45, lon: 5 },
      radiusKm: 8e-323,
    });
    expect(tiny.status).toBe(400);
    expect(JSON.stringify(tiny.error)).toContain('radiusKm');

    const user = await createTestUser(services);
    const designer = new TestClient(app, ORIGIN);
    expect(
      (await designer.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    const open = await designer.query('requests.listOpen', { point: { ...point, lon: 4e-323 } });
    expect(open.status).toBe(200);
    const created = await designer.mutate<{ id: string }>('requests.create', {
      title: 'Chutes de chêne',
      materialKeys: ['oak'],
      unit: 'kg',
      quantityMin: 1,
      quantityMax: 5,
      maxDistanceKm: 50,
      point: { kind: 'point', lat: 45, lon: -9e-323 },
    });
    expect(created.status).toBe(200);
    expect(created.data.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses notification preferences naming a kind twice on the second line, and changes nothing', async () => {
    const user = await createTestUser(services);
    const c = new TestClient(app, ORIGIN);
    expect((await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );
    const before = await c.query('notifications.preferences');
    const r = await c.mutate('notifications.setPreferences', {
      changes: [
        { kind: 'dispute_resolved', mode: 'digest' },
        { kind: 'dispute_resolved', mode: 'immediate' },
      ],
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.error)).toContain('changes.1.kind');
    expect(JSON.stringify(r.error)).toContain('notifications.duplicateKind');
    expect((await c.query('notifications.preferences')).data).toEqual(before.data);
  });
});
