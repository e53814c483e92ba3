import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices();
  app = await buildServer({ config: services.config, services });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

async function signedIn() {
  const client = new TestClient(app, services.config.publicUrl);
  const user = await createTestUser(services);
  await client.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
  return (client as unknown as { cookieHeader(): string }).cookieHeader();
}

function upload(cookie: string, data: Buffer) {
  const boundary = `----retaille${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/photos',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, 'x-retaille-csrf': '1' },
    payload,
  });
}

describe('photo limits over HTTP', () => {
  it('refuses the 61st upload of the day with a bilingual quota error, for that account only', async () => {
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#777' } })
      .png()
      .toBuffer();
    const cookie = await signedIn();
    for (let i = 0; i < 60; i++) expect((await upload(cookie, png)).statusCode).toBe(200);
    const refused = await upload(cookie, png);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      error: {
        status: 429,
        key: 'photo.quotaExceeded',
        fields: [
          {
            path: 'photo',
            key: 'photo.quotaExceeded',
            fr: expect.stringContaining('60 photos par 24 heures'),
            en: expect.stringContaining('60 photos per 24 hours'),
          },
        ],
      },
    });
    expect((await upload(await signedIn(), png)).statusCode).toBe(200);
  });

  it('answers 404, never 500, for malformed photo ids', async () => {
    for (const id of [
      '------------------------------------',
      'ffffffff-ffff-ffff-ffff-fffffffffff-',
      '00000000-0000-0000-0000-00000000000g',
      '%27%20or%201%3D1--',
      'x'.repeat(300),
      '00000000-0000-4000-8000-000000000000',
    ]) {
      for (const size of ['', '?size=thumb']) {
        const r = await app.inject(`/api/photos/${id}${size}`);
        expect(r.statusCode, id).toBe(404);
        expect(r.json()).toMatchObject({ error: { key: 'error.notFound' } });
      }
    }
  });
});
